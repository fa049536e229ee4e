// Unit tests of the engine's building blocks: timeline, arrivals, shopper records, the
// synthetic world and the direction of the behaviour model's responses.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "../support/engine_scenario.hpp"
#include "arrival_process.hpp"
#include "behaviour_model.hpp"
#include "catalog.hpp"
#include "population.hpp"
#include "shopper_state.hpp"
#include "timeline.hpp"
#include "world.hpp"

using namespace promosim;

namespace {

Scenario small_scenario() { return promosim::test::engine_scenario(4000, 20000); }

/// The small scenario's catalog, shoppers and behaviour model, drawn with key 3.
struct SmallWorld {
  Scenario scenario = small_scenario();
  Timeline timeline{scenario.timeline};
  Catalog catalog = Catalog::build(scenario.catalog, {}, 3);
  Population population = Population::build(scenario.population, 8, {}, 3);
  BehaviourModel model{scenario, catalog, population, timeline, 3};
};

/// One session of shopper s at tick t shown `slate` with `discounts` (and `coupon`, if any).
SessionResult respond(const BehaviourModel& model, ShopperId s, TickIndex t, const std::vector<ItemId>& slate,
                      const std::vector<float>& discounts, std::vector<Event>& events, MetricCounters& counters,
                      const CouponOffer* coupon = nullptr) {
  SessionInput in;
  in.shopper = s;
  in.tick = t;
  in.slate = slate.data();
  in.discounts = discounts.data();
  in.slate_size = slate.size();
  in.coupon = coupon;
  return model.simulate(in, events, counters);
}

}  // namespace

TEST_CASE("the timeline turns phases into ticks and cumulative intensity", "[engine]") {
  const Timeline timeline(small_scenario().timeline);
  REQUIRE(timeline.tick_count() == 72);
  CHECK(timeline.ticks_per_day() == 24);
  CHECK(timeline.phase(47) == 0);
  CHECK(timeline.phase(48) == 1);
  CHECK(timeline.phase_first_tick(1) == 48);
  CHECK(timeline.phase_tick_count(1) == 24);
  CHECK(timeline.intensity(48) == Approx(2.0));
  CHECK(timeline.intensity(72) == Approx(5.0));  // 2 days at x1 + 1 day at x3
  CHECK(timeline.first_tick_reaching(1.0 / 24) == 0);
  CHECK(timeline.first_tick_reaching(2.0 + 0.1) == 48);  // 0.1 day-equivalents = 0.8 peak hours
  CHECK(timeline.first_tick_reaching(5.01) == kNever);
}

TEST_CASE("arrivals follow the visit rate times traffic", "[engine]") {
  const Timeline timeline(small_scenario().timeline);
  const ArrivalProcess arrivals(timeline, 99);
  constexpr ShopperId kShoppers = 20000;
  constexpr double kRate = 0.5;  // visits per day
  std::uint64_t visits = 0, peak_visits = 0;
  for (ShopperId s = 0; s < kShoppers; ++s) {
    for (TickIndex t = arrivals.first(s, kRate); t != kNever; t = arrivals.after(s, t, kRate)) {
      ++visits;
      peak_visits += timeline.phase(t) == 1 ? 1 : 0;
    }
  }
  // Expected 0.5 x 5 = 2.5 visits per shopper (a little fewer: at most one per tick), 1.5 in the peak.
  CHECK(static_cast<double>(visits) / kShoppers == Approx(2.5).epsilon(0.05));
  CHECK(static_cast<double>(peak_visits) / kShoppers == Approx(1.5).epsilon(0.05));
  CHECK(arrivals.first(7, kRate) == ArrivalProcess(timeline, 99).first(7, kRate));  // addressed draws
}

TEST_CASE("a shopper's record keeps the newest distinct items first", "[engine]") {
  ShopperState state;
  const ItemId first[] = {1, 2, 3};
  state.record_visit(4, first, 3, 0);
  CHECK(state.view.visits == 1);
  CHECK(state.view.last_visit_tick == 4);
  CHECK(state.view.last_purchase_tick == kNever);
  const ItemId second[] = {4, 2, 5, 6};
  state.record_visit(9, second, 4, 2);
  CHECK(state.view.purchases == 2);
  CHECK(state.view.last_purchase_tick == 9);
  REQUIRE(state.view.recent_count == kRecentItems);
  CHECK(std::vector<ItemId>(state.view.recent_items, state.view.recent_items + kRecentItems) ==
        std::vector<ItemId>{6, 5, 2, 4, 3});

  ShopperState history;  // an organic visit before the timeline: counted, but not dated
  history.record_visit(kNever, first, 1, 1);
  CHECK(history.view.visits == 1);
  CHECK(history.view.purchases == 1);
  CHECK(history.view.last_visit_tick == kNever);
  CHECK(history.view.last_purchase_tick == kNever);
}

TEST_CASE("the synthetic world has the configured prices, margins and shares", "[engine]") {
  const Scenario scenario = small_scenario();
  const Catalog catalog = Catalog::build(scenario.catalog, {}, 5);
  std::vector<float> prices(catalog.view().list_price, catalog.view().list_price + catalog.item_count());
  std::nth_element(prices.begin(), prices.begin() + prices.size() / 2, prices.end());
  CHECK(prices[prices.size() / 2] == Approx(100.0).epsilon(0.06));
  for (ItemId i = 0; i < catalog.item_count(); ++i) {
    const double margin = 1.0 - catalog.unit_cost(i) / catalog.list_price(i);
    REQUIRE(margin >= 0.2 - 1e-5);
    REQUIRE(margin <= 0.4 + 1e-5);
    REQUIRE(catalog.view().category[i] < 10);
  }
  const Population population = Population::build(scenario.population, 8, {}, 5);
  CHECK(static_cast<double>(population.segment_sizes()[0]) / population.size() == Approx(0.3).epsilon(0.05));
}

TEST_CASE("launched items and new shoppers arrive when their phase says, after the others", "[engine]") {
  Scenario scenario = small_scenario();
  scenario.shards = 4;
  scenario.population.shoppers = 3000;
  scenario.population.history_days = 3;
  scenario.catalog.launches = {{500, 1, 0.5}};     // half a day into the peak: tick 48 + 12
  scenario.population.new_shoppers = {{1000, 1}};  // joining over the peak's ticks 48..71
  const Timeline timeline(scenario.timeline);
  const World world(scenario, timeline, 0);
  const Catalog& catalog = world.catalog();
  REQUIRE(catalog.item_count() == 4500);
  for (ItemId i = 0; i < catalog.item_count(); ++i) REQUIRE(catalog.launch_tick(i) == (i < 4000 ? 0u : 60u));
  // The first items are drawn exactly as without the launch.
  Scenario plain = small_scenario();
  const Catalog without = Catalog::build(plain.catalog, {}, world.key());
  CHECK(without.list_price(3999) == catalog.list_price(3999));
  CHECK(without.brand(17) == catalog.brand(17));

  REQUIRE(world.population().size() == 4000);
  std::uint64_t history_of_new = 0;
  for (const SessionOutcome& o : world.history_sessions()) history_of_new += o.view.shopper >= 3000 ? 1 : 0;
  CHECK(history_of_new == 0);
  CHECK(world.history_sessions().size() > 3000);  // the others browsed before the timeline
  for (ShopperId s = 3000; s < 4000; ++s) {
    const TickIndex joins = world.population().join_tick(s);
    REQUIRE(joins >= 48);
    REQUIRE(joins < 72);
    REQUIRE(world.initial_state()[s].view.visits == 0);
    const TickIndex first = world.initial_state()[s].next_arrival;
    REQUIRE((first == kNever || first >= joins));
  }
  for (ShopperId s = 0; s < 3000; ++s) REQUIRE(world.population().join_tick(s) == 0);
}

TEST_CASE("a threshold coupon pulls carts and comes off baskets that reach its tier", "[engine]") {
  const SmallWorld world;
  const Catalog& catalog = world.catalog;
  const Population& population = world.population;
  const BehaviourModel& model = world.model;
  CouponOffer coupon;
  coupon.threshold[0] = 150.0f;
  coupon.value[0] = 30.0f;
  const std::vector<float> none(10, 0.0f);
  MetricCounters plain, with_coupon;
  std::uint64_t reached = 0;
  for (ShopperId s = 0; s < population.size(); ++s) {
    std::vector<ItemId> slate(10);
    for (std::size_t j = 0; j < 10; ++j) slate[j] = static_cast<ItemId>((s * 7 + j * 389) % catalog.item_count());
    std::vector<Event> plain_events, coupon_events;
    const SessionResult p = respond(model, s, 5, slate, none, plain_events, plain);
    const SessionResult c = respond(model, s, 5, slate, none, coupon_events, with_coupon, &coupon);
    REQUIRE(c.carts >= p.carts);  // common random numbers; the coupon only adds pull
    double list_spend = 0.0, paid = 0.0;
    for (const Event& e : coupon_events) {
      if (e.type != EventType::kPurchase) continue;
      list_spend += catalog.list_price(e.item);
      paid += e.price_paid;
    }
    // Redeemed exactly when the purchases reach the tier, and then taken off the events' prices.
    REQUIRE(c.coupon_value == (list_spend >= 150.0 ? 30.0f : 0.0f));
    REQUIRE(paid == Approx(list_spend - c.coupon_value));
    REQUIRE(c.spend == Approx(paid));
    reached += c.coupon_value > 0.0f ? 1 : 0;
  }
  CHECK(with_coupon.carts > plain.carts);
  CHECK(with_coupon.coupons_offered == population.size());
  CHECK(with_coupon.coupons_redeemed == reached);
  CHECK(reached > 0);
  CHECK(with_coupon.coupon_cost == Approx(30.0 * static_cast<double>(reached)));
  CHECK(with_coupon.discount_cost == Approx(with_coupon.coupon_cost));
  CHECK(plain.coupons_offered == 0);
}

TEST_CASE("shoppers respond to discounts and slot position in the right direction", "[engine]") {
  const SmallWorld world;
  const Catalog& catalog = world.catalog;
  const Population& population = world.population;
  const BehaviourModel& model = world.model;
  std::vector<Event> events;
  MetricCounters plain, discounted;
  const std::vector<float> none(10, 0.0f), deep(10, 0.3f);
  for (ShopperId s = 0; s < population.size(); ++s) {
    std::vector<ItemId> slate(10);
    for (std::size_t j = 0; j < 10; ++j) slate[j] = static_cast<ItemId>((s * 7 + j * 389) % catalog.item_count());
    const MetricCounters plain_before = plain, discounted_before = discounted;
    respond(model, s, 5, slate, none, events, plain);
    respond(model, s, 5, slate, deep, events, discounted);
    // Same random numbers for both (common random numbers) and every probability rises with
    // the discount, so no session can do worse with it.
    REQUIRE(discounted.clicks - discounted_before.clicks >= plain.clicks - plain_before.clicks);
    REQUIRE(discounted.carts - discounted_before.carts >= plain.carts - plain_before.carts);
    REQUIRE(discounted.purchases - discounted_before.purchases >= plain.purchases - plain_before.purchases);
  }
  CHECK(discounted.purchases > plain.purchases * 1.1);
  CHECK(discounted.discount_cost > 0.0);
  CHECK(plain.discount_cost == 0.0);
  CHECK(plain.margin < plain.revenue);

  // Position bias: the same items draw more clicks in the first slot than in the last.
  std::uint64_t first_slot = 0, last_slot = 0;
  for (const Event& e : events) {
    if (e.type != EventType::kClick) continue;
    first_slot += e.position == 0 ? 1 : 0;
    last_slot += e.position == 9 ? 1 : 0;
  }
  CHECK(first_slot > 2 * last_slot);
}
