// The random recommender: uniform distinct launched items, a pure function of (random key,
// shopper, tick) so every arm and every thread sees the same slate for the same visit.
#include <algorithm>
#include <catch2/catch.hpp>

#include "test_plugin_support.hpp"

namespace promosim::test {
namespace {

using Slate = std::vector<ItemId>;

std::vector<SessionView> shoppers(ShopperId first, ShopperId count) {
  std::vector<SessionView> out;
  for (ShopperId s = first; s < first + count; ++s) out.push_back(session(s));
  return out;
}

Slate row(const std::vector<ItemId>& slates, std::size_t i, std::size_t slate_size = 10) {
  return Slate(slates.begin() + static_cast<std::ptrdiff_t>(i * slate_size),
               slates.begin() + static_cast<std::ptrdiff_t>((i + 1) * slate_size));
}

TEST_CASE("plugins: random slates hold distinct launched items and fill every slot", "[plugins]") {
  TestCatalog catalog(50);
  for (ItemId i = 40; i < 50; ++i) catalog.launch[i] = 5;
  TestPlugin<Recommender> plugin(shipped<Recommender>("random"), catalog);
  const auto sessions = shoppers(0, 200);
  for (const TickIndex tick : {TickIndex{0}, TickIndex{5}}) {
    INFO("tick " << tick);
    const auto slates = recommend(plugin, catalog, tick, sessions);
    bool late_item_shown = false;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
      Slate slate = row(slates, i);
      for (const ItemId item : slate) {
        REQUIRE(item < 50);
        CHECK(catalog.launch[item] <= tick);
        late_item_shown = late_item_shown || item >= 40;
      }
      std::sort(slate.begin(), slate.end());
      CHECK(std::adjacent_find(slate.begin(), slate.end()) == slate.end());
    }
    CHECK(late_item_shown == (tick == 5));
  }
}

TEST_CASE("plugins: random slates depend only on the key, the shopper and the tick", "[plugins]") {
  const TestCatalog catalog(100);
  TestPlugin<Recommender> arm_a(shipped<Recommender>("random"), catalog);
  TestPlugin<Recommender> arm_b(shipped<Recommender>("random"), catalog);
  const Slate alone = recommend(arm_a, catalog, 3, {session(17)});
  // Another instance (another arm), and shopper 17 last in a bigger batch: the same slate.
  CHECK(row(recommend(arm_b, catalog, 3, shoppers(10, 8)), 7) == alone);
  CHECK(recommend(arm_a, catalog, 4, {session(17)}) != alone);
  CHECK(recommend(arm_a, catalog, 3, {session(18)}) != alone);
  CHECK(recommend(arm_a, catalog, 3, {session(17)}, 10, /*random_key=*/2) != alone);
}

TEST_CASE("plugins: random puts every launched item first about equally often", "[plugins]") {
  // A sampler that picked a uniform set in a biased order (Floyd's algorithm without the
  // shuffle) would never put the highest-index items first.
  const TestCatalog catalog(40);
  TestPlugin<Recommender> plugin(shipped<Recommender>("random"), catalog);
  const auto slates = recommend(plugin, catalog, 0, shoppers(0, 4000));
  std::vector<int> first(40, 0);
  for (std::size_t i = 0; i < 4000; ++i) ++first[slates[i * 10]];
  // Expected 100 each, standard deviation about 10: 50..150 is a 5-sigma band.
  CHECK(*std::min_element(first.begin(), first.end()) >= 50);
  CHECK(*std::max_element(first.begin(), first.end()) <= 150);
}

TEST_CASE("plugins: random pads with kNoItem only when fewer items are launched than slots", "[plugins]") {
  TestCatalog catalog(8);
  catalog.launch[6] = catalog.launch[7] = 9;
  TestPlugin<Recommender> plugin(shipped<Recommender>("random"), catalog);
  Slate slate = recommend(plugin, catalog, 0, {session(3)});
  CHECK(std::all_of(slate.begin() + 6, slate.end(), [](ItemId item) { return item == kNoItem; }));
  std::sort(slate.begin(), slate.begin() + 6);
  CHECK(Slate(slate.begin(), slate.begin() + 6) == Slate{0, 1, 2, 3, 4, 5});
}

}  // namespace
}  // namespace promosim::test
