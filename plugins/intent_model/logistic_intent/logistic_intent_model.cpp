#include "logistic_intent_model.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "history_event_cursor.hpp"

namespace promosim::plugins {
namespace {

/// Weight of the newest event in the shopper's price-level and discount averages: about the
/// last three events count (0.3 + 0.21 + 0.15 of the weight).
constexpr double kAverageWeight = 0.3;
/// Newton stops once no weight moves by more than this.
constexpr double kNewtonTolerance = 1e-7;
/// A feature whose standard deviation over the history is below this does not vary there (e.g.
/// recency, undated in the history) and is left unscaled.
constexpr double kConstantFeature = 1e-9;

/// Hours from `since` to `now`, or a negative value when `since` is unknown.
double hours_since(TickIndex since, TickIndex now, double hours_per_tick) {
  if (since == kNever) return -1.0;
  return now > since ? static_cast<double>(now - since) * hours_per_tick : 0.0;
}

}  // namespace

LogisticIntentModel::LogisticIntentModel(const CatalogView& catalog, std::uint32_t shopper_count,
                                         std::uint32_t segment_count, const PhaseView* phases,
                                         std::uint32_t phase_count, std::uint32_t ticks_per_day,
                                         const LogisticIntentConfig& config)
    : segment_count_(segment_count),
      phases_(phases, phases + (phases == nullptr ? 0 : phase_count)),
      hours_per_tick_(24.0 / ticks_per_day),
      recency_decay_per_hour_(std::log(2.0) / config.recency_half_life_hours),
      config_(config),
      feature_count_(kPhaseFeatures + 2 * phases_.size() + segment_count),
      activity_(catalog, shopper_count, std::pow(0.5, hours_per_tick_ / config.activity_half_life_hours),
                kAverageWeight),
      regression_(feature_count_, config.l2),
      mean_(feature_count_, 0.0),
      scale_(feature_count_, 1.0) {}

void LogisticIntentModel::encode(const SessionView& view, TickIndex tick, std::uint16_t phase, double* x) const {
  const ShopperActivity& a = activity_.at(view.shopper);
  if (view.segment >= segment_count_) {
    throw std::out_of_range("session of shopper " + std::to_string(view.shopper) + " is in segment " +
                            std::to_string(view.segment) + " of " + std::to_string(segment_count_));
  }
  std::fill(x, x + feature_count_, 0.0);
  x[kBias] = 1.0;
  x[kLogVisits] = std::log1p(static_cast<double>(view.visits));
  x[kLogPurchases] = std::log1p(static_cast<double>(view.purchases));
  x[kRecentItems] = std::min<double>(view.recent_count, kRecentItems);
  x[kLogRecentClicks] = std::log1p(activity_.decayed(a.clicks, a.as_of, tick));
  x[kLogRecentCarts] = std::log1p(activity_.decayed(a.carts, a.as_of, tick));
  x[kLogOpenCart] = std::log1p(static_cast<double>(a.open_count));
  x[kOpenCartEarlierPhase] = phase == kHistoryPhase ? 0.0 : static_cast<double>(a.open_from_earlier_phase(phase));
  x[kPriceLevel] = a.price_level;
  x[kDiscountLevel] = a.discount_level;
  // Unknown times are flagged by the indicators below and contribute 0 here, rather than a
  // made-up age.
  const double visit_hours = hours_since(view.last_visit_tick, tick, hours_per_tick_);
  const double purchase_hours = hours_since(view.last_purchase_tick, tick, hours_per_tick_);
  if (visit_hours >= 0.0) x[kLogDaysSinceVisit] = std::log1p(visit_hours / 24.0);
  if (purchase_hours >= 0.0) {
    x[kLogDaysSincePurchase] = std::log1p(purchase_hours / 24.0);
    x[kPurchaseRecency] = std::exp(-recency_decay_per_hour_ * purchase_hours);
  }
  x[kFirstVisit] = view.visits == 0 ? 1.0 : 0.0;
  x[kVisitUndated] = view.visits > 0 && view.last_visit_tick == kNever ? 1.0 : 0.0;
  x[kNeverBought] = view.purchases == 0 ? 1.0 : 0.0;
  x[kPurchaseUndated] = view.purchases > 0 && view.last_purchase_tick == kNever ? 1.0 : 0.0;
  x[kNoEvents] = a.events == 0 ? 1.0 : 0.0;
  const std::size_t phase_count = phases_.size();
  if (phase < phase_count) {
    const PhaseView& p = phases_[phase];
    x[kPhaseFeatures + phase] = 1.0;
    const double into = tick >= p.first_tick ? static_cast<double>(tick - p.first_tick) + 0.5 : 0.0;
    x[kPhaseFeatures + phase_count + phase] = std::min(1.0, into / std::max<TickIndex>(p.tick_count, 1));
  }
  x[kPhaseFeatures + 2 * phase_count + view.segment] = 1.0;
}

void LogisticIntentModel::standardise(double* x) const {
  for (std::size_t j = kFirstStandardised; j <= kLastStandardised; ++j) x[j] = (x[j] - mean_[j]) / scale_[j];
}

double LogisticIntentModel::probability(const SessionView& view, TickIndex tick, std::uint16_t phase) const {
  std::vector<double> x(feature_count_);
  encode(view, tick, phase, x.data());
  standardise(x.data());
  return regression_.probability(x.data());
}

void LogisticIntentModel::set_standardisation(const std::vector<float>& rows, std::size_t count) {
  if (count == 0) return;
  for (std::size_t j = kFirstStandardised; j <= kLastStandardised; ++j) {
    double sum = 0.0;
    for (std::size_t r = 0; r < count; ++r) sum += rows[r * feature_count_ + j];
    const double mean = sum / static_cast<double>(count);
    double squares = 0.0;
    for (std::size_t r = 0; r < count; ++r) {
      const double d = rows[r * feature_count_ + j] - mean;
      squares += d * d;
    }
    const double sd = std::sqrt(squares / static_cast<double>(count));
    if (sd < kConstantFeature) continue;
    mean_[j] = mean;
    scale_[j] = sd;
  }
}

int LogisticIntentModel::fit_history(const SessionOutcome* sessions, std::size_t session_count, EventSpan events) {
  std::vector<float> rows(session_count * feature_count_);
  std::vector<std::uint8_t> labels(session_count);
  std::vector<double> x(feature_count_);
  HistoryEventCursor cursor(events);
  for (std::size_t s = 0; s < session_count; ++s) {
    encode(sessions[s].view, 0, kHistoryPhase, x.data());
    std::copy(x.begin(), x.end(), rows.begin() + static_cast<std::ptrdiff_t>(s * feature_count_));
    labels[s] = sessions[s].purchases > 0 ? 1 : 0;
    for (const Event& e : cursor.next(sessions[s], s)) activity_.apply(e, kHistoryPhase);
  }
  cursor.finish();
  set_standardisation(rows, session_count);
  for (std::size_t s = 0; s < session_count; ++s) {
    float* row = rows.data() + s * feature_count_;
    for (std::size_t j = kFirstStandardised; j <= kLastStandardised; ++j) {
      row[j] = static_cast<float>((row[j] - mean_[j]) / scale_[j]);
    }
  }
  return regression_.fit_newton(rows, labels, config_.newton_iterations, kNewtonTolerance);
}

IntentTickSummary LogisticIntentModel::learn_tick(TickIndex tick, std::uint16_t phase, const SessionOutcome* sessions,
                                                  std::size_t session_count, EventSpan events) {
  // Encoding reads only what the tick does not change, so blocks of sessions are encoded in
  // parallel, each while the previous block's SGD steps (a sequence, in session order) run.
  constexpr std::size_t kBlock = 8192;
  const std::size_t blocks = (session_count + kBlock - 1) / kBlock;
  std::vector<double> rows[2];  // block b's features in rows[b % 2]
  const auto encode_block = [&](std::size_t b) {
    const std::size_t begin = b * kBlock, end = std::min(session_count, begin + kBlock);
    rows[b % 2].resize((end - begin) * feature_count_);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(begin, end, 512), [&](const auto& range) {
      for (std::size_t s = range.begin(); s != range.end(); ++s) {
        double* x = rows[b % 2].data() + (s - begin) * feature_count_;
        encode(sessions[s].view, tick, phase, x);
        standardise(x);
      }
    });
  };
  IntentTickScore score;
  const auto learn_block = [&](std::size_t b) {
    const std::size_t begin = b * kBlock, end = std::min(session_count, begin + kBlock);
    for (std::size_t s = begin; s < end; ++s) {
      const bool y = sessions[s].purchases > 0;
      const double* x = rows[b % 2].data() + (s - begin) * feature_count_;
      const double p = regression_.sgd_step(x, y, config_.learning_rate);
      score.add(p, OnlineLogisticRegression::log_loss(p, y), y);
    }
  };
  if (blocks > 0) encode_block(0);
  for (std::size_t b = 0; b < blocks; ++b) {
    if (b + 1 < blocks) {
      tbb::parallel_invoke([&] { learn_block(b); }, [&] { encode_block(b + 1); });
    } else {
      learn_block(b);
    }
  }
  activity_.apply(events, phase);
  return score.summary();
}

void LogisticIntentModel::predict(const SessionBatch& batch, float* intent) const {
  std::vector<double> x(feature_count_);
  const TickIndex tick = batch.context->tick;
  const std::uint16_t phase = batch.context->phase;
  for (std::size_t i = 0; i < batch.size; ++i) {
    encode(batch.sessions[i], tick, phase, x.data());
    standardise(x.data());
    intent[i] = static_cast<float>(regression_.probability(x.data()));
  }
}

}  // namespace promosim::plugins
