// elasticity_pricing: the cart-response regression recovers a known elasticity from outcomes
// simulated with the same logistic response, the salience fit recovers a known click lift, the
// margin-maximising level matches hand-worked optima and respects the margin floor, and the
// loaded plugin explores, prices and stops as documented.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "cart_response.hpp"
#include "click_response.hpp"
#include "elasticity_pricing_model.hpp"
#include "test_plugin_support.hpp"

namespace promosim::test {
namespace {

using plugins::CartResponse;
using plugins::ElasticityPricingConfig;
using plugins::ElasticityPricingModel;

/// 40 items in 2 categories, list prices 100·e^(−1 … +1) (both categories centred on 100),
/// cost 60% of list.
struct SpreadCatalog {
  std::vector<float> price, cost;
  std::vector<CategoryId> category;
  std::vector<BrandId> brand;
  std::vector<TickIndex> launch;
  CatalogView view;

  SpreadCatalog() {
    for (ItemId i = 0; i < 40; ++i) {
      price.push_back(static_cast<float>(100.0 * std::exp(-1.0 + 2.0 * static_cast<double>(i / 2) / 19.0)));
      cost.push_back(0.6f * price.back());
      category.push_back(static_cast<CategoryId>(i % 2));
      brand.push_back(static_cast<BrandId>(i % 2));
      launch.push_back(0);
    }
    view = {40, 2, 2, price.data(), cost.data(), category.data(), brand.data(), launch.data()};
  }
};

ElasticityPricingConfig config(double explore_share = 0.0) {
  ElasticityPricingConfig c;
  c.levels = 7;
  c.max_discount = 0.3;
  c.min_margin = 0.0;
  c.explore_share = explore_share;
  c.prior_elasticity = 1.0;  // deliberately off the truth below
  c.prior_promotion = 0.0;
  c.prior_salience = 2.0;
  c.prior_sd = 1.0;
  c.category_sd = 0.5;
  return c;
}

struct TrueResponse {
  double intercept, elasticity, promotion;
};

/// `clicks` clicks on random items at random grid discounts, each followed by a cart with
/// probability σ(intercept − elasticity·ln(paid/reference) + promotion·discount + shift).
std::vector<Event> simulate_clicks(const SpreadCatalog& catalog, const TrueResponse& truth, std::size_t clicks,
                                   double discount_step, TickIndex tick, double shift = 0.0) {
  std::vector<Event> events;
  const RandomStream stream(99, Purpose::kPluginPurposeBase, tick, 0);
  for (std::uint32_t n = 0; n < clicks; ++n) {
    const auto u = stream.uniform4(n);
    const auto item = static_cast<ItemId>(u[0] * 40.0);
    const double discount = discount_step * std::floor(u[1] * 7.0);
    const float list = catalog.price[item];
    // Both categories hold the same 20 prices; their median (the upper one) is item 20's / 21's.
    const double reference = catalog.price[20 + catalog.category[item]];
    const double log_relative_paid = std::log(list * (1.0 - discount) / reference);
    const double logit = truth.intercept - truth.elasticity * log_relative_paid + truth.promotion * discount + shift;
    const auto paid = static_cast<float>(list * (1.0 - discount));
    events.push_back({n, item, tick, list, static_cast<float>(discount), EventType::kClick, 0, 0});
    if (u[2] < 1.0 / (1.0 + std::exp(-logit))) {
      events.push_back({n, item, tick, paid, static_cast<float>(discount), EventType::kCart, 0, 0});
    }
  }
  return events;
}

TEST_CASE("plugins: elasticity_pricing recovers a known elasticity from simulated carts", "[plugins]") {
  const SpreadCatalog catalog;
  ElasticityPricingModel model(catalog.view, 1, 10, 7, config());
  const TrueResponse truth{-0.5, 2.0, 1.5};
  // History at list price sits a whole logit higher (organic visits pick their items): the
  // organic offset absorbs it, so it does not leak into the discount response.
  const std::vector<Event> history = simulate_clicks(catalog, truth, 40000, 0.0, 0, 1.0);
  model.learn_history(span(history));
  const std::vector<Event> tick = simulate_clicks(catalog, truth, 120000, 0.05, 1);
  model.learn_tick(1, nullptr, 0, span(tick));

  const CartResponse& segment = model.segment_response(0);
  CHECK(segment.elasticity == Approx(truth.elasticity).epsilon(0.1));
  CHECK(segment.promotion == Approx(truth.promotion).epsilon(0.25));
  CHECK(segment.intercept == Approx(truth.intercept).margin(0.1));
  CHECK(segment.organic_offset == Approx(1.0).margin(0.1));
  for (CategoryId c = 0; c < 2; ++c) {
    INFO("category " << c);
    CHECK(model.category_response(0, c).elasticity == Approx(truth.elasticity).epsilon(0.1));
  }
}

TEST_CASE("plugins: elasticity_pricing pools a category without clicks to its segment", "[plugins]") {
  const SpreadCatalog catalog;
  ElasticityPricingModel model(catalog.view, 1, 10, 7, config());
  std::vector<Event> tick = simulate_clicks(catalog, {-0.5, 2.0, 1.5}, 20000, 0.05, 1);
  std::erase_if(tick, [&](const Event& e) { return catalog.category[e.item] == 1; });
  model.learn_tick(1, nullptr, 0, span(tick));
  const CartResponse& segment = model.segment_response(0);
  const CartResponse& empty = model.category_response(0, 1);
  CHECK(empty.elasticity == segment.elasticity);
  CHECK(empty.promotion == segment.promotion);
  CHECK(empty.intercept == segment.intercept);
}

TEST_CASE("plugins: elasticity_pricing cart fit returns the prior without data and stays finite when every click carts",
          "[plugins]") {
  const plugins::CartPrior prior{{-1.0, 1.5, 0.5, 0.0}, {2.0, 1.0, 1.0, 2.0}};
  const CartResponse none = plugins::fit_cart_response({}, prior, {});
  CHECK(none.intercept == Approx(-1.0));
  CHECK(none.elasticity == Approx(1.5));
  CHECK(none.promotion == Approx(0.5));
  // 100 clicks, all carted: the likelihood alone would send the intercept to +inf.
  const std::vector<plugins::CartBin> all_carted = {{100.0, 100.0, 0.0, 0.0, false}};
  const CartResponse fitted = plugins::fit_cart_response(all_carted, prior, {});
  CHECK(std::isfinite(fitted.intercept));
  CHECK(fitted.intercept > 2.0);
}

TEST_CASE("plugins: elasticity_pricing recovers a known click salience from exploration counts", "[plugins]") {
  const std::vector<double> discounts = {0.0, 0.1, 0.2, 0.3};
  std::vector<plugins::ExplorationCounts> counts;
  // Clicks at their expectation 10000 · 0.4 · e^(3d): the estimate is the truth up to the weak prior.
  for (const double d : discounts) counts.push_back({10000.0, 10000.0 * 0.4 * std::exp(3.0 * d)});
  CHECK(plugins::fit_click_salience(discounts, counts, 0.0, 10.0) == Approx(3.0).margin(1e-3));
  // No sessions: the prior mean.
  CHECK(plugins::fit_click_salience(discounts, std::vector<plugins::ExplorationCounts>(4), 1.25, 1.0) ==
        Approx(1.25).margin(1e-9));
}

TEST_CASE("plugins: elasticity_pricing picks the margin-maximising grid level, worked by hand", "[plugins]") {
  const std::vector<double> grid = {0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3};
  SECTION("click salience alone: value e^(10d)·(m − d), continuous optimum d = m − 1/10") {
    const CartResponse flat{-2.0, 0.0, 0.0, 0.0};
    CHECK(ElasticityPricingModel::best_level(flat, 10.0, 0.0, 0.4, grid, 6) == 6);  // d = 0.3 exactly
    // m = 0.32: d = 0.22 lies between 0.2 (e^2·0.12 = 0.887) and 0.25 (e^2.5·0.07 = 0.853).
    CHECK(ElasticityPricingModel::best_level(flat, 10.0, 0.0, 0.32, grid, 6) == 4);
    // Below a margin rate of 1/10 no discount pays: d = 0.
    CHECK(ElasticityPricingModel::best_level(flat, 10.0, 0.0, 0.08, grid, 6) == 0);
  }
  SECTION("elasticity alone, rare carts: value (1 − d)^(−3)·(m − d), optimum d = (3m − 1)/2") {
    // At m = 0.5 the optimum is 0.25: 0.75^−3·0.25 = 0.593 beats 0.8^−3·0.3 = 0.586 and 0.7^−3·0.2 = 0.583.
    const CartResponse elastic{-12.0, 3.0, 0.0, 0.0};
    CHECK(ElasticityPricingModel::best_level(elastic, 0.0, 0.0, 0.5, grid, 6) == 5);
    // The same item capped by a floor at level 3 takes the best level allowed.
    CHECK(ElasticityPricingModel::best_level(elastic, 0.0, 0.0, 0.5, grid, 3) == 3);
  }
}

TEST_CASE("plugins: elasticity_pricing's margin floor keeps (paid − cost) >= min_margin · paid", "[plugins]") {
  const std::vector<double> grid = {0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3};
  // List 100, cost 60: (1 − d)·100·(1 − floor) ≥ 60.
  CHECK(ElasticityPricingModel::floor_level(100, 60, 0.1, grid) == 6);   // d ≤ 0.333
  CHECK(ElasticityPricingModel::floor_level(100, 60, 0.24, grid) == 4);  // d ≤ 0.21
  CHECK(ElasticityPricingModel::floor_level(100, 60, 0.45, grid) == 0);  // already below the floor at list
}

DecisionContext open_context(const TestCatalog& catalog, TickIndex tick, double budget_remaining) {
  DecisionContext c = decision_context(catalog, tick);
  c.budget_remaining = budget_remaining;
  return c;
}

std::vector<float> price(const TestPlugin<PricingPolicy>& policy, const DecisionContext& context,
                         const std::vector<SessionView>& sessions, const std::vector<ItemId>& slate) {
  std::vector<ItemId> slates;
  for (std::size_t i = 0; i < sessions.size(); ++i) slates.insert(slates.end(), slate.begin(), slate.end());
  std::vector<float> discounts(slates.size(), 0.0f);
  std::vector<CouponOffer> coupons(sessions.size());
  const std::vector<float> intent(sessions.size(), 0.5f);
  policy->price({&context, sessions.data(), sessions.size()}, intent.data(), slate.size(), slates.data(),
                discounts.data(), coupons.data());
  return discounts;
}

std::vector<SessionView> shoppers(std::uint32_t count) {
  std::vector<SessionView> out;
  for (ShopperId s = 0; s < count; ++s) out.push_back(session(s));
  return out;
}

TEST_CASE("plugins: elasticity_pricing explores one random grid level per session", "[plugins]") {
  const TestCatalog catalog(8);
  TestPlugin<PricingPolicy> policy(shipped<PricingPolicy>("elasticity_pricing"), catalog, {{"explore_share", 1.0}});
  const std::vector<ItemId> slate = {0, 1, 2, kNoItem};
  const std::vector<SessionView> sessions = shoppers(300);
  const std::vector<float> at_3 = price(policy, open_context(catalog, 3, 1e9), sessions, slate);
  std::set<float> levels;
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    const float d = at_3[i * 4];
    CHECK(at_3[i * 4 + 1] == d);
    CHECK(at_3[i * 4 + 2] == d);
    CHECK(at_3[i * 4 + 3] == 0.0f);  // empty slot
    levels.insert(d);
  }
  CHECK(levels == std::set<float>{0.0f, 0.05f, 0.1f, 0.15f, 0.2f, 0.25f, 0.3f});
  CHECK(price(policy, open_context(catalog, 3, 1e9), sessions, slate) == at_3);  // (shopper, tick) decides
  CHECK(price(policy, open_context(catalog, 4, 1e9), sessions, slate) != at_3);
  // Nothing left to spend: every discount would be withdrawn, so none is shown.
  CHECK(price(policy, open_context(catalog, 3, 0.0), sessions, slate) == std::vector<float>(1200, 0.0f));
}

TEST_CASE("plugins: elasticity_pricing never prices below the margin floor outside exploration", "[plugins]") {
  const TestCatalog catalog(8);  // cost is 60% of list everywhere
  // A prior that makes deep discounts pay: only the floor (1 − d)·0.76 ≥ 0.6, d ≤ 0.21, holds them back.
  TestPlugin<PricingPolicy> policy(shipped<PricingPolicy>("elasticity_pricing"), catalog,
                                   {{"explore_share", 0.0}, {"min_margin", 0.24}, {"prior_salience", 20.0}});
  const std::vector<float> discounts =
      price(policy, open_context(catalog, 0, 1e9), shoppers(5), {0, 1, 2, 3, 4, 5, 6, 7});
  CHECK(discounts == std::vector<float>(40, 0.2f));
}

TEST_CASE("plugins: elasticity_pricing ignores exploration ticks whose discounts the engine withdrew", "[plugins]") {
  const SpreadCatalog catalog;
  const auto learned_salience = [&](bool withdrawn) {
    ElasticityPricingModel model(catalog.view, 1, 10, 7, config(1.0));
    std::vector<SessionOutcome> sessions;
    std::vector<Event> events;
    for (ShopperId s = 0; s < 2000; ++s) {
      SessionOutcome o;
      o.view = session(s);
      o.tick = 5;
      sessions.push_back(o);
      const auto level = static_cast<std::size_t>(model.explored_level(s, 5));
      const auto shown = static_cast<float>(withdrawn ? 0.0 : model.grid()[level]);
      // Deeper levels draw more clicks: 1 click, plus 1 from level 3 on, plus 1 from level 5 on.
      const std::size_t clicks = 1 + (level >= 3 ? 1 : 0) + (level >= 5 ? 1 : 0);
      for (std::size_t c = 0; c < clicks; ++c) {
        events.push_back({s, 0, 5, catalog.price[0], shown, EventType::kClick, static_cast<std::uint8_t>(c), 0});
      }
    }
    model.learn_tick(5, sessions.data(), sessions.size(), span(events));
    return model.click_salience(0);
  };
  CHECK(learned_salience(true) == 2.0);  // the prior mean, untouched
  CHECK(learned_salience(false) > 2.5);
}

TEST_CASE("plugins: elasticity_pricing reports its estimates after fit and every tick", "[plugins]") {
  const TestCatalog catalog(8);
  TestPlugin<PricingPolicy> policy(shipped<PricingPolicy>("elasticity_pricing"), catalog);
  EmittedMetrics metrics;
  policy->fit(learn_context(catalog, 0, {}, &metrics), span({}));
  policy->observe(learn_context(catalog, 0, {}, &metrics), span({}));
  REQUIRE(metrics.values.size() == 8);
  // No data: the priors (elasticity 1.5, promotion 1, salience 2).
  CHECK(metrics.values[0] == std::pair<std::uint32_t, double>{0, 1.5});
  CHECK(metrics.values[1] == std::pair<std::uint32_t, double>{1, 1.0});
  CHECK(metrics.values[2] == std::pair<std::uint32_t, double>{2, 2.0});
  CHECK(metrics.values[3].first == 3);
  CHECK((metrics.values[3].second >= 0.0 && metrics.values[3].second <= 1.0));
}

}  // namespace
}  // namespace promosim::test
