#include "world.hpp"

#include <cmath>
#include <tbb/parallel_for.h>

#include "arrival_process.hpp"
#include "promosim/random_stream.hpp"
#include "shard_range.hpp"

namespace promosim {

World::World(const Scenario& scenario, const Timeline& timeline, std::uint32_t replicate)
    : key_(derive_key(scenario.seed, replicate)),
      catalog_(Catalog::build(scenario.catalog, key_)),
      population_(Population::build(scenario.population, scenario.catalog.factor_dim, key_)),
      behaviour_(scenario, catalog_, population_, timeline, key_) {
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
      state.next_arrival = arrivals.first(s, rate);
    }
  });
  for (std::uint32_t shard = 0; shard < shards; ++shard) {
    history_events_.insert(history_events_.end(), shard_events[shard].begin(), shard_events[shard].end());
    history_sessions_.insert(history_sessions_.end(), shard_sessions[shard].begin(), shard_sessions[shard].end());
  }
}

}  // namespace promosim
