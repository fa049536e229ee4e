// user_knn: the two similarity measures on a matrix worked by hand, neighbour lists (order,
// truncation, positive similarities only, thread-count invariance), and the loaded plugin's
// slates: the documented score, the min_score threshold, seen items never shown, cold slots
// after the neighbours' items, and online neighbour searches within the per-tick budget.
#include <tbb/task_arena.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "interaction_matrix.hpp"
#include "neighbour_lists.hpp"
#include "test_plugin_support.hpp"
#include "user_similarity.hpp"

namespace promosim::test {
namespace {

using plugins::InteractionMatrix;
using plugins::NeighbourLists;
using plugins::SimilarityKind;
using plugins::UserSimilarity;
using Slate = std::vector<ItemId>;

/// Four items, four shoppers (weights as the default click 1, cart 3, purchase 10 give them):
///   s0 = (1, 4, 0, 0)   clicked item 0; clicked and carted item 1
///   s1 = (0, 1, 1, 0)
///   s2 = (0, 0, 0, 14)  clicked, carted and bought item 3
///   s3 = (1, 1, 1, 0)
InteractionMatrix hand_matrix() {
  InteractionMatrix m(4, 4);
  m.add(0, 0, 1.0f);
  m.add(0, 1, 1.0f);
  m.add(0, 1, 3.0f);
  m.add(1, 1, 1.0f);
  m.add(1, 2, 1.0f);
  m.add(2, 3, 1.0f);
  m.add(2, 3, 3.0f);
  m.add(2, 3, 10.0f);
  for (const ItemId item : {0u, 1u, 2u}) m.add(3, item, 1.0f);
  return m;
}

TEST_CASE("plugins: user_knn's interaction matrix sums weights per pair and indexes items", "[plugins]") {
  const InteractionMatrix m = hand_matrix();
  CHECK(m.weight(0, 1) == 4.0f);
  CHECK(m.weight(2, 3) == 14.0f);
  CHECK(m.weight(1, 0) == 0.0f);
  CHECK(m.sum(0) == 5.0);
  CHECK(m.sum_squares(0) == 17.0);
  const auto posting = m.posting(1);
  CHECK(std::vector<ShopperId>(posting.begin(), posting.end()) == std::vector<ShopperId>{0, 1, 3});
  InteractionMatrix copy = hand_matrix();
  CHECK_FALSE(copy.add(0, 1, 1.0f));  // an existing pair grows
  CHECK(copy.add(0, 3, 1.0f));        // a new pair
  CHECK_THROWS_AS(copy.add(4, 0, 1.0f), std::out_of_range);
  CHECK_THROWS_AS(copy.add(0, 4, 1.0f), std::out_of_range);
}

TEST_CASE("plugins: user_knn's cosine similarity, worked by hand", "[plugins]") {
  const InteractionMatrix m = hand_matrix();
  const UserSimilarity cosine(SimilarityKind::kCosine, m);
  // dot / (|u| |v|): s0·s1 = 4, |s0|² = 17, |s1|² = 2.
  CHECK(cosine.between(0, 1) == Approx(4.0 / std::sqrt(34.0)).epsilon(1e-12));
  CHECK(cosine.between(0, 3) == Approx(5.0 / std::sqrt(51.0)).epsilon(1e-12));
  CHECK(cosine.between(1, 3) == Approx(2.0 / std::sqrt(6.0)).epsilon(1e-12));
  CHECK(cosine.between(0, 2) == 0.0);
  CHECK(cosine.between(1, 0) == cosine.between(0, 1));
  CHECK(cosine.between(0, 0) == Approx(1.0));
}

TEST_CASE("plugins: user_knn's Pearson similarity over the whole catalog, worked by hand", "[plugins]") {
  const InteractionMatrix m = hand_matrix();
  const UserSimilarity pearson(SimilarityKind::kPearson, m);
  // Over n = 4 items: cov = Σuv − ΣuΣv/n, var = Σu² − (Σu)²/n.
  // s0: Σ 5, Σ² 17 → var 10.75; s1: Σ 2, Σ² 2 → var 1; s3: Σ 3, Σ² 3 → var 0.75; s2: Σ 14, Σ² 196 → var 147.
  CHECK(pearson.between(0, 1) == Approx(1.5 / std::sqrt(10.75)).epsilon(1e-12));
  CHECK(pearson.between(0, 3) == Approx(1.25 / std::sqrt(10.75 * 0.75)).epsilon(1e-12));
  CHECK(pearson.between(1, 3) == Approx(0.5 / std::sqrt(0.75)).epsilon(1e-12));
  CHECK(pearson.between(0, 2) == Approx(-17.5 / std::sqrt(10.75 * 147.0)).epsilon(1e-12));
  // A row with one weight on every item has no variance: similarity 0, not NaN.
  InteractionMatrix flat(2, 2);
  flat.add(0, 0, 1.0f);
  flat.add(0, 1, 1.0f);
  flat.add(1, 0, 1.0f);
  CHECK(UserSimilarity(SimilarityKind::kPearson, flat).between(0, 1) == 0.0);
}

TEST_CASE("plugins: user_knn keeps the most similar positive neighbours, best first", "[plugins]") {
  const InteractionMatrix m = hand_matrix();
  const std::vector<ShopperId> everyone{0, 1, 2, 3};
  const auto shoppers_of = [](std::span<const plugins::SimilarShopper> list) {
    std::vector<ShopperId> out;
    for (const auto& n : list) out.push_back(n.shopper);
    return out;
  };
  SECTION("cosine: s3 (0.700) before s1 (0.686); s2 shares nothing") {
    NeighbourLists lists(4, 3);
    lists.recompute(everyone, m, UserSimilarity(SimilarityKind::kCosine, m));
    CHECK(shoppers_of(lists.of(0)) == std::vector<ShopperId>{3, 1});
    CHECK(lists.of(0)[0].similarity == Approx(5.0 / std::sqrt(51.0)));
    CHECK(lists.empty(2));
  }
  SECTION("pearson: s1 (0.457) before s3 (0.440); s2's negative similarity is no neighbour") {
    NeighbourLists lists(4, 3);
    lists.recompute(everyone, m, UserSimilarity(SimilarityKind::kPearson, m));
    CHECK(shoppers_of(lists.of(0)) == std::vector<ShopperId>{1, 3});
  }
  SECTION("truncated to the list size") {
    NeighbourLists lists(4, 1);
    lists.recompute(everyone, m, UserSimilarity(SimilarityKind::kCosine, m));
    CHECK(shoppers_of(lists.of(0)) == std::vector<ShopperId>{3});
    CHECK(shoppers_of(lists.of(1)) == std::vector<ShopperId>{3});  // 0.816 beats s0's 0.686
  }
}

TEST_CASE("plugins: user_knn's neighbour search gives the same lists on any thread count", "[plugins]") {
  // 2000 shoppers with 3 to 8 interactions each over 300 items.
  InteractionMatrix m(2000, 300);
  for (ShopperId s = 0; s < 2000; ++s) {
    const RandomStream stream(7, Purpose::kPluginPurposeBase, s, 0);
    const auto count = 3 + static_cast<std::uint32_t>(stream.uniform(0) * 6);
    for (std::uint32_t k = 0; k < count; ++k) {
      m.add(s, static_cast<ItemId>(stream.uniform(k + 1) * 300), 1.0f + static_cast<float>(k % 3));
    }
  }
  std::vector<ShopperId> everyone(2000);
  for (ShopperId s = 0; s < 2000; ++s) everyone[s] = s;
  const UserSimilarity similarity(SimilarityKind::kPearson, m);
  NeighbourLists serial(2000, 30), parallel(2000, 30);
  tbb::task_arena(1).execute([&] { serial.recompute(everyone, m, similarity); });
  tbb::task_arena(4).execute([&] { parallel.recompute(everyone, m, similarity); });
  for (ShopperId s = 0; s < 2000; ++s) {
    INFO("shopper " << s);
    const auto a = serial.of(s), b = parallel.of(s);
    REQUIRE(a.size() == b.size());
    for (std::size_t r = 0; r < a.size(); ++r) {
      CHECK(a[r].shopper == b[r].shopper);
      CHECK(a[r].similarity == b[r].similarity);
    }
  }
}

/// The hand matrix as history events over six items, plus s3's cart of item 4:
///   s0 = (1, 4, 0, 0, 0, 0), s1 = (0, 1, 1, 0, 0, 0), s2 = (0, 0, 0, 14, 0, 0), s3 = (1, 1, 1, 0, 4, 0).
/// s0's cosine neighbours: s1 (4/√34) and s3 (5/√323). Item 4 scores 4·c3/(c1 + c3) = 1.154 for s0,
/// item 2 scores (c1 + c3)/(c1 + c3) = 1; s0's own items 0 and 1 are never shown.
std::vector<Event> history() {
  std::vector<Event> h;
  const auto add = [&](ShopperId s, ItemId item, std::initializer_list<EventType> types) {
    for (const EventType t : types) h.push_back(event(item, t, 0, s));
  };
  add(0, 0, {EventType::kClick});
  add(0, 1, {EventType::kClick, EventType::kCart});
  add(1, 1, {EventType::kClick});
  add(1, 2, {EventType::kClick});
  add(2, 3, {EventType::kClick, EventType::kCart, EventType::kPurchase});
  add(3, 0, {EventType::kClick});
  add(3, 1, {EventType::kClick});
  add(3, 2, {EventType::kClick});
  add(3, 4, {EventType::kClick, EventType::kCart});
  return h;
}

Slate slate_for(const TestPlugin<Recommender>& plugin, const TestCatalog& catalog, ShopperId shopper,
                std::size_t slate_size, TickIndex tick = 0) {
  return recommend(plugin, catalog, tick, {session(shopper)}, slate_size);
}

TEST_CASE("plugins: user_knn ranks by the similarity-weighted mean of the neighbours' weights", "[plugins]") {
  const TestCatalog catalog(6);
  TestPlugin<Recommender> plugin(shipped<Recommender>("user_knn"), catalog, {{"fallback", 0, "none"}}, 3);
  plugin->fit(learn_context(catalog, 0), span(history()));
  CHECK(slate_for(plugin, catalog, 0, 3) == Slate{4, 2, kNoItem});
  // s2 shares no item with anyone: no neighbours, and with fallback none nothing to show.
  CHECK(slate_for(plugin, catalog, 2, 3) == Slate{kNoItem, kNoItem, kNoItem});
}

TEST_CASE("plugins: user_knn's min_score keeps items scoring below it off the slate", "[plugins]") {
  const TestCatalog catalog(6);
  // Item 4 scores 4·(5/√323) / (4/√34 + 5/√323) ≈ 1.154 and item 2 exactly 1 for s0.
  const auto [threshold, expected] = GENERATE(std::pair<double, Slate>{0.5, {4, 2, kNoItem}},
                                              std::pair<double, Slate>{1.0, {4, 2, kNoItem}},
                                              std::pair<double, Slate>{1.1, {4, kNoItem, kNoItem}},
                                              std::pair<double, Slate>{1.2, {kNoItem, kNoItem, kNoItem}});
  INFO("min_score " << threshold);
  TestPlugin<Recommender> plugin(shipped<Recommender>("user_knn"), catalog,
                                 {{"fallback", 0, "none"}, {"min_score", threshold}}, 3);
  plugin->fit(learn_context(catalog, 0), span(history()));
  CHECK(slate_for(plugin, catalog, 0, 3) == expected);
}

TEST_CASE("plugins: user_knn never shows a shopper's own items and puts cold slots after the neighbours' items",
          "[plugins]") {
  const TestCatalog catalog(6);
  // Every item has fewer than ContentScorer::kWarmEvents events, so all are cold: the two
  // cold slots after the model's items take the remaining unseen items 3 and 5.
  TestPlugin<Recommender> plugin(shipped<Recommender>("user_knn"), catalog, {}, 5);
  plugin->fit(learn_context(catalog, 0), span(history()));
  const Slate slate = slate_for(plugin, catalog, 0, 5);
  CHECK(Slate(slate.begin(), slate.begin() + 2) == Slate{4, 2});
  CHECK(std::is_permutation(slate.begin() + 2, slate.begin() + 4, Slate{3, 5}.begin()));
  CHECK(slate[4] == kNoItem);  // only seen items are left
}

TEST_CASE("plugins: user_knn searches a changed shopper's neighbours at the next barrier, within budget",
          "[plugins]") {
  const TestCatalog catalog(6);
  // New shopper 5 clicks items 1 and 2 at tick 0: cosine 1 with s1, 4/√34 with s0, 2/√38 with s3.
  // With two neighbours (s1, s0) the only unseen item is s0's item 0.
  const std::vector<Event> clicks{event(1, EventType::kClick, 0, 5), event(2, EventType::kClick, 0, 5)};
  std::vector<SessionOutcome> sessions(1);
  sessions[0].view = session(5);
  SECTION("searched when the budget allows") {
    TestPlugin<Recommender> plugin(shipped<Recommender>("user_knn"), catalog,
                                   {{"fallback", 0, "none"}, {"neighbours", 2}}, 3);
    plugin->fit(learn_context(catalog, 0), span(history()));
    CHECK(slate_for(plugin, catalog, 5, 3) == Slate{kNoItem, kNoItem, kNoItem});
    EmittedMetrics metrics;
    plugin->observe(learn_context(catalog, 0, sessions, &metrics), span(clicks));
    CHECK(slate_for(plugin, catalog, 5, 3, 1) == Slate{0, kNoItem, kNoItem});
    // refreshed 1, backlog 0, and the tick's one session had no neighbours when it was decided
    CHECK(metrics.values == std::vector<std::pair<std::uint32_t, double>>{{0, 1.0}, {1, 0.0}, {2, 0.0}});
  }
  SECTION("left waiting when the budget is spent") {
    TestPlugin<Recommender> plugin(shipped<Recommender>("user_knn"), catalog,
                                   {{"fallback", 0, "none"}, {"neighbours", 2}, {"refresh_per_tick", 0}}, 3);
    plugin->fit(learn_context(catalog, 0), span(history()));
    EmittedMetrics metrics;
    plugin->observe(learn_context(catalog, 0, sessions, &metrics), span(clicks));
    CHECK(slate_for(plugin, catalog, 5, 3, 1) == Slate{kNoItem, kNoItem, kNoItem});
    CHECK(metrics.values == std::vector<std::pair<std::uint32_t, double>>{{0, 0.0}, {1, 1.0}, {2, 0.0}});
  }
}

}  // namespace
}  // namespace promosim::test
