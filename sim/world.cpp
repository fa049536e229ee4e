#include "world.hpp"

#include <cmath>
#include <tbb/parallel_for.h>

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

}  // namespace

World::World(const Scenario& scenario, const Timeline& timeline, std::uint32_t replicate, std::uint32_t stream)
    : key_(stream == 0 ? derive_key(scenario.seed, replicate) : derive_key(derive_key(scenario.seed, replicate), stream)),
      catalog_(Catalog::build(scenario.catalog, launch_ticks(scenario.catalog, timeline), key_)),
      population_(Population::build(scenario.population, scenario.catalog.factor_dim,
                                    join_windows(scenario.population, timeline), key_)),
      behaviour_(scenario, catalog_, population_, timeline, key_),
      flash_sales_(scenario.timeline.flash_sales, timeline, catalog_, key_),
      coupon_drops_(scenario.timeline.coupon_drops, timeline, key_),
      presales_(scenario.timeline.presales, timeline, catalog_, key_) {
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

}  // namespace promosim
