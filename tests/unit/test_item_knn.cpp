// item_knn: the co-occurrence counting rule, the shrunk cosine on a hand-computed matrix, the
// prior-weighted neighbour lists and session scores, the capped rows that bound memory, and
// the loaded plugin's slates (seen and unlaunched items skipped, online learning, fallback).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <initializer_list>
#include <stdexcept>
#include <vector>

#include "candidate_scores.hpp"
#include "capped_counts.hpp"
#include "item_knn_model.hpp"
#include "shopper_visits.hpp"
#include "test_plugin_support.hpp"

namespace promosim::test {
namespace {

using plugins::CandidateScores;
using plugins::CappedCounts;
using plugins::ItemKnnConfig;
using plugins::ItemKnnModel;
using plugins::ShopperVisit;
using plugins::ShopperVisits;
using Items = std::vector<ItemId>;
using Slate = std::vector<ItemId>;

/// A visit with its own storage: `earlier` newest first, then the visit's items.
struct HandVisit {
  Items earlier, items;
  ShopperVisit view() const { return {earlier.data(), earlier.size(), items.data(), items.size()}; }
};

ItemKnnConfig config(std::uint32_t neighbours, double shrinkage, double popularity_exponent = 0.0,
                     double recency_decay = 0.5, std::uint32_t max_partners = 100) {
  return {neighbours, shrinkage, popularity_exponent, recency_decay, max_partners};
}

Items neighbour_items(const ItemKnnModel& model, ItemId item) {
  Items out;
  for (const plugins::Neighbour& n : model.neighbours(item)) out.push_back(n.item);
  return out;
}

/// The hand-made matrix most tests use (shrinkage 1):
///   visit {} -> {0, 1}: n0 = n1 = 1, c01 = 1
///   visit {0} -> {1, 2}: n1 = 2, c01 = 2; n2 = 1, c02 = 1, c12 = 1 (same visit)
///   visit {3} -> {0}: n0 = 2, c03 = 1 (3 was engaged with before the counts began: n3 = 0)
///   visit {1} -> {1, 4}: 1 is a repeat and adds nothing; n4 = 1, c14 = 1
/// so n = (2, 2, 1, 0, 1, 0) and c01 = 2, c02 = c12 = c03 = c14 = 1.
void learn_hand_matrix(ItemKnnModel& model) {
  for (const HandVisit& v : {HandVisit{{}, {0, 1}}, HandVisit{{0}, {1, 2}}, HandVisit{{3}, {0}}, HandVisit{{1}, {1, 4}}}) {
    model.learn(v.view());
  }
}

TEST_CASE("plugins: item_knn counts co-engagements within the recent window and the visit", "[plugins]") {
  ItemKnnModel model(6, config(10, 1.0));
  learn_hand_matrix(model);
  CHECK(std::vector<std::uint32_t>{model.engagements(0), model.engagements(1), model.engagements(2),
                                   model.engagements(3), model.engagements(4), model.engagements(5)} ==
        std::vector<std::uint32_t>{2, 2, 1, 0, 1, 0});
  CHECK(model.cooccurrences(0, 1) == 2);
  CHECK(model.cooccurrences(1, 0) == 2);
  CHECK(model.cooccurrences(0, 2) == 1);
  CHECK(model.cooccurrences(1, 2) == 1);
  CHECK(model.cooccurrences(0, 3) == 1);
  CHECK(model.cooccurrences(1, 4) == 1);
  CHECK(model.cooccurrences(0, 4) == 0);
  CHECK(model.cooccurrences(2, 3) == 0);
  CHECK(model.stored_counts() == 10);  // five pairs, both directions
}

TEST_CASE("plugins: item_knn similarity is the cosine with shrinkage, worked by hand", "[plugins]") {
  ItemKnnModel model(6, config(10, 1.0));
  learn_hand_matrix(model);
  // c / sqrt(n'_a n'_b) * c / (c + 1)
  CHECK(model.similarity(0, 1) == Approx(2.0 / std::sqrt(2.0 * 2.0) * 2.0 / 3.0));  // 2/3
  CHECK(model.similarity(1, 0) == Approx(2.0 / 3.0));
  CHECK(model.similarity(0, 2) == Approx(1.0 / std::sqrt(2.0) * 0.5));
  CHECK(model.similarity(1, 2) == Approx(1.0 / std::sqrt(2.0) * 0.5));
  CHECK(model.similarity(1, 4) == Approx(1.0 / std::sqrt(2.0) * 0.5));
  // Item 3 was never engaged with during the counts: n'3 = max(0, c03) = 1.
  CHECK(model.similarity(0, 3) == Approx(1.0 / std::sqrt(2.0) * 0.5));
  CHECK(model.similarity(2, 3) == 0.0);
  CHECK(model.similarity(0, 0) == 0.0);
  SECTION("without shrinkage it is the plain cosine") {
    ItemKnnModel plain(6, config(10, 0.0));
    learn_hand_matrix(plain);
    CHECK(plain.similarity(0, 1) == Approx(1.0));
    CHECK(plain.similarity(0, 2) == Approx(1.0 / std::sqrt(2.0)));
  }
}

TEST_CASE("plugins: item_knn neighbour lists are ordered by sim * prior and truncated", "[plugins]") {
  ItemKnnModel model(6, config(2, 1.0));
  learn_hand_matrix(model);
  CHECK(model.neighbours(0).empty());  // nothing before the first rebuild
  model.rebuild();
  // Item 0's partners: 1 (2/3), then 2 and 3 tied at 0.354, lower id first; two kept.
  CHECK(neighbour_items(model, 0) == Items{1, 2});
  CHECK(model.neighbours(0)[0].similarity == Approx(2.0 / 3.0));
  CHECK(model.neighbours(0)[1].similarity == Approx(0.5 / std::sqrt(2.0)));
  CHECK(neighbour_items(model, 3) == Items{0});
  CHECK(neighbour_items(model, 5).empty());
  CHECK(model.mean_neighbours() == Approx((2 + 2 + 2 + 1 + 1 + 0) / 6.0));

  SECTION("the prior (1 + v)^exponent reorders the list, the stored similarity stays the cosine") {
    ItemKnnModel weighted(6, config(2, 1.0, 1.0));
    learn_hand_matrix(weighted);
    weighted.learn_values(span({event(3, EventType::kPurchase), event(2, EventType::kClick)}));
    weighted.rebuild();
    CHECK(weighted.value(3) == 10.0);
    CHECK(weighted.prior(3) == Approx(11.0));
    CHECK(weighted.prior(2) == Approx(2.0));
    CHECK(weighted.prior(1) == Approx(1.0));
    // sim * prior: 3 -> 0.354 * 11, 2 -> 0.354 * 2, 1 -> 0.667 * 1.
    CHECK(neighbour_items(weighted, 0) == Items{3, 2});
    CHECK(weighted.neighbours(0)[0].similarity == Approx(0.5 / std::sqrt(2.0)));
  }
}

TEST_CASE("plugins: item_knn scores a session by recency-weighted similarity", "[plugins]") {
  ItemKnnModel model(6, config(10, 1.0, 0.0, 0.5));
  learn_hand_matrix(model);
  model.rebuild();
  CandidateScores scores(model.max_candidates());
  // Newest 1 (weight 1): 0 -> 2/3, 2 -> s, 4 -> s; then 0 (weight 0.5): 1 -> 1/3, 2 -> s/2, 3 -> s/2.
  const double s = 0.5 / std::sqrt(2.0);
  CHECK(model.score(session(7, {1, 0}), 1.0f, scores) == Approx(1.5));
  CHECK(scores.entries().size() == 5);
  CHECK(scores.score(0) == Approx(2.0 / 3.0));
  CHECK(scores.score(2) == Approx(1.5 * s));
  CHECK(scores.score(4) == Approx(s));
  CHECK(scores.score(1) == Approx(1.0 / 3.0));
  CHECK(scores.score(3) == Approx(0.5 * s));
  CHECK(scores.score(5) == 0.0f);
  scores.clear();
  CHECK(model.score(session(7), 1.0f, scores) == 0.0);
  CHECK(scores.entries().empty());
  CHECK_THROWS_AS(model.score(session(7, {6}), 1.0f, scores), std::out_of_range);
}

TEST_CASE("plugins: item_knn online counts change the neighbours after a rebuild", "[plugins]") {
  ItemKnnModel model(6, config(2, 1.0));
  learn_hand_matrix(model);
  model.rebuild();
  REQUIRE(neighbour_items(model, 0) == Items{1, 2});
  // Three shoppers who had item 0 among their recent items go on to item 5.
  for (int i = 0; i < 3; ++i) model.learn(HandVisit{{0}, {5}}.view());
  CHECK(neighbour_items(model, 0) == Items{1, 2});  // lists change only at rebuild
  model.rebuild();
  // c05 = 3, n5 = 3 and n0 = 2, raised to c05 = 3: 3 / sqrt(3 * 3) * 3/4 = 0.75 beats c01's 2/3.
  CHECK(model.similarity(0, 5) == Approx(0.75));
  CHECK(neighbour_items(model, 0) == Items{5, 1});
}

TEST_CASE("plugins: item_knn rejects configurations and items outside their ranges", "[plugins]") {
  CHECK_THROWS_AS(ItemKnnModel(4, config(0, 1.0)), std::invalid_argument);
  CHECK_THROWS_AS(ItemKnnModel(4, config(5, -1.0)), std::invalid_argument);
  CHECK_THROWS_AS(ItemKnnModel(4, config(5, 1.0, -0.5)), std::invalid_argument);
  CHECK_THROWS_AS(ItemKnnModel(4, config(5, 1.0, 0.0, 1.5)), std::invalid_argument);
  CHECK_THROWS_AS(ItemKnnModel(4, config(5, 1.0, 0.0, 0.5, 0)), std::invalid_argument);
  ItemKnnModel model(4, config(5, 1.0));
  CHECK_THROWS_AS(model.learn(HandVisit{{0}, {4}}.view()), std::out_of_range);
  CHECK_THROWS_AS(model.learn_values(span({event(9, EventType::kClick)})), std::out_of_range);
  CHECK_THROWS_AS(model.similarity(0, 4), std::out_of_range);
}

TEST_CASE("plugins: capped count rows drop their lower-count half when full", "[plugins]") {
  CappedCounts row;
  for (const ItemId item : {7u, 3u, 7u, 5u, 9u, 7u, 9u}) row.add(item, 4);
  // 3:1, 5:1, 7:3, 9:2 fill the row; item 2 comes: 7 and 9 stay, 3 and 5 go, 2 enters at 1.
  row.add(2, 4);
  CHECK(row.size() == 3);
  CHECK(row.count(7) == 3);
  CHECK(row.count(9) == 2);
  CHECK(row.count(2) == 1);
  CHECK(row.count(3) == 0);
  CHECK(row.count(5) == 0);
  CHECK(row.total() == 8);  // dropped adds still count in the total
  std::vector<ItemId> order;
  for (const CappedCounts::Entry& e : row.entries()) order.push_back(e.item);
  CHECK(order == Items{2, 7, 9});
  SECTION("equal counts drop the higher ids") {
    CappedCounts ties;
    for (const ItemId item : {4u, 1u, 3u, 2u, 0u}) ties.add(item, 4);
    CHECK(ties.count(1) == 1);
    CHECK(ties.count(2) == 1);
    CHECK(ties.count(0) == 1);
    CHECK(ties.count(3) == 0);
    CHECK(ties.count(4) == 0);
  }
}

TEST_CASE("plugins: a capped row counts a sequence of adds as one add after another", "[plugins]") {
  // Long enough for the batched tail to be merged several times and the row to be cut often.
  std::vector<ItemId> items;
  std::uint64_t state = 12345;
  for (int i = 0; i < 5000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    items.push_back(static_cast<ItemId>((state >> 33) % 300 < 200 ? (state >> 33) % 40 : (state >> 33) % 300));
  }
  CappedCounts one_by_one, batched;
  for (const ItemId item : items) one_by_one.add(item, 64);
  batched.add(items.data(), 2500, 64);
  batched.add(items.data() + 2500, items.size() - 2500, 64);
  REQUIRE(one_by_one.size() == batched.size());
  CHECK(one_by_one.total() == batched.total());
  for (std::size_t e = 0; e < one_by_one.size(); ++e) {
    CHECK(one_by_one.entries()[e].item == batched.entries()[e].item);
    CHECK(one_by_one.entries()[e].count == batched.entries()[e].count);
  }
  CHECK(std::is_sorted(batched.entries().begin(), batched.entries().end(),
                       [](const auto& a, const auto& b) { return a.item < b.item; }));
}

TEST_CASE("plugins: item_knn keeps at most max_partners counts per item", "[plugins]") {
  ItemKnnModel model(40, config(5, 1.0, 0.0, 0.5, 8));
  for (ItemId partner = 1; partner < 40; ++partner) model.learn(HandVisit{{0}, {partner}}.view());
  std::size_t row_zero = 0;
  for (ItemId partner = 1; partner < 40; ++partner) row_zero += model.cooccurrences(0, partner) > 0 ? 1 : 0;
  CHECK(row_zero <= 8);
  CHECK(row_zero >= 4);
  CHECK(model.cooccurrences(0, 39) == 1);  // the newest partner is always in
}

TEST_CASE("plugins: candidate scores accumulate per item and clear completely", "[plugins]") {
  CandidateScores scores(40);
  // Ids 1024 apart collide in a small table; all must stay distinct.
  for (int round = 0; round < 2; ++round) {
    for (ItemId i = 0; i < 20; ++i) scores.add(i * 1024, static_cast<float>(i));
    for (ItemId i = 0; i < 20; ++i) scores.add(i * 1024, 1.0f);
    REQUIRE(scores.entries().size() == 20);
    for (ItemId i = 0; i < 20; ++i) CHECK(scores.score(i * 1024) == static_cast<float>(i) + 1.0f);
    CHECK(scores.score(5) == 0.0f);
    scores.clear();
    CHECK(scores.entries().empty());
    for (ItemId i = 0; i < 20; ++i) CHECK(scores.score(i * 1024) == 0.0f);
  }
  for (ItemId i = 0; i < 40; ++i) scores.add(i, 1.0f);
  CHECK_THROWS_AS(scores.add(40, 1.0f), std::length_error);
}

/// History: each shopper's clicked items, one visit per item, in order.
std::vector<Event> history(std::initializer_list<std::pair<ShopperId, Items>> shoppers) {
  std::vector<Event> events;
  for (const auto& [shopper, items] : shoppers) {
    for (const ItemId item : items) events.push_back(event(item, EventType::kClick, 0, shopper));
  }
  return events;
}

TEST_CASE("plugins: shopper visits follow the engine's recent-item window", "[plugins]") {
  SECTION("history: a run of one shopper's events on one item is a visit") {
    std::vector<Event> events = history({{0, {4, 2, 4}}, {1, {2}}});
    events.insert(events.begin() + 1, event(4, EventType::kCart, 0, 0));  // the first visit's cart
    const ShopperVisits visits = ShopperVisits::from_history(span(events), 10);
    REQUIRE(visits.size() == 4);
    const auto earlier = [&](std::size_t v) { return Items(visits[v].earlier, visits[v].earlier + visits[v].earlier_count); };
    const auto items = [&](std::size_t v) { return Items(visits[v].items, visits[v].items + visits[v].item_count); };
    CHECK(earlier(0).empty());
    CHECK(items(0) == Items{4});
    CHECK(earlier(1) == Items{4});
    CHECK(earlier(2) == Items{2, 4});
    CHECK(items(2) == Items{4});
    CHECK(earlier(3).empty());  // a new shopper starts empty
    CHECK_THROWS_AS(ShopperVisits::from_history(span(history({{0, {10}}})), 10), std::out_of_range);
  }
  SECTION("tick: a shopper's events are one visit, its earlier items the session's recent items") {
    std::vector<SessionOutcome> sessions(2);
    sessions[0].view = session(9, {3});
    sessions[1].view = session(2, {7, 1});
    const std::vector<Event> events = {event(5, EventType::kClick, 1, 9), event(6, EventType::kClick, 1, 2),
                                       event(5, EventType::kCart, 1, 9), event(8, EventType::kClick, 1, 9)};
    const ShopperVisits visits = ShopperVisits::from_tick(sessions.data(), sessions.size(), span(events), 10);
    REQUIRE(visits.size() == 2);
    // Ordered by shopper: 2 then 9.
    CHECK(Items(visits[0].earlier, visits[0].earlier + visits[0].earlier_count) == Items{7, 1});
    CHECK(Items(visits[0].items, visits[0].items + visits[0].item_count) == Items{6});
    CHECK(Items(visits[1].earlier, visits[1].earlier + visits[1].earlier_count) == Items{3});
    CHECK(Items(visits[1].items, visits[1].items + visits[1].item_count) == Items{5, 8});
    sessions[0].view = session(9, {12});
    CHECK_THROWS_AS(ShopperVisits::from_tick(sessions.data(), sessions.size(), span(events), 10), std::out_of_range);
  }
}

// Through the loaded plugin. The history below gives, with the default parameters (shrinkage
// 5, popularity exponent 2, recency decay 0.7), c01 = 2, c02 = 1, c12 = 2, c03 = c13 = 1 and
// click values v = (2, 3, 2, 1), so priors (9, 16, 9, 4).
const std::vector<Event> kHistory = history({{0, {0, 1, 2}}, {1, {0, 1, 3}}, {2, {1, 2}}});

Slate slate_at(const TestPlugin<Recommender>& plugin, const TestCatalog& catalog, TickIndex tick,
               std::initializer_list<ItemId> recent, ShopperId shopper = 1) {
  return recommend(plugin, catalog, tick, {session(shopper, recent)});
}

Slate padded(Items items, std::size_t size = 10) {
  items.resize(size, kNoItem);
  return items;
}

TEST_CASE("plugins: item_knn skips the shopper's recent items and items not launched yet", "[plugins]") {
  TestCatalog catalog(10);
  catalog.launch[2] = 5;
  TestPlugin<Recommender> plugin(shipped<Recommender>("item_knn"), catalog, {{"fallback", 0, "none"}});
  plugin->fit(learn_context(catalog, 0), span(kHistory));
  // Recent {0, 1}: 2 scores (sim02 + 0.7 sim12) * 9 = 2.22, 3 scores (sim03 + 0.7 sim13) * 4 = 0.74.
  CHECK(slate_at(plugin, catalog, 1, {0, 1}) == padded({3}));
  CHECK(slate_at(plugin, catalog, 5, {0, 1}) == padded({2, 3}));
  // Recent {0}: 1 (sim 2/sqrt(6) * 2/7, prior 16), 2 (1/2 * 1/6, 9), 3 (1/sqrt(2) * 1/6, 4).
  CHECK(slate_at(plugin, catalog, 5, {0}) == padded({1, 2, 3}));
  // No recent items and no fallback: nothing to show.
  CHECK(slate_at(plugin, catalog, 5, {}) == padded({}));
}

TEST_CASE("plugins: item_knn learns co-engagements online in observe", "[plugins]") {
  const TestCatalog catalog(10);
  TestPlugin<Recommender> plugin(shipped<Recommender>("item_knn"), catalog,
                                 {{"fallback", 0, "none"}, {"refresh_hours", 1}, {"popularity_exponent", 0}});
  plugin->fit(learn_context(catalog, 0), span(kHistory));
  CHECK(slate_at(plugin, catalog, 1, {3}) == padded({0, 1}));
  // At tick 0, four shoppers whose newest item was 3 click item 7.
  std::vector<SessionOutcome> sessions;
  std::vector<Event> events;
  for (ShopperId s = 10; s < 14; ++s) {
    SessionOutcome o;
    o.view = session(s, {3});
    o.tick = 0;
    o.clicks = 1;
    sessions.push_back(o);
    events.push_back(event(7, EventType::kClick, 0, s));
  }
  EmittedMetrics metrics;
  plugin->observe(learn_context(catalog, 0, sessions, &metrics), span(events));
  // c37 = 4, n3 = 1 (raised to 4), n7 = 4: 4/4 * 4/9 beats c03's 1/sqrt(2) * 1/6.
  CHECK(slate_at(plugin, catalog, 1, {3}) == padded({7, 0, 1}));
  REQUIRE(metrics.values.size() == 2);  // no replayed session (shoppers 10-13 are not multiples of 8)
  // Lists: 0 -> {1, 2, 3}, 1 -> {0, 2, 3}, 2 -> {0, 1}, 3 -> {0, 1, 7}, 7 -> {3}; six pairs stored twice.
  CHECK(metrics.values[0] == std::pair<std::uint32_t, double>{0, (3 + 3 + 2 + 3 + 1) / 10.0});
  CHECK(metrics.values[1] == std::pair<std::uint32_t, double>{2, 12.0});
}

TEST_CASE("plugins: item_knn fills what it cannot with the fallback, cold slots last", "[plugins]") {
  const TestCatalog catalog(20);
  // Five shoppers each go from item 0 to item k, k = 1..9: items 0-9 are warm (five events or
  // more) and item 0's neighbours; items 10-19 are cold.
  std::vector<Event> events;
  for (ShopperId k = 1; k < 10; ++k) {
    for (ShopperId r = 0; r < 5; ++r) {
      events.push_back(event(0, EventType::kClick, 0, 100 + 10 * k + r));
      events.push_back(event(k, EventType::kClick, 0, 100 + 10 * k + r));
    }
  }
  const auto in = [](ItemId item, ItemId lo, ItemId hi) { return item >= lo && item <= hi; };
  const auto check_slots = [&](const Slate& slate, std::size_t from, std::size_t to, ItemId lo, ItemId hi) {
    for (std::size_t j = from; j < to; ++j) {
      INFO("slot " << j << " item " << slate[j]);
      CHECK(in(slate[j], lo, hi));
    }
  };
  SECTION("content keeps the last two slots for cold items") {
    TestPlugin<Recommender> plugin(shipped<Recommender>("item_knn"), catalog);
    plugin->fit(learn_context(catalog, 0), span(events));
    const Slate slate = slate_at(plugin, catalog, 1, {0});
    check_slots(slate, 0, 8, 1, 9);
    check_slots(slate, 8, 10, 10, 19);
    const Slate cold_shopper = slate_at(plugin, catalog, 1, {});
    CHECK(std::count(cold_shopper.begin(), cold_shopper.end(), kNoItem) == 0);
  }
  SECTION("cold_slots sets how many") {
    TestPlugin<Recommender> plugin(shipped<Recommender>("item_knn"), catalog, {{"cold_slots", 3}});
    plugin->fit(learn_context(catalog, 0), span(events));
    const Slate slate = slate_at(plugin, catalog, 1, {0});
    check_slots(slate, 0, 7, 1, 9);
    check_slots(slate, 7, 10, 10, 19);
  }
  SECTION("none leaves the slots the model cannot fill empty") {
    TestPlugin<Recommender> plugin(shipped<Recommender>("item_knn"), catalog, {{"fallback", 0, "none"}});
    plugin->fit(learn_context(catalog, 0), span(events));
    const Slate slate = slate_at(plugin, catalog, 1, {0});
    check_slots(slate, 0, 9, 1, 9);
    CHECK(slate[9] == kNoItem);
  }
  SECTION("popularity keeps no cold slots") {
    TestPlugin<Recommender> plugin(shipped<Recommender>("item_knn"), catalog,
                                   {{"fallback", 0, "popularity"}, {"cold_slots", 5}});
    plugin->fit(learn_context(catalog, 0), span(events));
    const Slate slate = slate_at(plugin, catalog, 1, {0});
    check_slots(slate, 0, 9, 1, 9);
    CHECK(slate[9] != kNoItem);
  }
}

TEST_CASE("plugins: item_knn slates are the same on repeated calls and instances", "[plugins]") {
  check_repeatable_slates("item_knn");
}

}  // namespace
}  // namespace promosim::test
