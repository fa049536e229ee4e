#include "world.hpp"

#include <tbb/parallel_for.h>

#include <cmath>
#include <stdexcept>

#include "arrival_process.hpp"
#include "promosim/random_stream.hpp"
#include "shard_range.hpp"

namespace promosim {

namespace {

std::vector<TickIndex> launch_ticks(const CatalogConfig& config, const Timeline& timeline) {
  std::vector<TickIndex> ticks;
  for (const LaunchConfig& launch : config.launches) {
    ticks.push_back(timeline.tick_into_phase(launch.phase, 24.0 * launch.after_days));
  }
  return ticks;
}

std::vector<Population::JoinWindow> join_windows(const PopulationConfig& config, const Timeline& timeline) {
  std::vector<Population::JoinWindow> windows;
  for (const NewShopperConfig& group : config.new_shoppers) {
    windows.push_back({timeline.phase_first_tick(group.phase), timeline.phase_tick_count(group.phase)});
  }
  return windows;
}

std::uint64_t world_key(const Scenario& scenario, std::uint32_t replicate, std::uint32_t stream,
                        const LoggedPopulation* logged) {
  if (scenario.population.logged != (logged != nullptr)) {
    throw std::logic_error("World: a logged population needs its loaded log, and only it takes one");
  }
  const std::uint64_t key = derive_key(scenario.seed, replicate);
  return stream == 0 ? key : derive_key(key, stream);
}

Catalog build_catalog(const Scenario& scenario, const Timeline& timeline, std::uint64_t key,
                      const LoggedPopulation* logged) {
  if (logged == nullptr) return Catalog::build(scenario.catalog, launch_ticks(scenario.catalog, timeline), key);
  CatalogConfig config = scenario.catalog;
  config.items = logged->item_count;
  Catalog catalog = Catalog::build(config, launch_ticks(config, timeline), key);
  catalog.adopt_logged_items(logged->item_price, logged->item_quality, logged->factors.col_factors,
                             logged->item_fitted, config.quality_price_slope);
  return catalog;
}

Population build_population(const Scenario& scenario, const Timeline& timeline, std::uint64_t key,
                            const LoggedPopulation* logged) {
  const std::uint32_t d = scenario.catalog.factor_dim;
  if (logged == nullptr) return Population::build(scenario.population, d, join_windows(scenario.population, timeline), key);
  PopulationConfig config = scenario.population;
  config.shoppers = logged->shopper_count;
  Population population = Population::build(config, d, {}, key);
  population.adopt_logged_shoppers(logged->factors.row_factors, logged->shopper_fitted, logged->arrival_offsets,
                                   logged->arrival_ticks);
  return population;
}

}  // namespace

World::World(const Scenario& scenario, const Timeline& timeline, std::uint32_t replicate, std::uint32_t stream,
             const LoggedPopulation* logged)
    : key_(world_key(scenario, replicate, stream, logged)),
      catalog_(build_catalog(scenario, timeline, key_, logged)),
      population_(build_population(scenario, timeline, key_, logged)),
      behaviour_(scenario, catalog_, population_, timeline, key_),
      flash_sales_(scenario.timeline.flash_sales, timeline, catalog_, key_),
      coupon_drops_(scenario.timeline.coupon_drops, timeline, key_),
      presales_(scenario.timeline.presales, timeline, catalog_, key_) {
  if (logged != nullptr) {
    adopt_logged_history(*logged);
  } else {
    simulate_history(scenario, timeline);
  }
}

void World::simulate_history(const Scenario& scenario, const Timeline& timeline) {
  const std::uint32_t n = population_.size();
  const std::uint32_t shards = scenario.shards;
  const double history_days = scenario.population.history_days;
  initial_state_.resize(n);
  std::vector<std::vector<Event>> shard_events(shards);
  std::vector<std::vector<SessionOutcome>> shard_sessions(shards);
  const ArrivalProcess arrivals(timeline, key_);

  tbb::parallel_for(std::uint32_t{0}, shards, [&](std::uint32_t shard) {
    const ShardRange range = ShardRange::of(shard, shards, n);
    for (ShopperId s = range.begin; s < range.end; ++s) {
      ShopperState& state = initial_state_[s];
      state.view.shopper = s;
      state.view.segment = population_.segment(s);
      const double rate = population_.visit_rate(s);
      const TickIndex joins = population_.join_tick(s);
      state.next_arrival = arrivals.first(s, rate, joins);
      if (joins > 0) continue;  // new shoppers have no history
      double time = 0.0;
      for (std::uint32_t visit = 0;; ++visit) {
        time += arrivals.history_gap(s, visit, rate);
        if (time >= history_days) break;
        SessionOutcome outcome;
        outcome.view = state.view;
        const std::size_t first = shard_events[shard].size();
        const SessionResult r = behaviour_.simulate_organic(s, visit, shard_events[shard]);
        outcome.clicks = r.clicks;
        outcome.carts = r.carts;
        outcome.purchases = r.purchases;
        outcome.spend = r.spend;
        shard_sessions[shard].push_back(outcome);
        const ItemId engaged = first < shard_events[shard].size() ? shard_events[shard][first].item : kNoItem;
        state.record_visit(kNever, &engaged, engaged == kNoItem ? 0 : 1, r.purchases);
      }
    }
  });
  for (std::uint32_t shard = 0; shard < shards; ++shard) {
    history_events_.insert(history_events_.end(), shard_events[shard].begin(), shard_events[shard].end());
    history_sessions_.insert(history_sessions_.end(), shard_sessions[shard].begin(), shard_sessions[shard].end());
  }
}

void World::adopt_logged_history(const LoggedPopulation& logged) {
  const std::uint32_t n = population_.size();
  initial_state_.resize(n);
  for (ShopperId s = 0; s < n; ++s) {
    initial_state_[s].view.shopper = s;
    initial_state_[s].view.segment = population_.segment(s);
    initial_state_[s].next_arrival = population_.next_logged_arrival(s, kNever);
  }
  history_events_ = logged.history;
  for (Event& e : history_events_) e.segment = population_.segment(e.shopper);
  // Each logged visit is one history session, recorded as the engine records a visit.
  for (std::size_t v = 0; v + 1 < logged.history_visits.size(); ++v) {
    const Event* first = history_events_.data() + logged.history_visits[v];
    const Event* last = history_events_.data() + logged.history_visits[v + 1];
    ShopperState& state = initial_state_[first->shopper];
    SessionOutcome outcome;
    outcome.view = state.view;
    ItemId engaged[kRecentItems];
    std::size_t engaged_count = 0;
    for (const Event* e = first; e != last; ++e) {
      const bool bought = e->type == EventType::kPurchase;
      outcome.clicks += e->type == EventType::kClick ? 1 : 0;
      outcome.carts += e->type == EventType::kCart ? 1 : 0;
      outcome.purchases += bought ? 1 : 0;
      outcome.spend += bought ? e->price_paid : 0.0f;
      if (e->type == EventType::kClick && engaged_count < kRecentItems) engaged[engaged_count++] = e->item;
    }
    state.record_visit(kNever, engaged, engaged_count, outcome.purchases);
    history_sessions_.push_back(outcome);
  }
}

}  // namespace promosim
