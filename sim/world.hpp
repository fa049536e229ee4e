#pragma once
// Everything one replicate's arms share: the catalog, the shoppers, the organic history
// before the timeline and the shopper records it leaves. Built once per replicate from
// the replicate's key, so every arm starts from the identical world.
#include <cstdint>
#include <vector>

#include "behaviour_model.hpp"
#include "catalog.hpp"
#include "coupon_drops.hpp"
#include "flash_sales.hpp"
#include "logged_population.hpp"
#include "presales.hpp"
#include "population.hpp"
#include "promosim/session_batch.hpp"
#include "scenario.hpp"
#include "shopper_state.hpp"
#include "timeline.hpp"

namespace promosim {

class World {
 public:
  /// Builds replicate `replicate`'s world; history is simulated in parallel over shards and
  /// merged in shard order. `stream` 0 is the world every arm shares (common random numbers);
  /// `run --independent` gives arm a its own world and random numbers with stream a + 1.
  /// With a logged population (population.source: logged), `logged` is its log, loaded once
  /// for the whole run (LoggedPopulation::load) and shared by every replicate and arm; its
  /// shoppers, items, history and arrivals replace the drawn ones. Null for a synthetic one.
  World(const Scenario& scenario, const Timeline& timeline, std::uint32_t replicate, std::uint32_t stream = 0,
        const LoggedPopulation* logged = nullptr);

  std::uint64_t key() const { return key_; }
  const Catalog& catalog() const { return catalog_; }
  const Population& population() const { return population_; }
  const BehaviourModel& behaviour() const { return behaviour_; }
  const FlashSales& flash_sales() const { return flash_sales_; }
  const CouponDrops& coupon_drops() const { return coupon_drops_; }
  const Presales& presales() const { return presales_; }
  const std::vector<Event>& history_events() const { return history_events_; }
  const std::vector<SessionOutcome>& history_sessions() const { return history_sessions_; }
  /// Shopper records after the history, with each shopper's first timeline arrival.
  const std::vector<ShopperState>& initial_state() const { return initial_state_; }

 private:
  void simulate_history(const Scenario& scenario, const Timeline& timeline);
  void adopt_logged_history(const LoggedPopulation& logged);

  std::uint64_t key_;
  Catalog catalog_;
  Population population_;
  BehaviourModel behaviour_;
  FlashSales flash_sales_;
  CouponDrops coupon_drops_;
  Presales presales_;
  std::vector<Event> history_events_;
  std::vector<SessionOutcome> history_sessions_;
  std::vector<ShopperState> initial_state_;
};

}  // namespace promosim
