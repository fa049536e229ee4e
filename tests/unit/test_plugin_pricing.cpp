// The shipped pricing policies: list_price never discounts; fixed_discount discounts exactly
// the shown items priced at least min_price in sessions with intent at most max_intent.
#include <catch2/catch.hpp>

#include "test_plugin_support.hpp"

namespace promosim::test {
namespace {

constexpr std::size_t kSlate = 5;
// Items 0..3 cost 10, 20, 30, 40 (TestCatalog); the last slot is empty.
const std::vector<ItemId> kSlate0 = {0, 1, 2, 3, kNoItem};

/// Discounts for three sessions showing kSlate0 with the given intents.
std::vector<float> price(const TestPlugin<PricingPolicy>& policy, const TestCatalog& catalog,
                         const std::vector<float>& intent) {
  const DecisionContext context = decision_context(catalog, 0);
  const std::vector<SessionView> sessions(intent.size(), session(1));
  std::vector<ItemId> slates;
  for (std::size_t i = 0; i < intent.size(); ++i) slates.insert(slates.end(), kSlate0.begin(), kSlate0.end());
  std::vector<float> discounts(slates.size(), -1.0f);
  std::vector<CouponOffer> coupons(intent.size());
  policy->price({&context, sessions.data(), sessions.size()}, intent.data(), kSlate, slates.data(), discounts.data(),
                coupons.data());
  return discounts;
}

TEST_CASE("plugins: list_price never discounts", "[plugins]") {
  const TestCatalog catalog(4);
  TestPlugin<PricingPolicy> policy(shipped<PricingPolicy>("list_price"), catalog);
  CHECK(price(policy, catalog, {0.0f, 0.5f, 1.0f}) == std::vector<float>(15, 0.0f));
}

TEST_CASE("plugins: fixed_discount applies where intent <= max_intent and price >= min_price", "[plugins]") {
  const TestCatalog catalog(4);
  SECTION("defaults: 10% on every shown item for everyone") {
    TestPlugin<PricingPolicy> policy(shipped<PricingPolicy>("fixed_discount"), catalog);
    const std::vector<float> row = {0.1f, 0.1f, 0.1f, 0.1f, 0.0f};
    std::vector<float> expected;
    for (int i = 0; i < 3; ++i) expected.insert(expected.end(), row.begin(), row.end());
    CHECK(price(policy, catalog, {0.0f, 0.7f, 1.0f}) == expected);
  }
  SECTION("targeted: hesitant shoppers, items from 30 up") {
    TestPlugin<PricingPolicy> policy(shipped<PricingPolicy>("fixed_discount"), catalog,
                                     {{"discount", 0.25}, {"min_price", 30.0}, {"max_intent", 0.3}});
    // Intent 0.3 is on the boundary and included; 0.31 is above it.
    CHECK(price(policy, catalog, {0.3f, 0.31f, 0.0f}) ==
          std::vector<float>{0, 0, 0.25f, 0.25f, 0, 0, 0, 0, 0, 0, 0, 0, 0.25f, 0.25f, 0});
  }
}

}  // namespace
}  // namespace promosim::test
