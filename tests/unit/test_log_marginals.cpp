// The calibration marginals (sim/log_marginals.cpp) on hand-computed fixtures: funnel at the
// (session, item) level with purchases counting as the cart stage, views per session, viewed
// prices, arrivals, sessions split at 30-minute gaps when the log has no session ids.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "log_adapter.hpp"
#include "log_marginals.hpp"

using namespace promosim;

namespace {

std::string fixture(const std::string& name) { return std::string(PROMOSIM_TEST_SOURCE_DIR) + "/fixtures/logs/" + name; }

std::vector<LoggedEvent> read_log(const std::string& file, const std::string& mapping) {
  std::vector<LoggedEvent> events;
  IngestSummary summary;
  const IngestPolicy policy{OnBadRow::kFail, ShopperPseudonym::from_secret("unit-test secret key"), 0};
  make_log_adapter("generic", fixture(mapping))
      ->read(fixture(file), policy, [&](const LoggedEvent& e) { events.push_back(e); }, summary);
  return events;
}

}  // namespace

TEST_CASE("log marginals: the hand-computed fixture") {
  // calibrate_hand.csv: sessions s1 (a: 3 views, i2 carted and bought), s2 (a: 1 view, i4 bought
  // without view or cart), s3 (b: 1 view, i1 carted), s4 (c: a purchase only, no view: not
  // counted), s5 (b: 2 views).
  const LogMarginals m = measure_log_marginals(read_log("calibrate_hand.csv", "calibrate_mapping.yaml"));
  CHECK(m.had_session_ids);
  CHECK(m.sessions == 4);
  CHECK(m.shoppers == 2);
  CHECK(m.viewed_pairs == 7);   // s1 {i1, i2}, s2 {i3, i4}, s3 {i1}, s5 {i2, i3}
  CHECK(m.cart_pairs == 3);     // s1 i2, s2 i4 (bought: the cart stage), s3 i1
  CHECK(m.purchase_pairs == 2); // s1 i2, s2 i4
  CHECK(m.view_to_cart == 3.0 / 7.0);
  CHECK(m.cart_to_purchase == 2.0 / 3.0);
  CHECK(m.views_per_session == std::vector<double>{1, 1, 2, 3});
  CHECK(m.views_mean == 1.75);
  CHECK(m.views_median == 1.5);
  CHECK(m.views_p90 == Approx(2.7));
  CHECK(m.views_max == 3);
  // Viewed prices 10, 10, 10, 20, 20, 40, 40 (the bought i4 at 80 was not viewed).
  CHECK(m.priced_views == 7);
  CHECK(m.price_median == 20);
  const double mean_log = (3 * std::log(10.0) + 2 * std::log(20.0) + 2 * std::log(40.0)) / 7;
  const double var_log = (3 * std::pow(std::log(10.0) - mean_log, 2) + 2 * std::pow(std::log(20.0) - mean_log, 2) +
                          2 * std::pow(std::log(40.0) - mean_log, 2)) / 7;
  CHECK(m.log_price_sd == Approx(std::sqrt(var_log)).epsilon(1e-12));
  // Events of the counted sessions span 0 .. 10,860 s; each shopper returned after 2 hours.
  CHECK(m.span_hours == Approx(10860.0 / 3600.0));
  CHECK(m.sessions_per_hour == Approx(4 / (10860.0 / 3600.0)));
  CHECK(m.median_return_gap_hours == 2.0);
  // Two sessions per shopper: m / (1 - e^-m) = 2 over 10,860 s.
  const double per_window = m.visits_per_shopper_day * 10860.0 / 86400.0;
  CHECK(per_window / -std::expm1(-per_window) == Approx(2.0).epsilon(1e-9));
  CHECK(m.ctr_by_position.empty());
}

TEST_CASE("log marginals: without session ids a shopper's events over 30 minutes apart start a new session") {
  // a: 0, 600, 2400 (exactly 30 minutes after 600: same session), 4300 (31m40s later: new);
  // b: 100, then 5000 and 5100 (a view and a purchase, one session).
  const LogMarginals m = measure_log_marginals(read_log("calibrate_no_sessions.csv", "calibrate_no_session_mapping.yaml"));
  CHECK_FALSE(m.had_session_ids);
  CHECK(m.sessions == 4);
  CHECK(m.views_per_session == std::vector<double>{1, 1, 1, 3});
  CHECK(m.viewed_pairs == 6);  // a1 {i1, i2, i3}, a2 {i1}, b1 {i2}, b2 {i2}
  CHECK(m.cart_pairs == 1);    // b2 i2, bought without a cart event
  CHECK(m.purchase_pairs == 1);
}

TEST_CASE("log marginals: CTR by position from impressions; none without positions") {
  std::vector<LoggedEvent> events;
  for (int i = 0; i < 4; ++i) {
    LoggedEvent e;
    e.kind = EventKind::kImpression;
    e.shopper = 1;
    e.time = 1000 + i;
    e.position = 1 + i % 2;
    e.reward = i == 0 ? 1.0 : 0.0;  // one click, at position 1
    events.push_back(e);
  }
  const LogMarginals m = measure_log_marginals(events);
  REQUIRE(m.ctr_by_position.size() == 2);
  CHECK(m.ctr_by_position[0].position == 1);
  CHECK(m.ctr_by_position[0].ctr == 0.5);
  CHECK(m.ctr_by_position[1].ctr == 0.0);
  CHECK(m.sessions == 1);  // the clicked impression is a view
}

TEST_CASE("visits per day: the zero-truncated Poisson mean inverted") {
  CHECK(visits_per_day(1.0, 2.0) == 0.0);
  const double m = visits_per_day(1.5, 1.0);
  CHECK(m / -std::expm1(-m) == Approx(1.5).epsilon(1e-12));
  CHECK(visits_per_day(3.0, 2.0) == Approx(visits_per_day(3.0, 1.0) / 2));
  CHECK(std::isnan(visits_per_day(2.0, 0.0)));
}
