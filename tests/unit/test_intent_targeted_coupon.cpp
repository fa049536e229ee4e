// intent_targeted_coupon: one "spend at least min_spend, get value off" tier, offered exactly to
// the sessions whose intent score lies in [min_intent, max_intent], never once the budget would
// fall below the reserve; [0, 1] is everyone.
#include <catch2/catch.hpp>
#include <limits>
#include <stdexcept>

#include "intent_targeted_coupon_model.hpp"
#include "test_plugin_support.hpp"

namespace promosim::test {
namespace {

using plugins::IntentCouponConfig;
using plugins::IntentCouponModel;

constexpr double kUnlimited = std::numeric_limits<double>::infinity();

/// The loaded plugin with `overrides` and a discount budget (TestPlugin has none).
struct CouponUnderTest {
  ParameterSet params;
  CreateContext context;
  PluginInstance<PricingPolicy> plugin;

  CouponUnderTest(const TestCatalog& catalog, double budget, std::initializer_list<ParamValue> overrides) {
    const PluginEntry& entry = shipped<PricingPolicy>("intent_targeted_coupon");
    for (std::uint32_t i = 0; i < entry.descriptor->param_count; ++i) {
      const ParamSpec& spec = entry.descriptor->params[i];
      const ParamValue* value = nullptr;
      for (const ParamValue& o : overrides) {
        if (spec.name == std::string(o.name)) value = &o;
      }
      if (value == nullptr) {
        add_default(params, spec);
      } else {
        params.set_number(spec.name, spec.type, value->number);
      }
    }
    context.params = &params;
    context.catalog = &catalog.view;
    context.shopper_count = 100;
    context.segment_count = 1;
    context.slate_size = 2;
    context.tick_count = 10;
    context.discount_budget = budget;
    plugin = PluginInstance<PricingPolicy>(entry.library, *entry.descriptor, context, "unit test");
  }

  std::vector<CouponOffer> offers(const TestCatalog& catalog, const std::vector<float>& intent) const {
    const DecisionContext decision = decision_context(catalog, 0);
    const std::vector<SessionView> sessions(intent.size(), session(1));
    const std::vector<ItemId> slates(intent.size() * 2, 0);
    std::vector<float> discounts(slates.size(), 0.0f);
    std::vector<CouponOffer> coupons(intent.size());
    plugin->price({&decision, sessions.data(), sessions.size()}, intent.data(), 2, slates.data(), discounts.data(),
                  coupons.data());
    return coupons;
  }
};

std::vector<bool> offered(const std::vector<CouponOffer>& coupons) {
  std::vector<bool> out;
  for (const CouponOffer& c : coupons) out.push_back(c.offered());
  return out;
}

TEST_CASE("plugins: intent_targeted_coupon offers one tier exactly inside the intent band", "[plugins]") {
  const TestCatalog catalog(4);
  const CouponUnderTest coupon(catalog, kUnlimited,
                               {{"min_spend", 120.0}, {"value", 15.0}, {"min_intent", 0.2}, {"max_intent", 0.3}});
  const std::vector<CouponOffer> coupons = coupon.offers(catalog, {0.19f, 0.2f, 0.25f, 0.3f, 0.31f});
  CHECK(offered(coupons) == std::vector<bool>{false, true, true, true, false});  // both edges included
  const CouponOffer& tier = coupons[1];
  CHECK(tier.threshold[0] == 120.0f);
  CHECK(tier.value[0] == 15.0f);
  CHECK(tier.value[1] == 0.0f);
  CHECK(tier.value[2] == 0.0f);
  CHECK(tier.reward(119.99) == 0.0f);
  CHECK(tier.reward(120.0) == 15.0f);
  CHECK(tier.reward(1000.0) == 15.0f);
}

TEST_CASE("plugins: intent_targeted_coupon with the band [0, 1] offers everyone", "[plugins]") {
  const TestCatalog catalog(4);
  const CouponUnderTest untargeted(catalog, kUnlimited, {});
  CHECK(offered(untargeted.offers(catalog, {0.0f, 0.5f, 1.0f})) == std::vector<bool>{true, true, true});
}

SessionOutcome outcome(float intent, std::uint16_t purchases, float coupon_value) {
  SessionOutcome o;
  o.intent = intent;
  o.purchases = purchases;
  o.coupon_value = coupon_value;
  return o;
}

TEST_CASE("plugins: intent_targeted_coupon stops offering before the budget falls below the reserve", "[plugins]") {
  // Budget 500, reserve 20% = 100: offers while 500 − spent − 20 ≥ 100, i.e. spent ≤ 380.
  IntentCouponModel model(500.0, {150.0, 20.0, 0.0, 1.0, 0.2});
  const std::vector<SessionOutcome> tick(19, outcome(0.5f, 1, 20.0f));  // 380
  model.learn_tick(tick.data(), tick.size());
  CHECK(model.spent() == 380.0);
  CHECK(model.budget_allows());
  const std::vector<SessionOutcome> one = {outcome(0.5f, 1, 20.0f)};
  model.learn_tick(one.data(), one.size());
  CHECK_FALSE(model.budget_allows());
  const DecisionContext decision;
  const std::vector<SessionView> sessions(1);
  const float intent = 0.5f;
  CouponOffer coupon;
  model.price({&decision, sessions.data(), 1}, &intent, &coupon);
  CHECK_FALSE(coupon.offered());
}

TEST_CASE("plugins: intent_targeted_coupon counts offers from the recorded scores and reports", "[plugins]") {
  const TestCatalog catalog(4);
  CouponUnderTest coupon(catalog, kUnlimited, {{"max_intent", 0.5}});
  EmittedMetrics metrics;
  // Offered: the sessions scored 0.1 (bought, redeemed 20) and 0.5 (did not buy); 0.9 was not offered.
  coupon.plugin->observe(
      learn_context(catalog, 0, {outcome(0.1f, 2, 20.0f), outcome(0.5f, 0, 0.0f), outcome(0.9f, 1, 0.0f)}, &metrics),
      span({}));
  CHECK(metrics.values ==
        std::vector<std::pair<std::uint32_t, double>>{{0, 2}, {1, 0.5}, {2, 1}, {3, 20}, {4, 20}});
}

TEST_CASE("plugins: intent_targeted_coupon rejects a value not below min_spend and an empty band", "[plugins]") {
  CHECK_THROWS_AS(IntentCouponModel(kUnlimited, {100.0, 100.0, 0.0, 1.0, 0.0}), std::invalid_argument);
  CHECK_THROWS_AS(IntentCouponModel(kUnlimited, {100.0, 10.0, 0.6, 0.4, 0.0}), std::invalid_argument);
  CHECK_NOTHROW(IntentCouponModel(kUnlimited, {100.0, 10.0, 0.4, 0.4, 0.0}));
}

}  // namespace
}  // namespace promosim::test
