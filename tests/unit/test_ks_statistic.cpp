// The two-sample KS statistic on hand-computed discrete samples (sim/ks_statistic.cpp).
#include <catch2/catch.hpp>
#include <cmath>

#include "ks_statistic.hpp"

using promosim::ks_two_sample_statistic;

TEST_CASE("KS statistic: hand-computed discrete example with ties") {
  // a = {1, 1, 2, 3}: F_a(1) = 0.5, F_a(2) = 0.75, F_a(3) = 1.
  // b = {1, 2, 2, 2, 4}: F_b(1) = 0.2, F_b(2) = 0.8, F_b(3) = 0.8, F_b(4) = 1.
  // Differences at 1, 2, 3, 4: 0.3, 0.05, 0.2, 0 -> D = 0.3 (evaluated after the ties at 1).
  CHECK(ks_two_sample_statistic({1, 1, 2, 3}, {1, 2, 2, 2, 4}) == Approx(0.3));
  CHECK(ks_two_sample_statistic({3, 1, 2, 1}, {4, 2, 1, 2, 2}) == Approx(0.3));  // order does not matter
}

TEST_CASE("KS statistic: identical, disjoint and empty samples") {
  CHECK(ks_two_sample_statistic({1, 2, 2, 5}, {5, 2, 1, 2}) == 0.0);
  CHECK(ks_two_sample_statistic({1, 1}, {2, 3, 4}) == 1.0);
  CHECK(std::isnan(ks_two_sample_statistic({}, {1})));
}
