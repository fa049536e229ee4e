// The popularity recommender ranks by weighted, aged event counts; these tests predict its
// slates by hand from the documented weights, half-life and window.
#include <catch2/catch.hpp>

#include "test_plugin_support.hpp"

namespace promosim::test {
namespace {

using Slate = std::vector<ItemId>;

/// Observes `events` at `tick` and returns the emitted active_items value.
double observe(TestPlugin<Recommender>& plugin, const TestCatalog& catalog, TickIndex tick,
               const std::vector<Event>& events) {
  EmittedMetrics metrics;
  plugin->observe(learn_context(catalog, tick, {}, &metrics), span(events));
  REQUIRE(metrics.values.size() == 1);
  REQUIRE(metrics.values[0].first == 0);
  return metrics.values[0].second;
}

std::vector<Event> repeat(ItemId item, EventType type, int times, TickIndex tick) {
  return std::vector<Event>(static_cast<std::size_t>(times), event(item, type, tick));
}

std::vector<Event> concat(std::initializer_list<std::vector<Event>> parts) {
  std::vector<Event> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

Slate slate_at(const TestPlugin<Recommender>& plugin, const TestCatalog& catalog, TickIndex tick,
               const SessionView& view = session(1)) {
  return recommend(plugin, catalog, tick, {view});
}

TEST_CASE("plugins: popularity ranks items by weighted event counts, ties by lower id", "[plugins]") {
  const TestCatalog catalog(20);
  TestPlugin<Recommender> plugin(shipped<Recommender>("popularity"), catalog);
  // Default weights click 1, cart 3, purchase 10: item 7 scores 20, item 3 scores 5, item 12 scores 3.
  const double active = observe(plugin, catalog, 0,
                                concat({repeat(3, EventType::kClick, 5, 0), repeat(7, EventType::kPurchase, 2, 0),
                                        repeat(12, EventType::kCart, 1, 0)}));
  CHECK(active == 3);
  CHECK(slate_at(plugin, catalog, 1) == Slate{7, 3, 12, 0, 1, 2, 4, 5, 6, 8});
}

TEST_CASE("plugins: popularity learns the same way from the history in fit", "[plugins]") {
  const TestCatalog catalog(20);
  TestPlugin<Recommender> plugin(shipped<Recommender>("popularity"), catalog, {{"purchase_weight", 2.0}});
  // With purchases worth 2, three clicks on item 5 beat one purchase of item 9.
  plugin->fit(learn_context(catalog, 0), span(concat({repeat(9, EventType::kPurchase, 1, 0),
                                                       repeat(5, EventType::kClick, 3, 0)})));
  CHECK(slate_at(plugin, catalog, 0) == Slate{5, 9, 0, 1, 2, 3, 4, 6, 7, 8});
}

TEST_CASE("plugins: decayed popularity halves a score every half-life", "[plugins]") {
  // Item 4 gets 3 clicks, one half-life later item 9 gets `later` clicks: item 4 then scores
  // 1.5, so 2 later clicks overtake it and 1 does not. The half-life is 2 hours, i.e. two
  // 1-hour ticks or one 2-hour tick.
  const auto [ticks_per_day, half_life_ticks] = GENERATE(std::pair<std::uint32_t, TickIndex>{24, 2},
                                                         std::pair<std::uint32_t, TickIndex>{12, 1});
  const auto [later, expected] = GENERATE(std::pair<int, Slate>{2, {9, 4}}, std::pair<int, Slate>{1, {4, 9}});
  INFO("ticks per day " << ticks_per_day << ", later clicks " << later);
  const TestCatalog catalog(20);
  TestPlugin<Recommender> plugin(shipped<Recommender>("popularity"), catalog, {{"half_life_hours", 2.0}}, 10,
                                 ticks_per_day);
  observe(plugin, catalog, 0, repeat(4, EventType::kClick, 3, 0));
  for (TickIndex t = 1; t < half_life_ticks; ++t) observe(plugin, catalog, t, {});
  observe(plugin, catalog, half_life_ticks, repeat(9, EventType::kClick, later, half_life_ticks));
  const Slate slate = slate_at(plugin, catalog, half_life_ticks + 1);
  CHECK(Slate(slate.begin(), slate.begin() + 2) == expected);
}

TEST_CASE("plugins: windowed popularity forgets events exactly when they leave the window", "[plugins]") {
  const TestCatalog catalog(20);
  // A 3-hour window of 1-hour ticks. Item 5 scores 0.1 + 0.2, which subtracting 0.1 and 0.2
  // again would not bring back to exactly 0 in floating point.
  TestPlugin<Recommender> plugin(shipped<Recommender>("popularity"), catalog,
                                 {{"mode", 0, "windowed"}, {"window_hours", 3}, {"click_weight", 0.1},
                                  {"cart_weight", 0.2}});
  plugin->fit(learn_context(catalog, 0), span(repeat(15, EventType::kPurchase, 1, 0)));  // history: before tick 0
  CHECK(observe(plugin, catalog, 0,
                concat({repeat(5, EventType::kClick, 1, 0), repeat(5, EventType::kCart, 1, 0)})) == 2);
  CHECK(slate_at(plugin, catalog, 1)[0] == 15);
  CHECK(observe(plugin, catalog, 1, repeat(6, EventType::kPurchase, 1, 1)) == 3);
  CHECK(observe(plugin, catalog, 2, {}) == 2);  // the history (ticks before 0) has left
  CHECK(slate_at(plugin, catalog, 3) == Slate{6, 5, 0, 1, 2, 3, 4, 7, 8, 9});
  CHECK(observe(plugin, catalog, 3, {}) == 1);  // tick 0's click has left, tick 1's purchase stays
  CHECK(slate_at(plugin, catalog, 4) == Slate{6, 0, 1, 2, 3, 4, 5, 7, 8, 9});
  CHECK(observe(plugin, catalog, 4, {}) == 0);
  CHECK(slate_at(plugin, catalog, 5) == Slate{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
}

TEST_CASE("plugins: popularity skips the shopper's recent items unless told not to", "[plugins]") {
  const TestCatalog catalog(20);
  const auto events = concat({repeat(7, EventType::kPurchase, 1, 0), repeat(3, EventType::kCart, 1, 0),
                              repeat(12, EventType::kClick, 1, 0)});
  const SessionView shopper = session(1, {7, 1});
  SECTION("excluded by default") {
    TestPlugin<Recommender> plugin(shipped<Recommender>("popularity"), catalog);
    observe(plugin, catalog, 0, events);
    CHECK(slate_at(plugin, catalog, 1, shopper) == Slate{3, 12, 0, 2, 4, 5, 6, 8, 9, 10});
  }
  SECTION("kept with exclude_recent false") {
    TestPlugin<Recommender> plugin(shipped<Recommender>("popularity"), catalog, {{"exclude_recent", 0.0}});
    observe(plugin, catalog, 0, events);
    CHECK(slate_at(plugin, catalog, 1, shopper) == Slate{7, 3, 12, 0, 1, 2, 4, 5, 6, 8});
  }
  SECTION("shown after all when nothing else fills the slate") {
    const TestCatalog small(12);
    TestPlugin<Recommender> plugin(shipped<Recommender>("popularity"), small);
    CHECK(slate_at(plugin, small, 0, session(1, {0, 1, 2, 3, 4})) == Slate{5, 6, 7, 8, 9, 10, 11, 0, 1, 2});
  }
}

TEST_CASE("plugins: popularity never shows an item before its launch tick", "[plugins]") {
  TestCatalog catalog(20);
  for (ItemId i = 0; i < 5; ++i) catalog.launch[i] = 5;
  TestPlugin<Recommender> plugin(shipped<Recommender>("popularity"), catalog);
  CHECK(slate_at(plugin, catalog, 0) == Slate{5, 6, 7, 8, 9, 10, 11, 12, 13, 14});
  CHECK(slate_at(plugin, catalog, 4) == Slate{5, 6, 7, 8, 9, 10, 11, 12, 13, 14});
  CHECK(slate_at(plugin, catalog, 5) == Slate{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});

  SECTION("and pads with kNoItem only when fewer items are launched than slots") {
    TestCatalog few(6);
    few.launch[3] = few.launch[4] = few.launch[5] = 10;
    TestPlugin<Recommender> sparse(shipped<Recommender>("popularity"), few);
    CHECK(slate_at(sparse, few, 0) == Slate{0, 1, 2, kNoItem, kNoItem, kNoItem, kNoItem, kNoItem, kNoItem, kNoItem});
  }
}

}  // namespace
}  // namespace promosim::test

namespace promosim::test {
namespace {

TEST_CASE("plugins: popularity skips items that are sold out", "[plugins]") {
  const TestCatalog catalog(6);
  TestPlugin<Recommender> plugin(shipped<Recommender>("popularity"), catalog, {}, 3);
  // Items 5, 4, 3 are the most popular, in that order.
  std::vector<Event> history;
  for (ItemId item : {3u, 4u, 4u, 5u, 5u, 5u}) history.push_back(event(item, EventType::kPurchase, 0));
  plugin->fit(learn_context(catalog, 0, {}, nullptr), span(history));
  DecisionContext context = decision_context(catalog, 1);
  const std::vector<std::uint32_t> stock{9, 9, 9, 9, 0, 9};  // item 4 is sold out
  context.stock = stock.data();
  const SessionView view = session(1);
  std::vector<ItemId> slate(3);
  plugin->recommend({&context, &view, 1}, 3, slate.data());
  CHECK(slate == std::vector<ItemId>{5, 3, 0});
  context.stock = nullptr;  // unlimited stock: item 4 is back
  plugin->recommend({&context, &view, 1}, 3, slate.data());
  CHECK(slate == std::vector<ItemId>{5, 4, 3});
}

}  // namespace
}  // namespace promosim::test
