#pragma once
// One arm x replicate through the whole timeline (DESIGN §2, §6). Each tick: shards of
// shoppers run in parallel (arrivals -> recommend -> intent -> price -> shopper response),
// each into its own buffers; then, at the barrier, buffers are merged in shard order, the
// budget is reconciled, plugins observe the tick in a fixed order and metrics accumulate.
// Nothing depends on the thread count. Spread over the ranks of a ProcessGroup, each rank
// simulates its own block of shards and the ranks swap the shards' buffers at the barrier
// (arm_exchange.cpp), so every rank merges the same buffers: nothing depends on the rank count.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "arm_plugins.hpp"
#include "arrival_process.hpp"
#include "block_breakdown.hpp"
#include "budget_ledger.hpp"
#include "exchange_buffers.hpp"
#include "inventory.hpp"
#include "price_memory.hpp"
#include "process_group.hpp"
#include "results_records.hpp"
#include "scenario.hpp"
#include "shard_range.hpp"
#include "stage_times.hpp"
#include "timeline.hpp"
#include "world.hpp"

namespace promosim {

/// Thrown between ticks when a stop was requested (SIGINT/SIGTERM).
struct RunInterrupted {};

struct ArmShard;

struct ArmOutput {
  ReplicateRecords records;
  std::uint64_t sessions = 0;
  StageTimes times;  // fit and the session loop's stages (world stays 0)
};

class ArmSimulation {
 public:
  ArmSimulation(const Scenario& scenario, const Timeline& timeline, const World& world, std::uint32_t arm,
                std::uint32_t replicate, ArmPlugins& plugins, const ProcessGroup& group = ProcessGroup::single());
  ~ArmSimulation();

  /// Fits the plugins on the world's history, then runs every tick. Calls on_tick(sessions of
  /// the tick) after each barrier; throws RunInterrupted if `stop` is set between ticks, and
  /// PluginError if a plugin throws or returns invalid output.
  ArmOutput run(const std::function<void(std::uint64_t)>& on_tick, const std::atomic<bool>& stop);

 private:
  using Shard = ArmShard;
  /// Runs work(shard, index) on this rank's shards in parallel; rethrows the lowest shard's
  /// error, on every rank.
  template <class Work>
  void for_each_shard(const Work& work);
  /// The error of the lowest failing shard of any rank, rethrown on every rank; nothing if none failed.
  void rethrow_first_error();
  // The rank exchanges (arm_exchange.cpp), collective calls made only when distributed:
  /// The other ranks' decisions and offers, so every rank can reserve the tick's budget over
  /// all shards and, on a tight tick, simulate them all one after another.
  void share_decisions();
  /// What the other ranks' sessions did: the shoppers' new records, metrics, spends, events,
  /// outcomes and sales, so every rank merges every shard at the barrier.
  void share_outcomes();
  /// Each shard's whole-run totals and intent histogram, from the rank that simulated it.
  void share_totals();
  /// Arrivals and the plugins' decisions for one shard's sessions of the tick.
  void decide_shard(Shard& shard, std::uint32_t index, TickIndex tick, const DecisionContext& context);
  /// In shard and session order: gives flash-sale and pre-sale prices, marks the slots whose
  /// items the shard has none of left, and opens sale pages.
  void grant_offers(TickIndex tick);
  /// Reserves session i's offers (worst case) in `ledger`; those that do not fit are withdrawn
  /// when `withdraw`, else the first one stops it. True if all fitted.
  bool reserve_offers(BudgetLedger& ledger, Shard& shard, std::size_t i, bool withdraw) const;
  /// Reserves every offer of the tick if all fit the budget, its pools and the shoppers' caps;
  /// false (nothing reserved) if they do not, and the tick must run serially.
  bool reserve_budget();
  /// With the sale's reach, opens a running flash sale's page for session i: up to
  /// FlashSales::kPageItems of its items with flash units left on the shard's shelf. True if
  /// a page was opened.
  bool feature_flash_sale(Shard& shard, const Inventory::Shelf& shelf, std::size_t i, TickIndex tick);
  /// With the pre-sale's reach, opens the page of a pre-sale taking deposits for session i.
  void feature_presale(Shard& shard, const Inventory::Shelf& shelf, std::size_t i, TickIndex tick);
  /// Writes up to FlashSales::kPageItems of `items` that are `available` into session i's page,
  /// starting at the place `start_draw` (in [0, 1)) picks.
  template <class Available>
  void fill_page(Shard& shard, std::size_t i, const std::vector<ItemId>& items, double start_draw,
                 const Available& available);
  /// At a coupon drop's tick, brings forward the visits of the receivers it lures.
  void lure_drop_receivers(TickIndex tick);
  /// The shoppers' responses, metrics and shopper records for one shard. `serial`: sessions'
  /// offers are reserved, and their spend booked, one session at a time (a tight tick).
  void simulate_shard(Shard& shard, std::uint32_t index, TickIndex tick, bool serial);
  /// The shopper's next visit after one at `tick` with `purchases` units bought: replayed from
  /// the log for a logged population, else drawn (with return boost and churn).
  TickIndex next_arrival(ShopperId shopper, TickIndex tick, std::uint32_t purchases,
                         const ArrivalProcess& arrivals) const;
  /// Sets the session's pre-sale fields: whether the shopper may deposit and, in the balance
  /// phase, the pending deposit to settle.
  void settle_deposit_input(ShopperId shopper, TickIndex tick, SessionInput& in) const;
  /// True for the shoppers whose sessions are scored against the oracle pricing policy.
  bool scored_by_oracle(ShopperId shopper) const;
  /// Adds to counters' no_promotion_* what the session would have bought without its offers.
  void record_no_promotion(Shard& shard, const SessionInput& in, const std::vector<float>& no_discounts,
                           const MetricCounters& before, MetricCounters& counters) const;
  /// Moves the remembered price of every item shown this tick toward the price it was shown at.
  void remember_prices();
  void check_outputs(const Shard& shard, TickIndex tick, std::size_t count) const;
  void learn(TickIndex tick, bool history);
  /// Sets `all` to every shard's buffer(shard), in shard order.
  template <class T, class Buffer>
  void concatenate_shards(std::vector<T>& all, const Buffer& buffer) const;
  /// Merges the shards' buffers in shard order; returns the tick's session count.
  std::uint64_t record_tick(TickIndex tick, ArmOutput& out);
  /// The intent model's calibration by decile, from the shards' score histograms.
  std::vector<CalibrationRecord> calibration() const;
  std::string where(TickIndex tick) const;

  const Scenario& scenario_;
  const Timeline& timeline_;
  const World& world_;
  std::uint32_t arm_, replicate_;
  ArmPlugins& plugins_;
  const ProcessGroup& group_;
  ShardRange owned_;    // the shards this rank simulates: all of them in one process
  bool learns_online_;  // some plugin observes ticks: keep events and session outcomes
  std::vector<ShopperState> shoppers_;
  std::vector<Shard> shards_;
  std::optional<BlockBreakdown> breakdown_;
  // Barrier buffers: the tick's events and sessions merged in shard order.
  std::vector<Event> tick_events_;
  std::vector<SessionOutcome> tick_sessions_;
  std::vector<PluginMetricRecord>* plugin_metrics_ = nullptr;
  std::optional<BudgetLedger> ledger_;
  std::optional<Inventory> inventory_;
  std::vector<Inventory::Shelf> shelves_;  // per shard
  std::vector<std::uint8_t> drops_used_;  // per shopper: bit d = coupon drop d used
  std::vector<ItemId> pending_deposit_;   // per shopper: pre-sale item with a deposit paid, or kNoItem
  double fatigue_decay_per_tick_;
  std::optional<PriceMemory> price_memory_;
  ExchangeBuffers exchange_;  // the rank exchanges' messages (arm_exchange.cpp)
};

}  // namespace promosim
