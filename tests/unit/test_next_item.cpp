// next_item: transition counts and the second-order back-off on hand-made sequences, the
// blend with item_knn affinity worked by hand, the back-off to item_knn where a transition is
// unseen, the bounded second-order memory, and the loaded plugin's slates.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <vector>

#include "candidate_scores.hpp"
#include "next_item_model.hpp"
#include "shopper_visits.hpp"
#include "test_plugin_support.hpp"
#include "transition_table.hpp"

namespace promosim::test {
namespace {

using plugins::CandidateScores;
using plugins::ItemKnnConfig;
using plugins::NextItemConfig;
using plugins::NextItemModel;
using plugins::ShopperVisits;
using plugins::TransitionTable;
using Items = std::vector<ItemId>;
using Slate = std::vector<ItemId>;

/// History: each shopper's clicked items, one visit per item, in order.
std::vector<Event> history(std::initializer_list<std::pair<ShopperId, Items>> shoppers) {
  std::vector<Event> events;
  for (const auto& [shopper, items] : shoppers) {
    for (const ItemId item : items) events.push_back(event(item, EventType::kClick, 0, shopper));
  }
  return events;
}

// 0 -> 1 -> 2, 0 -> 1 -> 3, 1 -> 2, 5 -> 4: first order 0->1 x2, 1->2 x2, 1->3 x1, 5->4 x1;
// second order (0, 1)->2 x1, (0, 1)->3 x1. Item 4 is never followed by anything.
const std::vector<Event> kHistory = history({{0, {0, 1, 2}}, {1, {0, 1, 3}}, {2, {1, 2}}, {3, {5, 4}}});
constexpr std::uint32_t kItems = 10;

TEST_CASE("plugins: next_item counts first- and second-order transitions", "[plugins]") {
  TransitionTable table(kItems, 2, 100);
  table.learn(ShopperVisits::from_history(span(kHistory), kItems));
  CHECK(table.successors(0).count(1) == 2);
  CHECK(table.successors(0).total() == 2);
  CHECK(table.successors(1).count(2) == 2);
  CHECK(table.successors(1).count(3) == 1);
  CHECK(table.successors(1).total() == 3);
  CHECK(table.successors(5).count(4) == 1);
  CHECK(table.successors(4).size() == 0);
  REQUIRE(table.successors(0, 1) != nullptr);
  CHECK(table.successors(0, 1)->count(2) == 1);
  CHECK(table.successors(0, 1)->count(3) == 1);
  CHECK(table.successors(5, 1) == nullptr);
  CHECK(table.stored_counts() == 4 + 2);

  SECTION("a repeat of the item just engaged with is not a transition") {
    TransitionTable repeat(kItems, 1, 100);
    const Items earlier = {2}, items = {2, 6};
    repeat.learn({earlier.data(), earlier.size(), items.data(), items.size()});
    CHECK(repeat.successors(2).count(2) == 0);
    CHECK(repeat.successors(2).count(6) == 1);
  }
  SECTION("a first-order table keeps no pairs") {
    TransitionTable first(kItems, 1, 100);
    first.learn(ShopperVisits::from_history(span(kHistory), kItems));
    CHECK(first.successors(0, 1) == nullptr);
    CHECK(first.stored_counts() == 4);
  }
}

ItemKnnConfig knn_config() { return {10, 1.0, 0.0, 0.5, 100}; }

NextItemModel learnt_model(std::uint32_t order, double knn_blend) {
  NextItemModel model(kItems, NextItemConfig{order, 100, knn_blend}, knn_config());
  model.learn(ShopperVisits::from_history(span(kHistory), kItems), span(kHistory));
  model.rebuild();
  return model;
}

TEST_CASE("plugins: next_item's transition probability backs off from pairs to single items", "[plugins]") {
  const NextItemModel first = learnt_model(1, 0.5);
  CHECK(first.transition_probability(session(1, {1}), 2) == Approx(2.0 / 3.0));
  CHECK(first.transition_probability(session(1, {1}), 3) == Approx(1.0 / 3.0));
  CHECK(first.transition_probability(session(1, {1, 0}), 2) == Approx(2.0 / 3.0));  // order 1 ignores the pair
  CHECK(first.transition_probability(session(1, {1}), 0) == 0.0);
  CHECK(first.transition_probability(session(1, {4}), 5) == 0.0);  // nothing ever followed 4
  CHECK(first.transition_probability(session(1), 1) == 0.0);

  const NextItemModel second = learnt_model(2, 0.5);
  CHECK(second.transition_probability(session(1, {1, 0}), 2) == Approx(0.5));  // the pair (0, 1)
  CHECK(second.transition_probability(session(1, {1, 0}), 3) == Approx(0.5));
  CHECK(second.transition_probability(session(1, {1, 5}), 2) == Approx(2.0 / 3.0));  // (5, 1) unseen
  CHECK(second.transition_probability(session(1, {1}), 3) == Approx(1.0 / 3.0));    // no item before
}

TEST_CASE("plugins: next_item blends transition probability with item_knn affinity", "[plugins]") {
  // knn (shrinkage 1): n1 = 3, n0 = n2 = 2, n3 = 1; c10 = c12 = 2, c13 = 1, so sim(1, 0) =
  // sim(1, 2) = 2/sqrt(6) * 2/3 (the largest, A_max) and sim(1, 3) = 1/sqrt(3) * 1/2, which is
  // 3 sqrt(2) / 8 of A_max. Transitions from 1: 2 (2 of 3, P_max), 3 (1 of 3).
  const NextItemModel model = learnt_model(1, 0.8);
  CandidateScores scores(model.max_candidates()), affinity(model.max_candidates());
  model.score(session(1, {1}), scores, affinity);
  CHECK(scores.entries().size() == 3);
  CHECK(scores.score(2) == Approx(0.2 * 1.0 + 0.8 * 1.0));
  CHECK(scores.score(3) == Approx(0.2 * 0.5 + 0.8 * 3.0 * std::sqrt(2.0) / 8.0));
  CHECK(scores.score(0) == Approx(0.8));  // no transition 1 -> 0: item_knn alone
  SECTION("an unseen transition backs off to item_knn") {
    scores.clear();
    affinity.clear();
    model.score(session(1, {4}), scores, affinity);
    REQUIRE(scores.entries().size() == 1);
    CHECK(scores.entries()[0].item == 5);
    CHECK(scores.score(5) == Approx(0.8));
  }
  SECTION("knn_blend 0 keeps transitions only, 1 item_knn only") {
    const NextItemModel transitions_only = learnt_model(1, 0.0);
    scores.clear();
    affinity.clear();
    transitions_only.score(session(1, {1}), scores, affinity);
    CHECK(scores.entries().size() == 2);
    CHECK(scores.score(2) == Approx(1.0));
    CHECK(scores.score(3) == Approx(0.5));
    const NextItemModel knn_only = learnt_model(1, 1.0);
    scores.clear();
    affinity.clear();
    knn_only.score(session(1, {1}), scores, affinity);
    CHECK(scores.entries().size() == 3);
    CHECK(scores.score(3) == Approx(3.0 * std::sqrt(2.0) / 8.0));
  }
}

TEST_CASE("plugins: next_item keeps at most 16 second-order contexts per item", "[plugins]") {
  TransitionTable table(22, 2, 100);
  // Item 21 follows the pair (b, 20) for b = 0..19, once each. At b = 16 the 16 contexts are
  // full and tied, so the higher-id half (8-15) goes; 16-19 come in after.
  for (ItemId b = 0; b < 20; ++b) {
    const Items earlier = {20, b}, items = {21};
    table.learn({earlier.data(), earlier.size(), items.data(), items.size()});
  }
  CHECK(table.successors(20).count(21) == 20);
  CHECK(table.successors(3, 20) != nullptr);
  CHECK(table.successors(10, 20) == nullptr);
  CHECK(table.successors(19, 20) != nullptr);
  CHECK(table.stored_counts() == 1 + 12);
}

TEST_CASE("plugins: next_item rejects configurations and items outside their ranges", "[plugins]") {
  CHECK_THROWS_AS(TransitionTable(4, 3, 10), std::invalid_argument);
  CHECK_THROWS_AS(TransitionTable(4, 1, 0), std::invalid_argument);
  CHECK_THROWS_AS(NextItemModel(4, NextItemConfig{1, 10, 1.5}, knn_config()), std::invalid_argument);
  const TransitionTable table(4, 2, 10);
  CHECK_THROWS_AS(table.context(session(1, {4})), std::out_of_range);
  CHECK_THROWS_AS(table.successors(1, 7), std::out_of_range);
}

Slate slate_at(const TestPlugin<Recommender>& plugin, const TestCatalog& catalog, TickIndex tick,
               std::initializer_list<ItemId> recent) {
  return recommend(plugin, catalog, tick, {session(1, recent)});
}

Slate padded(Items items) {
  items.resize(10, kNoItem);
  return items;
}

TEST_CASE("plugins: next_item's order decides which transitions a session sees", "[plugins]") {
  const TestCatalog catalog(12);
  // 1 -> 3 three times (after 7), 1 -> 2 twice (after 0).
  const std::vector<Event> events =
      history({{0, {0, 1, 2}}, {1, {0, 1, 2}}, {2, {7, 1, 3}}, {3, {7, 1, 3}}, {4, {7, 1, 3}}});
  const auto plugin_with = [&](int order) {
    return std::make_unique<TestPlugin<Recommender>>(
        shipped<Recommender>("next_item"), catalog,
        std::initializer_list<ParamValue>{{"order", static_cast<double>(order)},
                                          {"knn_blend", 0.0},
                                          {"popularity_exponent", 0.0},
                                          {"fallback", 0, "none"}});
  };
  const auto first = plugin_with(1);
  const auto second = plugin_with(2);
  (*first)->fit(learn_context(catalog, 0), span(events));
  (*second)->fit(learn_context(catalog, 0), span(events));
  CHECK(slate_at(*first, catalog, 1, {1, 0}) == padded({3, 2}));
  CHECK(slate_at(*second, catalog, 1, {1, 0}) == padded({2}));
  CHECK(slate_at(*second, catalog, 1, {1, 7}) == padded({3}));
  CHECK(slate_at(*second, catalog, 1, {1, 9}) == padded({3, 2}));  // unseen pair: first order
}

TEST_CASE("plugins: next_item backs off to item_knn, skips seen and unlaunched items", "[plugins]") {
  TestCatalog catalog(12);
  TestPlugin<Recommender> plugin(shipped<Recommender>("next_item"), catalog, {{"fallback", 0, "none"}});
  plugin->fit(learn_context(catalog, 0), span(kHistory));
  CHECK(slate_at(plugin, catalog, 1, {4}) == padded({5}));  // nothing followed 4; item_knn knows 5
  const Slate slate = slate_at(plugin, catalog, 1, {1, 0});
  CHECK(std::find(slate.begin(), slate.end(), 1) == slate.end());
  CHECK(std::find(slate.begin(), slate.end(), 0) == slate.end());
  CHECK(std::find(slate.begin(), slate.end(), 2) != slate.end());
  catalog.launch[2] = 4;
  const Slate before_launch = slate_at(plugin, catalog, 1, {1, 0});
  CHECK(std::find(before_launch.begin(), before_launch.end(), 2) == before_launch.end());
  CHECK(slate_at(plugin, catalog, 4, {1, 0}) == slate);
}

TEST_CASE("plugins: next_item learns transitions online in observe", "[plugins]") {
  const TestCatalog catalog(12);
  TestPlugin<Recommender> plugin(shipped<Recommender>("next_item"), catalog,
                                 {{"fallback", 0, "none"}, {"knn_blend", 0.0}});
  plugin->fit(learn_context(catalog, 0), span(kHistory));
  CHECK(slate_at(plugin, catalog, 1, {4}) == padded({}));
  // Shopper 8 (a replayed shopper: a multiple of 8) goes from 4 to 9, then 6, at tick 0.
  std::vector<SessionOutcome> sessions(1);
  sessions[0].view = session(8, {4});
  sessions[0].clicks = 2;
  const std::vector<Event> events = {event(9, EventType::kClick, 0, 8), event(6, EventType::kClick, 0, 8)};
  EmittedMetrics metrics;
  plugin->observe(learn_context(catalog, 0, sessions, &metrics), span(events));
  CHECK(slate_at(plugin, catalog, 1, {4}) == padded({9}));
  CHECK(slate_at(plugin, catalog, 1, {9}) == padded({6}));
  // Replayed before learning: shopper 8's slate had nothing, so every share is 0.
  REQUIRE(metrics.values.size() == 4);
  CHECK(metrics.values[0] == std::pair<std::uint32_t, double>{0, 0.0});
  CHECK(metrics.values[1] == std::pair<std::uint32_t, double>{1, 0.0});
  CHECK(metrics.values[2] == std::pair<std::uint32_t, double>{2, 0.0});
  CHECK(metrics.values[3] == std::pair<std::uint32_t, double>{3, 4.0 + 2.0});
}

TEST_CASE("plugins: next_item slates are the same on repeated calls and instances", "[plugins]") {
  check_repeatable_slates("next_item", {{"order", 2}});
}

}  // namespace
}  // namespace promosim::test
