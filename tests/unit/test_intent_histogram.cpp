// The intent model's calibration deciles, cut from a histogram of scores.
#include <catch2/catch.hpp>

#include "intent_histogram.hpp"

using namespace promosim;

TEST_CASE("calibration deciles: ranked scores cut in tenths, with their conversion", "[engine]") {
  IntentHistogram histogram;
  // 20 sessions at scores 0.05, 0.10, ..., 1.00; every fourth converts.
  for (int s = 1; s <= 20; ++s) histogram.add(0.05f * static_cast<float>(s), s % 4 == 0);
  const std::vector<CalibrationRecord> rows = histogram.deciles(2, 1);
  REQUIRE(rows.size() == 10);
  for (std::uint32_t d = 0; d < 10; ++d) {
    INFO("decile " << d);
    CHECK(rows[d].arm == 2);
    CHECK(rows[d].replicate == 1);
    CHECK(rows[d].decile == d);
    CHECK(rows[d].sessions == 2);
    CHECK(rows[d].mean_predicted == Approx(0.05 * (2 * d + 1.5)));  // scores 0.1d + 0.05 and 0.1d + 0.1
    CHECK(rows[d].converted == (d % 2 == 1 ? 1u : 0u));             // sessions 4, 8, ... sit in odd deciles
  }
}

TEST_CASE("calibration deciles: a constant score fills one decile; merging adds counts", "[engine]") {
  IntentHistogram a, b;
  for (int s = 0; s < 30; ++s) a.add(0.5f, s < 3);
  for (int s = 0; s < 10; ++s) b.add(0.5f, false);
  a.merge(b);
  const std::vector<CalibrationRecord> rows = a.deciles(0, 0);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].decile == 5);
  CHECK(rows[0].sessions == 40);
  CHECK(rows[0].converted == 3);
  CHECK(rows[0].mean_predicted == Approx(0.5));
}
