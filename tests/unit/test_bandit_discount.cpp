// bandit_discount: Thompson sampling concentrates on the best level of a stationary problem,
// the posterior is the documented Gaussian and learns level effects through margins that shift
// over the timeline, the pacer's plan follows traffic and its gate keeps spend within one
// tick's spend of the plan, and the loaded plugin gives each session one level, recomputed
// exactly in observe().
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "bandit_discount_model.hpp"
#include "discount_bandit.hpp"
#include "spend_pacer.hpp"
#include "test_plugin_support.hpp"

namespace promosim::test {
namespace {

using plugins::DiscountBandit;
using plugins::DiscountBanditConfig;
using plugins::SpendPacer;

TEST_CASE("plugins: bandit_discount's Thompson sampling concentrates on the best level", "[plugins]") {
  // Five levels with mean margins 1.0, 1.2, 1.5, 1.3, 0.8 per session and noise sd 3: level 2 is best.
  const double means[] = {1.0, 1.2, 1.5, 1.3, 0.8};
  DiscountBandit bandit(1, 1, {5, 0.2, false, 10.0});
  bandit.set_prior_variance({9.0});
  const std::uint64_t key = derive_key(5, 0);
  std::size_t late_pulls = 0, late_best = 0;
  for (TickIndex tick = 0; tick < 300; ++tick) {
    plugins::TickRewards rewards(5);
    for (ShopperId s = 0; s < 200; ++s) {
      const std::size_t level = bandit.choose(0, 0, key, s, tick);
      const auto u = RandomStream(key, Purpose::kPluginPurposeBase, s, tick).uniform4(0);
      rewards.add(level, means[level] + 3.0 * standard_normal(u[0], u[1]));
      if (tick >= 250) {
        ++late_pulls;
        late_best += level == 2 ? 1 : 0;
      }
    }
    bandit.add_tick(0, 0, rewards);
    bandit.refresh();  // posteriors change only between ticks, as at the engine's barriers
  }
  CHECK(static_cast<double>(late_best) / static_cast<double>(late_pulls) > 0.9);
  CHECK(bandit.best_level(0, 0) == 2);
  CHECK(bandit.posterior_mean(0, 0, 2) - bandit.posterior_mean(0, 0, 3) == Approx(0.2).margin(0.1));
}

TEST_CASE("plugins: bandit_discount's posterior is the documented Gaussian, worked by hand", "[plugins]") {
  DiscountBandit bandit(1, 1, {2, 0.1, false, 1.0});
  bandit.set_prior_variance({1.0});
  // Prior alone: effects 0 with sd sqrt(v0 / prior_sessions) = 1.
  CHECK(bandit.posterior_mean(0, 0, 1) == 0.0);
  CHECK(bandit.posterior_sd(0, 0, 1) == Approx(1.0));
  // One tick: level 0 earns 0 and 2, level 1 earns 3 and 5. M = [[1, −1], [−1, 1]], b = (−3, 3);
  // within-level squares 2 + 2 on 2 degrees of freedom, so σ² = (4 + 1·1) / (2 + 1) = 5/3.
  // P = M·3/5 + I has eigenvalues 1 on (1, 1) and 2.2 on (1, −1); b·3/5 = −1.8·(1, −1), so the
  // mean is ∓1.8 / 2.2 and Var(effect) = (1/1 + 1/2.2) / 2.
  plugins::TickRewards rewards(2);
  for (const double r : {0.0, 2.0}) rewards.add(0, r);
  for (const double r : {3.0, 5.0}) rewards.add(1, r);
  bandit.add_tick(0, 0, rewards);
  bandit.refresh();
  CHECK(bandit.posterior_mean(0, 0, 0) == Approx(-1.8 / 2.2));
  CHECK(bandit.posterior_mean(0, 0, 1) == Approx(1.8 / 2.2));
  CHECK(bandit.posterior_sd(0, 0, 0) == Approx(std::sqrt((1.0 + 1.0 / 2.2) / 2.0)));
  CHECK(bandit.best_level(0, 0) == 1);
  // With normals (0, 0) the higher mean wins; draws far apart overturn it (the two effects are
  // positively correlated a posteriori, so a high draw for level 0 alone lifts level 1 too).
  const double zero[] = {0.0, 0.0}, lucky[] = {3.0, -3.0};
  CHECK(bandit.choose(0, 0, zero) == 1);
  CHECK(bandit.choose(0, 0, lucky) == 0);
}

TEST_CASE("plugins: bandit_discount learns level effects despite margins that shift over the timeline",
          "[plugins]") {
  // Level 1 earns 0.5 more than level 0 in every tick, but every margin jumps by 20 at tick 50,
  // when the allocation moves from 90% level 0 to 90% level 1: raw means per level would put
  // level 1 about 16 ahead. The tick's base absorbs the jump.
  DiscountBandit bandit(1, 1, {2, 0.1, false, 10.0});
  bandit.set_prior_variance({1.0});
  for (TickIndex tick = 0; tick < 100; ++tick) {
    plugins::TickRewards rewards(2);
    const double base = tick < 50 ? 0.0 : 20.0;
    for (ShopperId s = 0; s < 1000; ++s) {
      const auto u = RandomStream(8, Purpose::kPluginPurposeBase, s, tick).uniform4(0);
      const std::size_t level = (u[2] < 0.9) == (tick < 50) ? 0 : 1;
      rewards.add(level, base + 0.5 * static_cast<double>(level) + standard_normal(u[0], u[1]));
    }
    bandit.add_tick(0, 0, rewards);
  }
  bandit.refresh();
  CHECK(bandit.posterior_mean(0, 0, 1) - bandit.posterior_mean(0, 0, 0) == Approx(0.5).margin(0.05));
}

TEST_CASE("plugins: bandit_discount per phase starts a phase from the segment's other phases", "[plugins]") {
  DiscountBandit bandit(1, 2, {2, 0.1, true, 1.0});
  bandit.set_prior_variance({1.0});
  const auto tick = [](double advantage_of_level_1) {
    plugins::TickRewards rewards(2);
    for (int i = 0; i < 100; ++i) {
      rewards.add(0, i % 2 == 0 ? 1.0 : -1.0);
      rewards.add(1, advantage_of_level_1 + (i % 2 == 0 ? 1.0 : -1.0));
    }
    return rewards;
  };
  for (int t = 0; t < 10; ++t) bandit.add_tick(0, 0, tick(1.0));
  bandit.refresh();
  const auto gain = [&](std::uint16_t phase) {
    return bandit.posterior_mean(0, phase, 1) - bandit.posterior_mean(0, phase, 0);
  };
  CHECK(gain(0) == Approx(1.0).margin(0.01));
  // Phase 1 has no data of its own: it inherits phase 0's estimate (up to the prior's shrinkage),
  // with the prior's extra width.
  CHECK(gain(1) == Approx(gain(0)).epsilon(0.01));
  CHECK(bandit.posterior_sd(0, 1, 1) > bandit.posterior_sd(0, 0, 1));
  for (int t = 0; t < 10; ++t) bandit.add_tick(0, 1, tick(-1.0));
  bandit.refresh();
  CHECK(gain(1) < -0.9);  // its own data now dominate
  CHECK(gain(0) > 0.9);   // and barely move phase 0
}

TEST_CASE("plugins: bandit_discount plans spend in proportion to traffic, the peak reweighted", "[plugins]") {
  const PhaseView phases[] = {{"warm_up", 0, 4, 1.0}, {"peak", 4, 2, 4.0}, {"cool_down", 6, 4, 0.5}};
  const std::vector<double> weights = SpendPacer::traffic_weights(phases, 3, 10, 1.0);
  CHECK(weights == std::vector<double>{1, 1, 1, 1, 4, 4, 0.5, 0.5, 0.5, 0.5});
  const SpendPacer pacer(1400.0, weights);  // total weight 14: 100 per unit of weight
  CHECK(pacer.planned_before(0) == 0.0);
  CHECK(pacer.planned_before(4) == Approx(400.0));
  CHECK(pacer.allowance(4) == Approx(400.0));
  CHECK(pacer.allowance(9) == Approx(50.0));
  CHECK(pacer.planned_before(10) == 1400.0);
  CHECK(pacer.planned_before(50) == 1400.0);
  CHECK(pacer.allowance(10) == 0.0);
  CHECK(SpendPacer::traffic_weights(phases, 3, 10, 0.5) == std::vector<double>{1, 1, 1, 1, 2, 2, 0.5, 0.5, 0.5, 0.5});
  CHECK(SpendPacer::traffic_weights(nullptr, 0, 3, 2.0) == std::vector<double>{1, 1, 1});
}

TEST_CASE("plugins: bandit_discount's pacing never runs more than one tick's spend over the plan", "[plugins]") {
  const PhaseView phases[] = {{"warm_up", 0, 100, 1.0}, {"peak", 100, 24, 4.0}, {"cool_down", 124, 76, 0.7}};
  SpendPacer pacer(10000.0, SpendPacer::traffic_weights(phases, 3, 200, 1.0));
  // Unpaced, the policy would spend 0 to 3 allowances a tick (a bursty, overspending sequence).
  const RandomStream stream(3, Purpose::kPluginPurposeBase, 0, 0);
  double last_open_spend = 0.0;
  std::size_t closed = 0;
  for (TickIndex tick = 0; tick < 200; ++tick) {
    const double ahead = pacer.spent() - pacer.planned_before(tick);
    INFO("tick " << tick << ": spent " << pacer.spent() << ", plan " << pacer.planned_before(tick));
    CHECK(ahead <= last_open_spend);
    const double spend = pacer.open(tick) ? 3.0 * stream.uniform(tick) * pacer.allowance(tick) : 0.0;
    if (pacer.open(tick)) {
      CHECK(ahead < pacer.allowance(tick));
      last_open_spend = spend;
    } else {
      ++closed;
    }
    pacer.book(spend);
  }
  CHECK(closed > 20);  // the gate did have work to do
  CHECK(pacer.spent() <= pacer.planned_before(200) + last_open_spend);
  // A policy that spends exactly its allowance is never paced off and ends on the budget.
  SpendPacer exact(10000.0, SpendPacer::traffic_weights(phases, 3, 200, 1.0));
  for (TickIndex tick = 0; tick < 200; ++tick) {
    REQUIRE(exact.open(tick));
    exact.book(exact.allowance(tick) * 0.999);
  }
  CHECK(exact.spent() == Approx(9990.0));
}

TEST_CASE("plugins: bandit_discount never discounts with a zero budget and always without a limit", "[plugins]") {
  const std::vector<double> weights(5, 1.0);
  const SpendPacer none(0.0, weights);
  const SpendPacer unlimited(std::numeric_limits<double>::infinity(), weights);
  for (TickIndex tick = 0; tick < 5; ++tick) {
    CHECK_FALSE(none.open(tick));
    CHECK(unlimited.open(tick));
  }
}

/// The plugin made with a budget and phases (TestPlugin has neither).
struct BanditUnderTest {
  ParameterSet params;
  std::vector<PhaseView> phases = {{"warm_up", 0, 10, 1.0}, {"peak", 10, 10, 4.0}};
  CreateContext context;
  PluginInstance<PricingPolicy> plugin;

  BanditUnderTest(const TestCatalog& catalog, double budget, std::uint32_t segments) {
    const PluginEntry& entry = shipped<PricingPolicy>("bandit_discount");
    params = default_parameters(*entry.descriptor);
    context.params = &params;
    context.catalog = &catalog.view;
    context.shopper_count = 1000;
    context.segment_count = segments;
    context.slate_size = 4;
    context.tick_count = 20;
    context.random_key = 11;
    context.phases = phases.data();
    context.phase_count = 2;
    context.discount_budget = budget;
    plugin = PluginInstance<PricingPolicy>(entry.library, *entry.descriptor, context, "unit test");
  }
};

std::vector<float> bandit_prices(const BanditUnderTest& bandit, const TestCatalog& catalog, TickIndex tick,
                                 const std::vector<SessionView>& sessions) {
  const DecisionContext context = decision_context(catalog, tick, 11);
  const std::vector<ItemId> row = {0, 1, 2, kNoItem};
  std::vector<ItemId> slates;
  for (std::size_t i = 0; i < sessions.size(); ++i) slates.insert(slates.end(), row.begin(), row.end());
  std::vector<float> discounts(slates.size(), 0.0f);
  std::vector<CouponOffer> coupons(sessions.size());
  const std::vector<float> intent(sessions.size(), 0.5f);
  bandit.plugin->price({&context, sessions.data(), sessions.size()}, intent.data(), 4, slates.data(),
                       discounts.data(), coupons.data());
  return discounts;
}

TEST_CASE("plugins: bandit_discount shows one level per session and books what those levels cost", "[plugins]") {
  const TestCatalog catalog(4);  // list prices 10, 20, 30, 40
  BanditUnderTest bandit(catalog, 1e6, 2);
  std::vector<SessionView> sessions;
  for (ShopperId s = 0; s < 200; ++s) {
    sessions.push_back(session(s));
    sessions.back().segment = static_cast<SegmentId>(s % 2);
  }
  const std::vector<float> discounts = bandit_prices(bandit, catalog, 0, sessions);
  std::vector<Event> events;
  std::vector<SessionOutcome> outcomes;
  double expected_spend = 0.0;
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    const float d = discounts[i * 4];
    CHECK(discounts[i * 4 + 1] == d);
    CHECK(discounts[i * 4 + 2] == d);
    CHECK(discounts[i * 4 + 3] == 0.0f);
    // Every session buys item 1 (list 20) at its discount; one in ten also a flash unit of item 2 at 0.5.
    const ShopperId s = sessions[i].shopper;
    const auto seg = sessions[i].segment;
    events.push_back({s, 1, 0, 20.0f, d, EventType::kClick, 1, seg});
    events.push_back({s, 1, 0, 20.0f * (1.0f - d), d, EventType::kPurchase, 1, seg});
    if (d > 0.0f) expected_spend += 20.0 * d;
    if (i % 10 == 0) events.push_back({s, 2, 0, 15.0f, 0.5f, EventType::kPurchase, 2, seg});
    SessionOutcome o;
    o.view = sessions[i];
    outcomes.push_back(o);
  }
  EmittedMetrics metrics;
  bandit.plugin->observe(learn_context(catalog, 0, outcomes, &metrics), span(events));
  REQUIRE(metrics.values.size() == 5);
  CHECK(metrics.values[0].second == Approx(expected_spend));  // the flash units are not the policy's
  CHECK(metrics.values[1].second == Approx(1e6 / 50.0));  // tick 0's weight 1 of 10×1 + 10×4
  CHECK(metrics.values[2].second == 0.0);
}

TEST_CASE("plugins: bandit_discount stops discounting once spend runs a tick's allowance ahead", "[plugins]") {
  const TestCatalog catalog(4);
  BanditUnderTest bandit(catalog, 500.0, 1);  // plan: 10 per warm-up tick, 40 per peak tick
  std::vector<SessionView> sessions;
  for (ShopperId s = 0; s < 50; ++s) sessions.push_back(session(s));
  // Tick 0 spends at least 30 (three allowances): tick 1 starts 20 ahead, more than its allowance.
  const std::vector<float> at_0 = bandit_prices(bandit, catalog, 0, sessions);
  const auto shown = std::find_if(at_0.begin(), at_0.end(), [](float d) { return d > 0.0f; });
  REQUIRE(shown != at_0.end());
  const ShopperId buyer = static_cast<ShopperId>((shown - at_0.begin()) / 4);
  const float d = *shown;
  const int units = static_cast<int>(std::ceil(30.0 / (40.0 * d)));
  std::vector<Event> events;
  for (int u = 0; u < units; ++u) events.push_back({buyer, 3, 0, 40.0f * (1.0f - d), d, EventType::kPurchase, 0, 0});
  SessionOutcome outcome;
  outcome.view = sessions[buyer];
  EmittedMetrics metrics;
  bandit.plugin->observe(learn_context(catalog, 0, {outcome}, &metrics), span(events));
  REQUIRE(metrics.values[0].second >= 30.0);
  CHECK(bandit_prices(bandit, catalog, 1, sessions) == std::vector<float>(200, 0.0f));
  metrics.values.clear();
  bandit.plugin->observe(learn_context(catalog, 1, {}, &metrics), span({}));
  CHECK(metrics.values[2] == std::pair<std::uint32_t, double>{2, 1.0});  // paced off at tick 1
}

}  // namespace
}  // namespace promosim::test
