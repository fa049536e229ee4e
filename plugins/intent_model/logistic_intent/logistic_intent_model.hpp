#pragma once
// Logistic intent: the probability that a session ends in a purchase, by logistic regression on
// standardised features of the shopper's record, their own recent events, the campaign phase
// and their segment. Fitted by Newton's method on the history, then updated online by SGD.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "intent_tick_summary.hpp"
#include "online_logistic_regression.hpp"
#include "promosim/sdk.hpp"
#include "shopper_activity.hpp"

namespace promosim::plugins {

struct LogisticIntentConfig {
  double learning_rate = 0.0;            ///< online SGD step per session
  double l2 = 0.0;                       ///< penalty on every weight but the bias
  int newton_iterations = 1;             ///< most Newton steps in fit()
  double recency_half_life_hours = 1.0;  ///< age at which the purchase-recency decay feature halves
  double activity_half_life_hours = 1.0; ///< age at which a click or cart counts half in the activity counts
};

class LogisticIntentModel {
 public:
  /// Feature slots, in order. The continuous ones (first_standardised .. last_standardised) are
  /// standardised; indicators and one-hots are 0/1. Then come one indicator per phase, one
  /// phase-progress value per phase and one indicator per segment.
  enum Feature : std::size_t {
    kBias,
    kLogVisits,             ///< ln(1 + earlier visits)
    kLogPurchases,          ///< ln(1 + earlier purchased units)
    kRecentItems,           ///< recently clicked items the engine lists (0..5)
    kLogRecentClicks,       ///< ln(1 + decayed clicks)
    kLogRecentCarts,        ///< ln(1 + decayed add-to-carts)
    kLogOpenCart,           ///< ln(1 + items carted and not bought)
    kOpenCartEarlierPhase,  ///< of those, carted in an earlier timeline phase
    kPriceLevel,            ///< average ln(list price / category median) of the shopper's events
    kDiscountLevel,         ///< average discount shown with the shopper's events
    kLogDaysSinceVisit,     ///< ln(1 + days since the last visit), 0 when unknown
    kLogDaysSincePurchase,  ///< ln(1 + days since the last purchase), 0 when unknown
    kPurchaseRecency,       ///< 0.5^(hours since the last purchase / half-life), 0 when unknown
    kFirstVisit,            ///< no earlier visit
    kVisitUndated,          ///< earlier visits, but none dated (history only)
    kNeverBought,           ///< no earlier purchase
    kPurchaseUndated,       ///< earlier purchases, but none dated (history only)
    kNoEvents,              ///< no event of the shopper seen yet
    kPhaseFeatures,         ///< first phase indicator
  };
  static constexpr std::size_t kFirstStandardised = kLogVisits;
  static constexpr std::size_t kLastStandardised = kPurchaseRecency;

  LogisticIntentModel(const CatalogView& catalog, std::uint32_t shopper_count, std::uint32_t segment_count,
                      const PhaseView* phases, std::uint32_t phase_count, std::uint32_t ticks_per_day,
                      const LogisticIntentConfig& config);

  std::size_t feature_count() const { return feature_count_; }

  /// Writes the raw (unstandardised) features of a session at `tick` in `phase` (kHistoryPhase
  /// for history sessions; a phase outside the timeline also gets no phase feature) into
  /// `x` (feature_count() values). Throws std::out_of_range for an unknown shopper or segment.
  void encode(const SessionView& view, TickIndex tick, std::uint16_t phase, double* x) const;
  /// Standardises encoded features in place: (x − mean) / scale for the continuous ones.
  void standardise(double* x) const;

  /// Learns from the history: replays its sessions in order, each encoded with the shopper's
  /// activity up to that session, sets the standardisation from them, and fits by Newton's
  /// method. History events must come shopper by shopper, visit by visit, each session's
  /// clicks + carts + purchases events in a row, as the sessions do (std::invalid_argument if
  /// not). Returns the number of Newton iterations made.
  int fit_history(const SessionOutcome* sessions, std::size_t session_count, EventSpan events);

  /// Learns from a finished tick: one SGD step per session (scored first, for the summary), then
  /// the tick's events update the shoppers' activity.
  IntentTickSummary learn_tick(TickIndex tick, std::uint16_t phase, const SessionOutcome* sessions,
                               std::size_t session_count, EventSpan events);

  /// Writes each session's purchase probability. const and thread-safe.
  void predict(const SessionBatch& batch, float* intent) const;
  /// Probability for one session (standardised features of encode()).
  double probability(const SessionView& view, TickIndex tick, std::uint16_t phase) const;

 private:
  void set_standardisation(const std::vector<float>& rows, std::size_t count);

  std::uint32_t segment_count_;
  std::vector<PhaseView> phases_;
  double hours_per_tick_;
  double recency_decay_per_hour_;  // ln 2 / recency half-life
  LogisticIntentConfig config_;
  std::size_t feature_count_;
  ShopperActivityLog activity_;
  OnlineLogisticRegression regression_;
  std::vector<double> mean_;   // per feature; 0 outside the standardised range
  std::vector<double> scale_;  // per feature; 1 outside the standardised range
};

}  // namespace promosim::plugins
