// The content_cold_start recommender, loaded as shipped: slates composed as documented (warm
// ranking first, the last cold_slots slots to cold items), launch ticks, recent items and
// stock respected, online learning, and its metrics worked out by hand.
#include <algorithm>
#include <catch2/catch.hpp>
#include <vector>

#include "test_plugin_support.hpp"

namespace promosim::test {
namespace {

using Slate = std::vector<ItemId>;

std::vector<Event> repeat(ItemId item, EventType type, int times, TickIndex tick = 0) {
  return std::vector<Event>(static_cast<std::size_t>(times), event(item, type, tick));
}

void append(std::vector<Event>& events, const std::vector<Event>& more) { events.insert(events.end(), more.begin(), more.end()); }

/// TestCatalog(20) with items 16-19 launched at tick 5 (item 16 is brand 0, 17 brand 1, ...).
TestCatalog late_launch_catalog() {
  TestCatalog catalog(20);
  for (ItemId i = 16; i < 20; ++i) catalog.launch[i] = 5;
  return catalog;
}

/// History in which brand 0 sells (items 0 and 8: 6 purchases each, score 60) and every other
/// item on sale from tick 0 has 5 clicks (score 5): all of them warm, the late items cold.
std::vector<Event> history() {
  std::vector<Event> events = repeat(0, EventType::kPurchase, 6);
  append(events, repeat(8, EventType::kPurchase, 6));
  for (ItemId i = 1; i < 16; ++i) {
    if (i != 8) append(events, repeat(i, EventType::kClick, 5));
  }
  return events;
}

std::vector<std::pair<std::uint32_t, double>> observe(TestPlugin<Recommender>& plugin, const TestCatalog& catalog,
                                                      TickIndex tick, const std::vector<Event>& events) {
  EmittedMetrics metrics;
  plugin->observe(learn_context(catalog, tick, {}, &metrics), span(events));
  return metrics.values;
}

TEST_CASE("plugins: content_cold_start reserves the last slots for cold items once they are launched", "[plugins]") {
  const TestCatalog catalog = late_launch_catalog();
  // Popularity ranks the warm slots: 0 and 8 (score 60), then the 5-click items by id.
  TestPlugin<Recommender> plugin(shipped<Recommender>("content_cold_start"), catalog,
                                 {{"warm_ranking", 0, "popularity"}, {"cold_slots", 2}, {"cold_min_score", -100}});
  plugin->fit(learn_context(catalog, 0), span(history()));
  CHECK(recommend(plugin, catalog, 4, {session(1)}) == Slate{0, 8, 1, 2, 3, 4, 5, 6, 7, 9});
  // From tick 5 the two best cold items by content score take the last slots: item 16 of the
  // selling brand, then item 17 (items 17-19 tie on their attributes; lower id first).
  CHECK(recommend(plugin, catalog, 5, {session(1)}) == Slate{0, 8, 1, 2, 3, 4, 5, 6, 16, 17});

  SECTION("cold items below cold_min_score leave their slot to the warm ranking") {
    // Items 17-19 are in categories that sold less than the average item: their scores are
    // negative, item 16's positive.
    TestPlugin<Recommender> floor(shipped<Recommender>("content_cold_start"), catalog,
                                  {{"warm_ranking", 0, "popularity"}, {"cold_slots", 2}, {"cold_min_score", 0}});
    floor->fit(learn_context(catalog, 0), span(history()));
    CHECK(recommend(floor, catalog, 5, {session(1)}) == Slate{0, 8, 1, 2, 3, 4, 5, 6, 16, 7});
  }
  SECTION("without reserved slots the never-seen items stay out of a popularity slate") {
    TestPlugin<Recommender> none(shipped<Recommender>("content_cold_start"), catalog,
                                 {{"warm_ranking", 0, "popularity"}, {"cold_slots", 0}});
    none->fit(learn_context(catalog, 0), span(history()));
    CHECK(recommend(none, catalog, 5, {session(1)}) == Slate{0, 8, 1, 2, 3, 4, 5, 6, 7, 9});
  }
  SECTION("slots cold items cannot fill go back to the warm ranking") {
    TestPlugin<Recommender> many(shipped<Recommender>("content_cold_start"), catalog,
                                 {{"warm_ranking", 0, "popularity"}, {"cold_slots", 6}, {"cold_min_score", -100}});
    many->fit(learn_context(catalog, 0), span(history()));
    CHECK(recommend(many, catalog, 5, {session(1)}) == Slate{0, 8, 1, 2, 16, 17, 18, 19, 3, 4});
  }
}

TEST_CASE("plugins: content_cold_start ranks by content and lifts the shopper's recent categories", "[plugins]") {
  const TestCatalog catalog = late_launch_catalog();
  // Nothing learnt: every item scores 0 (and is cold). Recent item 3 lifts its brand (items 11,
  // 19) most and its category (items 7, 15) next; item 3 itself is skipped as recent.
  TestPlugin<Recommender> plugin(shipped<Recommender>("content_cold_start"), catalog);
  CHECK(recommend(plugin, catalog, 5, {session(1, {3})}) == Slate{11, 19, 7, 15, 0, 1, 2, 4, 5, 6});
  CHECK(recommend(plugin, catalog, 4, {session(1, {3})}) == Slate{11, 7, 15, 0, 1, 2, 4, 5, 6, 8});
  SECTION("with exclude_recent false the recent item is shown too") {
    TestPlugin<Recommender> keep(shipped<Recommender>("content_cold_start"), catalog, {{"exclude_recent", 0.0}});
    CHECK(recommend(keep, catalog, 5, {session(1, {3})}) == Slate{3, 11, 19, 7, 15, 0, 1, 2, 4, 5});
  }
  SECTION("a never-seen launched item of the selling brand is shown to a shopper with no record") {
    plugin->fit(learn_context(catalog, 0), span(history()));
    const Slate launched = recommend(plugin, catalog, 5, {session(1)});
    const Slate before = recommend(plugin, catalog, 4, {session(1)});
    CHECK(std::find(launched.begin(), launched.end(), 16) != launched.end());
    CHECK(std::find(before.begin(), before.end(), 16) == before.end());
  }
}

TEST_CASE("plugins: content_cold_start learns online and skips sold-out items", "[plugins]") {
  const TestCatalog catalog = late_launch_catalog();
  TestPlugin<Recommender> plugin(shipped<Recommender>("content_cold_start"), catalog,
                                 {{"warm_ranking", 0, "popularity"}, {"cold_slots", 0}});
  plugin->fit(learn_context(catalog, 0), span(history()));
  observe(plugin, catalog, 0, repeat(9, EventType::kPurchase, 7, 0));  // item 9 now scores 75
  CHECK(recommend(plugin, catalog, 1, {session(1)}) == Slate{9, 0, 8, 1, 2, 3, 4, 5, 6, 7});
  DecisionContext context = decision_context(catalog, 1);
  std::vector<std::uint32_t> stock(20, 5);
  stock[9] = stock[1] = 0;
  context.stock = stock.data();
  const SessionView view = session(1);
  Slate slate(10);
  plugin->recommend({&context, &view, 1}, 10, slate.data());
  CHECK(slate == Slate{0, 8, 2, 3, 4, 5, 6, 7, 10, 11});
}

TEST_CASE("plugins: content_cold_start reports cold items on sale, cold clicks and items warmed", "[plugins]") {
  const TestCatalog catalog = late_launch_catalog();
  TestPlugin<Recommender> plugin(shipped<Recommender>("content_cold_start"), catalog);
  EmittedMetrics fitted;
  plugin->fit(learn_context(catalog, 0, {}, &fitted), span(history()));
  // Before the history every item was cold: all 70 clicks went to cold items and 16 items
  // warmed up; at tick 0 the 4 cold items are not on sale yet.
  using Values = std::vector<std::pair<std::uint32_t, double>>;
  CHECK(fitted.values == Values{{0, 0.0}, {1, 1.0}, {2, 16.0}});
  // Tick 4's report counts what is on sale at tick 5: the 4 launched items, all cold.
  CHECK(observe(plugin, catalog, 4, {}) == Values{{0, 4.0}, {1, 0.0}, {2, 0.0}});
  std::vector<Event> tick5 = repeat(16, EventType::kClick, 3, 5);
  append(tick5, repeat(0, EventType::kClick, 1, 5));
  CHECK(observe(plugin, catalog, 5, tick5) == Values{{0, 4.0}, {1, 0.75}, {2, 0.0}});
  std::vector<Event> tick6 = repeat(16, EventType::kClick, 2, 6);
  append(tick6, repeat(16, EventType::kPurchase, 1, 6));  // purchases count toward warmth, not clicks
  CHECK(observe(plugin, catalog, 6, tick6) == Values{{0, 3.0}, {1, 1.0}, {2, 1.0}});
}

}  // namespace
}  // namespace promosim::test
