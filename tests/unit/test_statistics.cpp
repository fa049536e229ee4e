// Statistics against worked values (hand-computed, or computed independently with 30-digit
// arithmetic from the formulas in docs/statistics.md).
#include <catch2/catch.hpp>

#include <cmath>
#include <optional>
#include <vector>

#include "statistics.hpp"

using namespace promosim;

namespace {
Approx rel(double expected) { return Approx(expected).epsilon(1e-6); }
}  // namespace

TEST_CASE("mean, sample variance and t interval of a hand-computed sample", "[statistics]") {
  const std::vector<double> values{2, 4, 4, 4, 5, 5, 7, 9};  // deviations² sum to 32
  CHECK(mean(values) == 5.0);
  CHECK(sample_variance(values) == rel(32.0 / 7.0));
  CHECK(t_critical(0.95, 7) == rel(2.364624252));
  const Interval interval = t_interval(values);
  CHECK(interval.available);
  CHECK(interval.n == 8);
  CHECK(interval.estimate == 5.0);
  CHECK(interval.se == rel(0.755928946));
  CHECK(interval.low == rel(3.212512082));
  CHECK(interval.high == rel(6.787487918));
}

TEST_CASE("compensated summation keeps what naive summation loses", "[statistics]") {
  const std::vector<double> values{1e16, 1.0, -1e16, 1.0};
  CHECK(stable_sum(values) == 2.0);
  CHECK_THROWS_AS(mean(std::vector<double>{}), std::invalid_argument);
  CHECK_THROWS_AS(sample_variance(std::vector<double>{1.0}), std::invalid_argument);
}

TEST_CASE("one replicate gives an estimate but never an interval", "[statistics]") {
  const std::vector<double> one{42.0};
  const Interval total = t_interval(one);
  CHECK(total.estimate == 42.0);
  CHECK_FALSE(total.available);
  const Interval ratio = ratio_interval(std::vector<double>{30}, std::vector<double>{1000});
  CHECK(ratio.estimate == 0.03);
  CHECK_FALSE(ratio.available);
  // A single block cannot be paired into an interval either.
  const LiftEstimate lift = paired_total_lift(std::vector<double>{5}, std::vector<double>{4}, 1);
  CHECK(lift.absolute.estimate == 1.0);
  CHECK_FALSE(lift.absolute.available);
  CHECK_FALSE(lift.p_value.has_value());
}

TEST_CASE("ratio interval is centred on the pooled ratio with the spread of replicate ratios", "[statistics]") {
  const Interval ctr = ratio_interval(std::vector<double>{30, 36, 33}, std::vector<double>{1000, 1100, 1050});
  CHECK(ctr.estimate == rel(99.0 / 3150.0));
  CHECK(ctr.n == 3);
  CHECK(ctr.se == rel(0.000787593307));
  CHECK(ctr.low == rel(0.0280398309));
  CHECK(ctr.high == rel(0.0348173119));
  CHECK(std::isnan(ratio_interval(std::vector<double>{0, 0}, std::vector<double>{0, 0}).estimate));
}

TEST_CASE("paired lift of a total: hand-computed 2 replicates x 2 shards", "[statistics]") {
  // Blocks (r0 s0, r0 s1, r1 s0, r1 s1); differences 1, 2, 0, 3.
  const std::vector<double> arm{10, 12, 11, 15}, base{9, 10, 11, 12};
  const LiftEstimate lift = paired_total_lift(arm, base, 2);
  CHECK(lift.absolute.estimate == 3.0);  // (48 − 42) / 2 replicates
  CHECK(lift.absolute.n == 4);
  CHECK(lift.absolute.se == rel(1.290994449));  // sqrt(4 · (5/3)) / 2
  CHECK(lift.absolute.low == rel(-1.108520514));
  CHECK(lift.absolute.high == rel(7.108520514));
  REQUIRE(lift.p_value.has_value());
  CHECK(*lift.p_value == rel(0.1027280789));
  CHECK(lift.relative.estimate == rel(48.0 / 42.0 - 1.0));
  CHECK(lift.relative.se == rel(0.0585192195));
  CHECK(lift.relative.low == rel(-0.0433771310));
  CHECK(lift.relative.high == rel(0.3290914168));
}

TEST_CASE("paired lift of a ratio metric: delta method with per-block linearisation", "[statistics]") {
  const std::vector<double> arm_clicks{5, 7, 6, 8}, base_clicks{4, 6, 6, 5}, impressions{100, 110, 90, 120};
  const LiftEstimate lift = paired_ratio_lift(arm_clicks, impressions, base_clicks, impressions);
  CHECK(lift.absolute.estimate == rel(26.0 / 420.0 - 21.0 / 420.0));
  CHECK(lift.absolute.se == rel(0.00532356894));
  CHECK(lift.absolute.low == rel(-0.00503721041));
  CHECK(lift.absolute.high == rel(0.0288467342));
  REQUIRE(lift.p_value.has_value());
  CHECK(*lift.p_value == rel(0.1113496826));
  CHECK(lift.relative.estimate == rel(26.0 / 21.0 - 1.0));
  CHECK(lift.relative.se == rel(0.128966281));
  CHECK(lift.relative.low == rel(-0.172333027));
  CHECK(lift.relative.high == rel(0.648523503));
}

TEST_CASE("identical arms give exactly zero lift, CI [0, 0] and p = 1", "[statistics]") {
  const std::vector<double> blocks{10.5, 12.25, 11.0, 15.75}, zeros{0, 0, 0, 0}, impressions{100, 110, 90, 120};
  const auto check_zero = [](const LiftEstimate& lift) {
    for (const Interval* i : {&lift.absolute, &lift.relative}) {
      CHECK(i->estimate == 0.0);
      CHECK(i->se == 0.0);
      CHECK(i->available);
      CHECK(i->low == 0.0);
      CHECK(i->high == 0.0);
    }
    REQUIRE(lift.p_value.has_value());
    CHECK(*lift.p_value == 1.0);
  };
  check_zero(paired_total_lift(blocks, blocks, 2));
  check_zero(paired_ratio_lift(blocks, impressions, blocks, impressions));

  // No discounts in either arm: exactly no difference, but 0 against 0 has no relative lift.
  const LiftEstimate none = paired_total_lift(zeros, zeros, 2);
  CHECK(none.absolute.estimate == 0.0);
  CHECK(none.absolute.available);
  REQUIRE(none.p_value.has_value());
  CHECK(*none.p_value == 1.0);
  CHECK(std::isnan(none.relative.estimate));
  CHECK_FALSE(none.relative.available);
  // No impressions in either arm: the ratio itself is undefined, and so is any lift of it.
  const LiftEstimate undefined = paired_ratio_lift(zeros, zeros, zeros, zeros);
  CHECK(std::isnan(undefined.absolute.estimate));
  CHECK_FALSE(undefined.absolute.available);
  CHECK_FALSE(undefined.p_value.has_value());
}

TEST_CASE("a difference with no spread across blocks has no p-value, not p = 0", "[statistics]") {
  // Only the first block has any impressions: nothing to estimate a spread from.
  const std::vector<double> clicks_a{1, 0, 0, 0}, clicks_b{2, 0, 0, 0}, impressions{10, 0, 0, 0};
  const LiftEstimate lift = paired_ratio_lift(clicks_a, impressions, clicks_b, impressions);
  CHECK(lift.absolute.estimate == Approx(-0.1));
  CHECK_FALSE(lift.p_value.has_value());
}

TEST_CASE("a relative lift over a zero baseline is undefined, not invented", "[statistics]") {
  const LiftEstimate lift = paired_total_lift(std::vector<double>{1, 2, 0, 3}, std::vector<double>{0, 0, 0, 0}, 2);
  CHECK(lift.absolute.estimate == 3.0);
  CHECK(lift.absolute.available);
  CHECK(std::isnan(lift.relative.estimate));
  CHECK_FALSE(lift.relative.available);
}

TEST_CASE("a relative lift over a loss is undefined: only the absolute change is shown", "[statistics]") {
  // Baseline margin -10 per replicate, arm -12: "+20%" would read as a gain.
  const LiftEstimate lift = paired_total_lift(std::vector<double>{-5, -7, -6, -6}, std::vector<double>{-4, -6, -5, -5}, 2);
  CHECK(lift.absolute.estimate == -2.0);
  CHECK(lift.absolute.available);
  CHECK(std::isnan(lift.relative.estimate));
  CHECK_FALSE(lift.relative.available);
}

TEST_CASE("two independent proportions: 200/10,000 vs 240/10,000", "[statistics]") {
  CHECK(z_critical(0.95) == Approx(1.959964).epsilon(1e-6));
  const LiftEstimate lift = two_proportion_lift(200, 10000, 240, 10000);
  CHECK(lift.absolute.estimate == rel(0.004));
  CHECK(lift.absolute.se == Approx(0.00207422).epsilon(1e-5));
  CHECK(lift.absolute.low == Approx(-0.0000654).margin(1e-7));
  CHECK(lift.absolute.high == Approx(0.0080654).margin(1e-7));
  REQUIRE(lift.p_value.has_value());
  CHECK(*lift.p_value == Approx(0.05380).margin(1e-5));
  CHECK(lift.relative.estimate == rel(0.20));
  CHECK(lift.relative.se == rel(0.113631));
  CHECK(lift.relative.low == Approx(-0.022713).margin(1e-6));
  CHECK(lift.relative.high == Approx(0.422713).margin(1e-6));
  CHECK_THROWS_AS(two_proportion_lift(1, 0, 1, 10), std::invalid_argument);
}

TEST_CASE("Holm and Benjamini-Hochberg adjustments", "[statistics]") {
  // Given out of order: adjusted values come back in the input order.
  const std::vector<double> p{0.03, 0.001, 0.2, 0.012, 0.04};
  const std::vector<double> holm = holm_adjust(p);
  const std::vector<double> bh = benjamini_hochberg_adjust(p);
  const std::vector<double> holm_expected{0.09, 0.005, 0.2, 0.048, 0.09};
  const std::vector<double> bh_expected{0.05, 0.005, 0.2, 0.03, 0.05};
  REQUIRE(holm.size() == 5);
  REQUIRE(bh.size() == 5);
  for (std::size_t i = 0; i < p.size(); ++i) {
    CHECK(holm[i] == rel(holm_expected[i]));
    CHECK(bh[i] == rel(bh_expected[i]));
  }
  CHECK(holm_adjust(std::vector<double>{0.6, 0.7})[0] == 1.0);  // capped at 1
  CHECK_THROWS_AS(holm_adjust(std::vector<double>{1.5}), std::invalid_argument);
}

TEST_CASE("independent lift of a total: Welch on the same blocks as the paired example", "[statistics]") {
  // The paired example's data treated as two independent samples (arms on their own random
  // streams): the SE is the sum of both arms' spreads, 2.52 against the paired 1.29.
  const std::vector<double> arm{10, 12, 11, 15}, base{9, 10, 11, 12};
  const LiftEstimate lift = independent_total_lift(arm, base, 2);
  CHECK(lift.absolute.estimate == 3.0);
  CHECK(lift.absolute.se == rel(2.516611478));
  CHECK(lift.absolute.low == rel(-3.508882653));  // Welch df 4.9005
  CHECK(lift.absolute.high == rel(9.508882653));
  REQUIRE(lift.p_value.has_value());
  CHECK(*lift.p_value == rel(0.2877399782));
  CHECK(lift.relative.estimate == rel(48.0 / 42.0 - 1.0));
  CHECK(lift.relative.se == rel(0.1245721696));
  CHECK(lift.relative.low == rel(-0.1720124495));
  CHECK(lift.relative.high == rel(0.4577267352));
}

TEST_CASE("independent lift of a ratio metric: both arms' linearisations, Welch df", "[statistics]") {
  const std::vector<double> arm_clicks{5, 7, 6, 8}, base_clicks{4, 6, 6, 5}, impressions{100, 110, 90, 120};
  const LiftEstimate lift = independent_ratio_lift(arm_clicks, impressions, base_clicks, impressions);
  CHECK(lift.absolute.estimate == rel(5.0 / 420.0));
  CHECK(lift.absolute.se == rel(0.00698974458));
  CHECK(lift.absolute.low == rel(-0.00585760536));
  CHECK(lift.absolute.high == rel(0.0296671292));
  REQUIRE(lift.p_value.has_value());
  CHECK(*lift.p_value == rel(0.1470128767));
  CHECK(lift.relative.se == rel(0.1636846885));
  CHECK(lift.relative.low == rel(-0.1945433192));
  CHECK(lift.relative.high == rel(0.6707337953));
}

TEST_CASE("replicates needed to detect a lift at the observed spread", "[statistics]") {
  // (1.959964 + 0.841621)² · (0.05 / 0.01)² · 3 = 588.67 → 589 replicates for +1% at 80% power.
  CHECK(replicates_to_detect(0.05, 3, 0.01) == std::optional<std::uint64_t>(589));
  CHECK(replicates_to_detect(0.05, 3, -0.01) == std::optional<std::uint64_t>(589));
  // A lift the current replicates already resolve easily still needs 2 for an interval.
  CHECK(replicates_to_detect(0.001, 3, 0.5) == std::optional<std::uint64_t>(2));
  CHECK_FALSE(replicates_to_detect(0.0, 3, 0.01).has_value());
  CHECK_FALSE(replicates_to_detect(0.05, 3, 0.0).has_value());
}

TEST_CASE("a lift that differs between replicates is flagged; its block interval stays", "[statistics]") {
  // 3 replicates x 4 shards: the lift is about 1, 5 and 9 per block in the three worlds, with
  // little spread inside each: the blocks describe these worlds, not how large the lift is elsewhere.
  const std::vector<double> d{1, 1.1, 0.9, 1.0, 5, 5.1, 4.9, 5.0, 9, 9.1, 8.9, 9.0};
  std::vector<double> arm, base(12, 10.0);
  for (double v : d) arm.push_back(10.0 + v);
  const LiftEstimate lift = paired_total_lift(arm, base, 3);
  REQUIRE(lift.heterogeneity_p.has_value());
  // Relative lift per block (d − 5) / 10: replicate means −0.4, 0, 0.4 against the block spread,
  // χ²(2) of 2 · v_rep / v_block = 10.99.
  CHECK(*lift.heterogeneity_p == rel(0.00409731629));
  CHECK(*lift.heterogeneity_p < kHeterogeneityLevel);
  CHECK(lift.absolute.estimate == rel(20.0));
  CHECK(lift.absolute.n == 12);  // still the blocks' interval
  CHECK(lift.absolute.se == rel(std::sqrt(12.0 * sample_variance(d)) / 3.0));

  // The same lifts spread evenly over the worlds: homogeneous.
  const std::vector<double> even{1, 5, 9, 5, 5, 9, 1, 5, 9, 5, 1, 5};
  std::vector<double> even_arm;
  for (double v : even) even_arm.push_back(10.0 + v);
  const LiftEstimate steady = paired_total_lift(even_arm, base, 3);
  REQUIRE(steady.heterogeneity_p.has_value());
  CHECK(*steady.heterogeneity_p > 0.5);
  // A ratio metric with the replicate count given is checked the same way; without, not at all.
  const std::vector<double> impressions(12, 100.0);
  CHECK(paired_ratio_lift(arm, impressions, base, impressions, 3).heterogeneity_p.has_value());
  CHECK_FALSE(paired_ratio_lift(arm, impressions, base, impressions).heterogeneity_p.has_value());
}

TEST_CASE("Wilson interval of a proportion: hand-computed values, inside [0, 1] at 0 successes", "[statistics]") {
  Interval i = wilson_interval(1, 6);
  CHECK(i.estimate == Approx(1.0 / 6.0));
  CHECK(i.low == Approx(0.030053).epsilon(1e-4));
  CHECK(i.high == Approx(0.563503).epsilon(1e-4));
  i = wilson_interval(0, 10);
  CHECK(i.low == 0.0);
  CHECK(i.high == Approx(0.277533).epsilon(1e-4));
  CHECK_FALSE(wilson_interval(0, 0).available);
}
