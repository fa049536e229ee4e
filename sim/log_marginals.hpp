#pragma once
// The marginals calibration compares (docs/calibration.md): one function measures them on a
// stream of LoggedEvents, so a real log and a simulation converted to the same schema are
// measured by the same code and their numbers are comparable.
#include <cstdint>
#include <vector>

#include "event_log.hpp"

namespace promosim {

/// Click-through rate at one 1-based slate position, from impression events.
struct PositionCtr {
  std::int32_t position = 0;
  std::uint64_t impressions = 0, clicks = 0;
  double ctr = 0.0;
};

struct LogMarginals {
  std::uint64_t sessions = 0;         ///< sessions with at least one view or click (the only ones counted)
  std::uint64_t shoppers = 0;         ///< distinct shoppers of those sessions
  bool had_session_ids = false;       ///< false: sessions were split by the 30-minute gap
  // Funnel over distinct (session, item) pairs of the counted sessions.
  std::uint64_t viewed_pairs = 0;     ///< pairs with any view, click, cart or purchase
  std::uint64_t cart_pairs = 0;       ///< pairs carted or purchased (a purchase implies the cart stage)
  std::uint64_t purchase_pairs = 0;   ///< pairs purchased
  double view_to_cart = 0.0;          ///< cart_pairs / viewed_pairs; NaN without views
  double cart_to_purchase = 0.0;      ///< purchase_pairs / cart_pairs; NaN without carts
  // Views (view or click events) per counted session.
  std::vector<double> views_per_session;  ///< one value per session, ascending
  double views_mean = 0.0, views_median = 0.0, views_p90 = 0.0, views_max = 0.0;
  // Prices of viewed items (view and click events with a positive price).
  std::uint64_t priced_views = 0;
  double price_median = 0.0;          ///< NaN without prices
  double log_price_sd = 0.0;          ///< population sd of ln(price); NaN without prices
  // Arrivals (NaN when the log has no times or spans no time).
  double span_hours = 0.0;            ///< first to last event of the counted sessions
  double sessions_per_hour = 0.0;     ///< session starts per hour over the span
  double median_return_gap_hours = 0.0;  ///< median gap between a shopper's consecutive session starts
  double visits_per_shopper_day = 0.0;   ///< zero-truncated Poisson estimate (see visits_per_day)
  std::vector<PositionCtr> ctr_by_position;  ///< empty when no impression carries a position
};

/// Measures the marginals of `events` (any order). Sessions come from the events' session ids;
/// events without one (kNoSession) are split per shopper at gaps over kSessionGapSeconds.
LogMarginals measure_log_marginals(std::vector<LoggedEvent> events);

/// Visits per shopper per day from the mean sessions per observed shopper over a window of
/// `days`: a log only shows shoppers who came at least once, so the count per shopper is a
/// zero-truncated Poisson with mean m / (1 - e^-m); m is solved for and divided by `days`.
double visits_per_day(double mean_sessions_per_shopper, double days);


}  // namespace promosim
