// ContentScorer (plugins/common): price bands worked out by hand, the smoothed log-lift
// scores checked against hand-computed values, and fill()'s ordering, boosts and filters
// checked against the documented rules (and, for the boost merge, against a brute-force sort).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <vector>

#include "content_scorer.hpp"
#include "test_plugin_support.hpp"

namespace promosim::test {
namespace {

using plugins::ContentScorer;
using plugins::ContentWeights;
using plugins::FallbackMode;
using plugins::FillOptions;
using Items = std::vector<ItemId>;

/// A catalog given item by item.
struct HandCatalog {
  std::vector<float> price, cost;
  std::vector<CategoryId> category;
  std::vector<BrandId> brand;
  std::vector<TickIndex> launch;
  CatalogView view;

  HandCatalog(std::vector<float> prices, std::vector<CategoryId> categories, std::vector<BrandId> brands,
              std::uint32_t category_count, std::uint32_t brand_count)
      : price(std::move(prices)), category(std::move(categories)), brand(std::move(brands)), launch(price.size(), 0) {
    for (const float p : price) cost.push_back(0.6f * p);
    view = {static_cast<std::uint32_t>(price.size()), category_count, brand_count, price.data(), cost.data(),
            category.data(), brand.data(), launch.data()};
  }
};

std::vector<Event> repeat(ItemId item, EventType type, int times, SegmentId segment = 0) {
  Event e = event(item, type);
  e.segment = segment;
  return std::vector<Event>(static_cast<std::size_t>(times), e);
}

void learn(ContentScorer& scorer, std::initializer_list<std::vector<Event>> parts) {
  for (const auto& p : parts) scorer.learn(span(p));
  scorer.refresh();
}

SessionView segment_session(SegmentId segment, std::initializer_list<ItemId> recent = {}) {
  SessionView v = session(1, recent);
  v.segment = segment;
  return v;
}

Items fill(const ContentScorer& scorer, FallbackMode mode, const SessionView& view, std::size_t count,
           TickIndex tick = 0, const Items& exclude = {}, bool cold_only = false, const FillOptions& options = {}) {
  Items out(count, kNoItem);
  out.resize(scorer.fill(mode, view, tick, count, exclude.data(), exclude.size(), cold_only, out.data(), options));
  return out;
}

/// One category, brand 0 = items 0-2 and brand 1 = items 3-5, all at one price (one band).
HandCatalog two_brands() { return HandCatalog({50, 50, 50, 50, 50, 50}, {0, 0, 0, 0, 0, 0}, {0, 0, 0, 1, 1, 1}, 1, 2); }

TEST_CASE("plugins: content scorer bands list prices into quintiles within each category", "[plugins]") {
  // Category 0: ten items; sorted by price 1(3) 2(8) 3(5) 3(6) 5(0) 5(1) 6(9) 7(2) 8(7) 9(4).
  // An item's band is floor(5 × strictly cheaper items / 10), so equal prices share a band.
  // Category 1: three items, bands floor(5 × {0, 1, 2} / 3) = 0, 1, 3.
  const HandCatalog catalog({5, 5, 7, 1, 9, 3, 3, 8, 2, 6, 30, 10, 20}, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1},
                            {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1}, 2, 2);
  const ContentScorer scorer(catalog.view, 1);
  std::vector<std::uint32_t> bands;
  for (ItemId i = 0; i < catalog.view.item_count; ++i) bands.push_back(scorer.price_band(i));
  CHECK(bands == std::vector<std::uint32_t>{2, 2, 3, 0, 4, 1, 1, 4, 0, 3, 3, 0, 1});
}

TEST_CASE("plugins: content scores are smoothed log-lifts of the item's attributes", "[plugins]") {
  const HandCatalog catalog = two_brands();
  ContentScorer scorer(catalog.view, 1, ContentWeights{.item = 0.0});
  for (ItemId i = 0; i < 6; ++i) CHECK(scorer.content_score(0, i) == 0.0f);  // nothing learnt yet

  // Engagement 50 (item 0), 20 (item 1), 1 (item 3): 71 in all, so every item's exposure is
  // 71/6 and the prior (5 items' worth) 5·71/6 = 355/6. Brand 0's lift is (70 + 355/6) /
  // (3·71/6 + 355/6) = 775/568, brand 1's (1 + 355/6) / (568/6) = 361/568. The single
  // category, segment and price band have lift 1.
  learn(scorer, {repeat(0, EventType::kPurchase, 5), repeat(1, EventType::kPurchase, 2), repeat(3, EventType::kClick, 1)});
  for (const ItemId i : {0u, 1u, 2u}) CHECK(scorer.content_score(0, i) == Approx(std::log(775.0 / 568.0)));
  for (const ItemId i : {3u, 4u, 5u}) CHECK(scorer.content_score(0, i) == Approx(std::log(361.0 / 568.0)));
  CHECK(scorer.engagement(0, 0) == 50.0);
  CHECK(scorer.engagement(0, 3) == 1.0);
  // Ties within a brand go to the more engaged-with item, then the lower id.
  CHECK(fill(scorer, FallbackMode::kContent, segment_session(0), 6) == Items{0, 1, 2, 3, 4, 5});
  CHECK(fill(scorer, FallbackMode::kContent, segment_session(0), 6, 0, {}, true) == Items{1, 2, 3, 4, 5});
}

TEST_CASE("plugins: content scorer ranks a never-seen item by its attributes and an ignored one below", "[plugins]") {
  HandCatalog catalog = two_brands();
  catalog.launch[2] = catalog.launch[5] = 5;  // never on sale while the scorer learnt
  ContentScorer scorer(catalog.view, 1);
  // Tick 0: item 0 scores 50, item 3 scores 1; items 0, 1, 3, 4 are on sale, so each has
  // exposure 51/4 and items 2 and 5 none. Prior: 5·51/6 = 42.5. Category lift (51 + 42.5) /
  // (51 + 42.5) = 1; brand 0: (50 + 42.5) / (25.5 + 42.5) = 92.5/68; brand 1: 43.5/68.
  // Item term ln((engagement + 2) / (exposure · attribute lift + 2)): 0 without exposure.
  learn(scorer, {repeat(0, EventType::kPurchase, 5), repeat(3, EventType::kClick, 1)});
  const double brand0 = std::log(92.5 / 68.0), brand1 = std::log(43.5 / 68.0);
  CHECK(scorer.content_score(0, 2) == Approx(brand0));
  CHECK(scorer.content_score(0, 5) == Approx(brand1));
  CHECK(scorer.content_score(0, 0) == Approx(brand0 + std::log(52.0 / (12.75 * 92.5 / 68.0 + 2.0))));
  CHECK(scorer.content_score(0, 1) == Approx(brand0 + std::log(2.0 / (12.75 * 92.5 / 68.0 + 2.0))));
  CHECK(scorer.content_score(0, 3) == Approx(brand1 + std::log(3.0 / (12.75 * 43.5 / 68.0 + 2.0))));
  CHECK(scorer.content_score(0, 4) == Approx(brand1 + std::log(2.0 / (12.75 * 43.5 / 68.0 + 2.0))));
  // So the never-seen item of the selling brand (2) leads the cold items, the never-seen item of
  // the other brand (5) follows, and the items that were on sale and ignored come last.
  CHECK(fill(scorer, FallbackMode::kContent, segment_session(0), 6, 5, {}, true) == Items{2, 5, 3, 1, 4});
  CHECK(fill(scorer, FallbackMode::kContent, segment_session(0), 6, 4, {}, true) == Items{3, 1, 4});
  SECTION("min_score stops at items expected to engage less") {
    FillOptions above{};
    above.min_score = -1.0f;
    CHECK(fill(scorer, FallbackMode::kContent, segment_session(0), 6, 5, {}, true, above) == Items{2, 5});
  }
}

TEST_CASE("plugins: content scorer carries category preferences to unseen items and segments", "[plugins]") {
  // TestCatalog: category = id % 4, brand = id % 8. Segment 0 buys from category 1 only.
  const TestCatalog catalog(40);
  ContentScorer scorer(catalog.view, 2);
  learn(scorer, {repeat(1, EventType::kPurchase, 3), repeat(5, EventType::kPurchase, 3), repeat(2, EventType::kClick, 1)});
  // Item 9 (brand 1, like item 1) and item 13 (brand 5, like item 5), never seen, lead.
  CHECK(scorer.content_score(0, 9) > scorer.content_score(0, 10));
  CHECK(scorer.content_score(0, 13) > scorer.content_score(0, 14));
  // Segment 1 has no engagement of its own: it inherits the population's category lift.
  CHECK(scorer.content_score(1, 13) > scorer.content_score(1, 14));
  CHECK(scorer.content_score(1, 14) > scorer.content_score(1, 15));  // category 2 had a click, 3 nothing
}

TEST_CASE("plugins: content scorer lifts the categories and brands of the session's recent items", "[plugins]") {
  const TestCatalog catalog(20);
  ContentScorer scorer(catalog.view, 1);
  // Nothing learnt: every score is 0, so the order is by id, except that recent item 3's brand
  // (3: items 11, 19) gets recent_category + recent_brand and its category (3: items 7, 15) recent_category.
  CHECK(fill(scorer, FallbackMode::kContent, segment_session(0), 10) == Items{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  CHECK(fill(scorer, FallbackMode::kContent, segment_session(0, {3}), 10, 0, {3}) ==
        Items{11, 19, 7, 15, 0, 1, 2, 4, 5, 6});
  CHECK(fill(scorer, FallbackMode::kContent, segment_session(0, {3}), 10, 0, {}, false, {nullptr, true}) ==
        Items{11, 19, 7, 15, 0, 1, 2, 4, 5, 6});
  SECTION("popularity mode does not boost") {
    CHECK(fill(scorer, FallbackMode::kPopularity, segment_session(0, {3}), 4) == Items{0, 1, 2, 3});
  }
  SECTION("zero boost weights switch it off") {
    const ContentScorer plain(catalog.view, 1, ContentWeights{.recent_category = 0.0, .recent_brand = 0.0});
    CHECK(fill(plain, FallbackMode::kContent, segment_session(0, {3}), 4) == Items{0, 1, 2, 3});
  }
}

TEST_CASE("plugins: content scorer's boosted merge equals re-sorting the ranking with the boosts", "[plugins]") {
  // Varied engagement over two segments; sessions with recent items across categories and brands.
  const TestCatalog catalog(48);
  const ContentWeights weights{.recent_category = 0.4, .recent_brand = 0.3};
  ContentScorer scorer(catalog.view, 2, weights);
  std::vector<Event> events;
  for (ItemId i = 0; i < 48; ++i) {
    const auto segment = static_cast<SegmentId>(i % 3 == 0);
    const auto clicks = repeat(i, EventType::kClick, static_cast<int>(i * 7 % 5), segment);
    const auto buys = repeat(i, EventType::kPurchase, static_cast<int>(i * 11 % 3), segment);
    events.insert(events.end(), clicks.begin(), clicks.end());
    events.insert(events.end(), buys.begin(), buys.end());
  }
  learn(scorer, {events});
  for (const SegmentId segment : {SegmentId{0}, SegmentId{1}}) {
    const Items ranking = fill(scorer, FallbackMode::kContent, segment_session(segment), 48);
    REQUIRE(ranking.size() == 48);
    for (const auto& recent : {Items{3}, Items{5, 13}, Items{2, 10, 7}, Items{1, 2, 3, 4, 47}}) {
      SessionView view = segment_session(segment);
      for (const ItemId r : recent) view.recent_items[view.recent_count++] = r;
      const auto boost = [&](ItemId item) {
        bool category = false, brand = false;
        for (const ItemId r : recent) {
          category |= catalog.category[r] == catalog.category[item];
          brand |= catalog.brand[r] == catalog.brand[item];
        }
        return static_cast<float>((category ? weights.recent_category : 0.0) + (brand ? weights.recent_brand : 0.0));
      };
      Items expected = ranking;
      std::stable_sort(expected.begin(), expected.end(), [&](ItemId a, ItemId b) {
        return scorer.content_score(segment, a) + boost(a) > scorer.content_score(segment, b) + boost(b);
      });
      INFO("segment " << segment << ", " << recent.size() << " recent items");
      CHECK(fill(scorer, FallbackMode::kContent, view, 48) == expected);
    }
  }
}

TEST_CASE("plugins: content scorer returns cold items only when asked for cold_only", "[plugins]") {
  const TestCatalog catalog(12);
  ContentScorer scorer(catalog.view, 1);
  // Item 4 reaches kWarmEvents (5 events), item 6 stops one short.
  learn(scorer, {repeat(4, EventType::kClick, 5), repeat(6, EventType::kClick, 4)});
  CHECK_FALSE(scorer.is_cold(4));
  CHECK(scorer.is_cold(6));
  CHECK(scorer.is_cold(0));
  const Items all = fill(scorer, FallbackMode::kPopularity, segment_session(0), 12);
  CHECK(all == Items{4, 6, 0, 1, 2, 3, 5, 7, 8, 9, 10, 11});
  CHECK(fill(scorer, FallbackMode::kPopularity, segment_session(0), 12, 0, {}, true) ==
        Items{6, 0, 1, 2, 3, 5, 7, 8, 9, 10, 11});
  const Items content = fill(scorer, FallbackMode::kContent, segment_session(0), 12);
  const Items cold_content = fill(scorer, FallbackMode::kContent, segment_session(0), 12, 0, {}, true);
  CHECK(content.size() == 12);
  Items content_without_4 = content;
  content_without_4.erase(std::find(content_without_4.begin(), content_without_4.end(), 4));
  CHECK(cold_content == content_without_4);  // the same order, less the warm item
  CHECK(fill(scorer, FallbackMode::kNone, segment_session(0), 12).empty());
}

TEST_CASE("plugins: content scorer never returns unlaunched, excluded or sold-out items", "[plugins]") {
  TestCatalog catalog(20);
  for (ItemId i = 16; i < 20; ++i) catalog.launch[i] = 5;  // item 16 is brand 0, item 17 brand 1, ...
  ContentScorer scorer(catalog.view, 1);
  // Brand 0 (items 0, 8, 16) sells; every other launched item is warm with a few clicks.
  std::vector<Event> events = repeat(0, EventType::kPurchase, 6);
  const auto more = repeat(8, EventType::kPurchase, 6);
  events.insert(events.end(), more.begin(), more.end());
  for (ItemId i = 1; i < 16; ++i) {
    if (i == 8) continue;
    const auto clicks = repeat(i, EventType::kClick, 5);
    events.insert(events.end(), clicks.begin(), clicks.end());
  }
  learn(scorer, {events});
  // Before launch only the late items are cold, so nothing qualifies.
  CHECK(fill(scorer, FallbackMode::kContent, segment_session(0), 10, 4, {}, true).empty());
  const Items before = fill(scorer, FallbackMode::kContent, segment_session(0), 20, 4);
  CHECK(before.size() == 16);
  CHECK(std::none_of(before.begin(), before.end(), [](ItemId i) { return i >= 16; }));
  // Launched, the never-seen item of the selling brand leads the cold items.
  CHECK(fill(scorer, FallbackMode::kContent, segment_session(0), 10, 5, {}, true).front() == 16);
  CHECK(fill(scorer, FallbackMode::kContent, segment_session(0), 3, 5) == Items{0, 8, 16});
  CHECK(fill(scorer, FallbackMode::kContent, segment_session(0), 3, 5, {8, 16}) == Items{0, 4, 12});
  std::vector<std::uint32_t> stock(20, 3);
  stock[0] = 0;
  CHECK(fill(scorer, FallbackMode::kContent, segment_session(0), 2, 5, {}, false, {stock.data(), false}) ==
        Items{8, 16});
  CHECK(fill(scorer, FallbackMode::kPopularity, segment_session(0), 2, 5, {}, false, {stock.data(), false}) ==
        Items{8, 1});
}

TEST_CASE("plugins: content scorer's popularity mode orders by the segment's engagement", "[plugins]") {
  const TestCatalog catalog(10);
  ContentScorer scorer(catalog.view, 2);
  // Segment 0: item 5 scores 30, item 2 scores 3. Segment 1: item 7 scores 1. Items a segment
  // never touched follow by everyone's engagement, then by id.
  learn(scorer, {repeat(5, EventType::kPurchase, 3), repeat(2, EventType::kCart, 1), repeat(7, EventType::kClick, 1, 1)});
  CHECK(fill(scorer, FallbackMode::kPopularity, segment_session(0), 10) == Items{5, 2, 7, 0, 1, 3, 4, 6, 8, 9});
  CHECK(fill(scorer, FallbackMode::kPopularity, segment_session(1), 10) == Items{7, 5, 2, 0, 1, 3, 4, 6, 8, 9});
}

TEST_CASE("plugins: content scorer rejects unknown fallbacks and out-of-range input", "[plugins]") {
  CHECK(plugins::parse_fallback("content") == FallbackMode::kContent);
  CHECK(plugins::parse_fallback("popularity") == FallbackMode::kPopularity);
  CHECK(plugins::parse_fallback("none") == FallbackMode::kNone);
  CHECK_THROWS_WITH(plugins::parse_fallback("cosine"), "unknown fallback 'cosine' (expected content|popularity|none)");

  const TestCatalog catalog(8);
  ContentScorer scorer(catalog.view, 2);
  CHECK_THROWS_AS(scorer.learn(span(repeat(8, EventType::kClick, 1))), std::out_of_range);
  CHECK_THROWS_WITH(scorer.learn(span(repeat(1, EventType::kClick, 1, 2))),
                    "segment 2 outside the population's 2 segments");
  ItemId out[4];
  CHECK_THROWS_AS(scorer.fill(FallbackMode::kContent, segment_session(2), 0, 4, nullptr, 0, false, out),
                  std::out_of_range);
  CHECK_THROWS_AS(scorer.fill(FallbackMode::kContent, segment_session(0, {9}), 0, 4, nullptr, 0, false, out),
                  std::out_of_range);
  CHECK_THROWS_AS(scorer.is_cold(8), std::out_of_range);
  TestCatalog broken(8);
  broken.brand[3] = 8;
  CHECK_THROWS_AS(ContentScorer(broken.view, 1), std::invalid_argument);
}

}  // namespace
}  // namespace promosim::test
