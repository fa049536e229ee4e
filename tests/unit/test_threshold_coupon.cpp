// threshold_coupon: the documented tier ladder (fixed, scaled or in catalog-median multiples),
// offered in the chosen phases only, and never once the budget would fall below the reserve.
#include <catch2/catch.hpp>
#include <limits>

#include "test_plugin_support.hpp"
#include "threshold_coupon_model.hpp"

namespace promosim::test {
namespace {

using plugins::ThresholdCouponConfig;
using plugins::ThresholdCouponModel;

/// The fixed ladder, unscaled, in every phase, no reserve.
constexpr ThresholdCouponConfig kDefaultTiers{false, 1.0, 0.0, 0.0};

const std::vector<PhaseView> kPhases = {{"warm_up", 0, 10, 1.0}, {"peak", 10, 5, 4.0}, {"cool_down", 15, 5, 0.7}};

CreateContext create_context(const TestCatalog& catalog, double budget) {
  CreateContext c;
  c.catalog = &catalog.view;
  c.segment_count = 1;
  c.tick_count = 20;
  c.phases = kPhases.data();
  c.phase_count = static_cast<std::uint32_t>(kPhases.size());
  c.discount_budget = budget;
  return c;
}

void check_tiers(const CouponOffer& coupon, std::vector<float> thresholds, std::vector<float> values) {
  CHECK(std::vector<float>(coupon.threshold, coupon.threshold + kCouponTiers) == thresholds);
  CHECK(std::vector<float>(coupon.value, coupon.value + kCouponTiers) == values);
}

TEST_CASE("plugins: threshold_coupon's tiers are the fixed ladder, scaled, or in catalog-median multiples",
          "[plugins]") {
  const TestCatalog catalog(11);  // list prices 10 … 110, median 60
  const double unlimited = std::numeric_limits<double>::infinity();
  check_tiers(ThresholdCouponModel(create_context(catalog, unlimited), kDefaultTiers).coupon(), {200, 300, 500},
              {20, 40, 80});
  check_tiers(ThresholdCouponModel(create_context(catalog, unlimited), {false, 1.5, 0, 0}).coupon(), {300, 450, 750},
              {30, 60, 120});
  // Median 60 is half the ladder's reference median of 120.
  check_tiers(ThresholdCouponModel(create_context(catalog, unlimited), {true, 1.0, 0, 0}).coupon(), {100, 150, 250},
              {10, 20, 40});
}

TEST_CASE("plugins: threshold_coupon takes the best tier a basket reaches", "[plugins]") {
  const TestCatalog catalog(4);
  const CouponOffer coupon =
      ThresholdCouponModel(create_context(catalog, std::numeric_limits<double>::infinity()), kDefaultTiers).coupon();
  CHECK(coupon.reward(199.99) == 0.0f);
  CHECK(coupon.reward(200.0) == 20.0f);
  CHECK(coupon.reward(499.99) == 40.0f);
  CHECK(coupon.reward(500.0) == 80.0f);
  CHECK(coupon.max_value() == 80.0f);
}

TEST_CASE("plugins: threshold_coupon offers only in phases busy enough", "[plugins]") {
  const TestCatalog catalog(4);
  const ThresholdCouponModel peak_only(create_context(catalog, std::numeric_limits<double>::infinity()),
                                       {false, 1.0, 4.0, 0.0});
  for (TickIndex tick = 0; tick < 20; ++tick) {
    INFO("tick " << tick);
    CHECK(peak_only.offering(tick) == (tick >= 10 && tick < 15));
  }
  const ThresholdCouponModel above_cool_down(create_context(catalog, std::numeric_limits<double>::infinity()),
                                             {false, 1.0, 0.8, 0.0});
  CHECK(above_cool_down.offering(0));
  CHECK(above_cool_down.offering(12));
  CHECK_FALSE(above_cool_down.offering(16));
}

SessionOutcome redeemed(ShopperId shopper, float value) {
  SessionOutcome o;
  o.view.shopper = shopper;
  o.purchases = value > 0.0f ? 1 : 0;
  o.coupon_value = value;
  return o;
}

TEST_CASE("plugins: threshold_coupon stops offering before the budget falls below the reserve", "[plugins]") {
  const TestCatalog catalog(4);
  // Budget 1000, reserve 10% = 100: offers while 1000 − spent − 80 (top tier) ≥ 100, i.e. spent ≤ 820.
  ThresholdCouponModel model(create_context(catalog, 1000.0), {false, 1.0, 0.0, 0.1});
  const auto tick_stats = model.learn_tick(0, std::vector<SessionOutcome>{redeemed(1, 80), redeemed(2, 0)}.data(), 2);
  CHECK(tick_stats.offers == 2);
  CHECK(tick_stats.redemptions == 1);
  CHECK(tick_stats.redeemed_value == 80.0);
  std::vector<SessionOutcome> more(37, redeemed(3, 20.0f));  // 740 more: spent 820
  model.learn_tick(1, more.data(), more.size());
  CHECK(model.spent() == 820.0);
  CHECK(model.offering(2));
  model.learn_tick(2, std::vector<SessionOutcome>{redeemed(4, 20.0f)}.data(), 1);
  CHECK_FALSE(model.offering(3));  // 1000 − 840 − 80 = 80 < 100
  const auto closed = model.learn_tick(3, std::vector<SessionOutcome>{redeemed(5, 0.0f)}.data(), 1);
  CHECK(closed.offers == 0);
}

TEST_CASE("plugins: threshold_coupon gives every session of an offering tick the ladder, and reports", "[plugins]") {
  const TestCatalog catalog(4);
  const PluginEntry& entry = shipped<PricingPolicy>("threshold_coupon");
  ParameterSet params = default_parameters(*entry.descriptor);
  CreateContext context = create_context(catalog, 1000.0);
  context.params = &params;
  context.shopper_count = 10;
  context.slate_size = 2;
  PluginInstance<PricingPolicy> policy(entry.library, *entry.descriptor, context, "unit test");

  const DecisionContext decision = decision_context(catalog, 0);
  const std::vector<SessionView> sessions = {session(1), session(2)};
  const std::vector<ItemId> slates = {0, 1, 2, kNoItem};
  std::vector<float> discounts(4, 0.0f);
  std::vector<CouponOffer> coupons(2);
  const std::vector<float> intent = {0.1f, 0.9f};
  policy->price({&decision, sessions.data(), 2}, intent.data(), 2, slates.data(), discounts.data(), coupons.data());
  for (const CouponOffer& c : coupons) check_tiers(c, {200, 300, 500}, {20, 40, 80});
  CHECK(discounts == std::vector<float>(4, 0.0f));

  EmittedMetrics metrics;
  policy->observe(learn_context(catalog, 0, {redeemed(1, 40.0f), redeemed(2, 20.0f), redeemed(3, 0.0f)}, &metrics),
                  span({}));
  CHECK(metrics.values == std::vector<std::pair<std::uint32_t, double>>{{0, 3}, {1, 2}, {2, 30}, {3, 60}});
}

}  // namespace
}  // namespace promosim::test
