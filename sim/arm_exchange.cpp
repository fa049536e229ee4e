// ArmSimulation's exchanges between the ranks of a ProcessGroup (DESIGN §10). Each rank packs
// its own shards' buffers in shard order; the all-gather hands every rank every rank's pack,
// and each unpacks the others' into their shards. Ranks own contiguous blocks of shards, so
// rank order is shard order and the barrier merges exactly what one process would.
#include <string>

#include "arm_shard.hpp"
#include "arm_simulation.hpp"
#include "byte_stream.hpp"
#include "user_error.hpp"

namespace promosim {
namespace {

/// Calls unpack(reader, shard index) for every shard of every other rank, in shard order.
template <class Unpack>
void unpack_others(const ProcessGroup& group, std::uint32_t shards, const ExchangeBuffers& exchange,
                   const Unpack& unpack) {
  const auto ranks = static_cast<std::uint32_t>(group.size());
  for (std::uint32_t r = 0; r < ranks; ++r) {
    if (r == static_cast<std::uint32_t>(group.rank())) continue;
    ByteReader reader = exchange.message(r);
    const ShardRange theirs = ShardRange::of(r, ranks, shards);
    for (std::uint32_t index = theirs.begin; index < theirs.end; ++index) unpack(reader, index);
    if (!reader.done()) throw std::logic_error("rank exchange: message longer than expected");
  }
}

}  // namespace

void ArmSimulation::rethrow_first_error() {
  std::uint32_t first = owned_.end;  // none
  for (std::uint32_t index = owned_.begin; index < owned_.end; ++index) {
    if (shards_[index].error) {
      first = index;
      break;
    }
  }
  if (!group_.distributed()) {
    if (first != owned_.end) std::rethrow_exception(shards_[first].error);  // lowest shard first: deterministic
    return;
  }
  // Every rank must leave the tick the same way: all throw the lowest failing shard's error.
  std::string message;
  if (first != owned_.end) {
    try {
      std::rethrow_exception(shards_[first].error);
    } catch (const std::exception& e) {
      message = e.what();
    } catch (...) {
      message = "a non-standard exception";
    }
  }
  ByteWriter& pack = exchange_.start();
  pack.put<std::uint32_t>(first == owned_.end ? scenario_.shards : first);
  pack.put(message);
  exchange_.gather(group_);
  std::uint32_t lowest = scenario_.shards;
  std::string text;
  for (std::size_t r = 0; r < static_cast<std::size_t>(group_.size()); ++r) {
    ByteReader reader = exchange_.message(r);
    const auto shard = reader.get<std::uint32_t>();
    std::string theirs = reader.get_string();
    if (shard < lowest) lowest = shard, text = std::move(theirs);
  }
  if (lowest == scenario_.shards) return;
  if (lowest == first) std::rethrow_exception(shards_[first].error);
  // Another rank's error arrives as its text: the message the user sees is the same, whichever
  // rank reports it.
  throw UserError(text);
}

void ArmSimulation::share_decisions() {
  ByteWriter& pack = exchange_.start();
  for (std::uint32_t index = owned_.begin; index < owned_.end; ++index) {
    const Shard& shard = shards_[index];
    pack.put(shard.sessions);
    pack.put(shard.slates);
    pack.put(shard.intent);
    pack.put(shard.discounts);
    pack.put(shard.coupons);
    pack.put(shard.slot_flags);
    pack.put(shard.deposit_shares);
    pack.put(shard.featured);
    pack.put(shard.featured_discount);
    pack.put(shard.featured_flags);
    pack.put(shard.featured_deposit);
  }
  exchange_.gather(group_);
  unpack_others(group_, scenario_.shards, exchange_, [&](ByteReader& in, std::uint32_t index) {
    Shard& shard = shards_[index];
    shard.start_tick();
    in.get(shard.sessions);
    in.get(shard.slates);
    in.get(shard.intent);
    in.get(shard.discounts);
    in.get(shard.coupons);
    in.get(shard.slot_flags);
    in.get(shard.deposit_shares);
    in.get(shard.featured);
    in.get(shard.featured_discount);
    in.get(shard.featured_flags);
    in.get(shard.featured_deposit);
  });
}

void ArmSimulation::share_outcomes() {
  // Only what the barrier and the next ticks read on this configuration travels.
  const bool events = learns_online_ || scenario_.output.event_sample > 0.0;
  const bool prices = price_memory_->enabled();
  const bool shelves = inventory_->limited() || inventory_->flash_running();
  ByteWriter& pack = exchange_.start();
  for (std::uint32_t index = owned_.begin; index < owned_.end; ++index) {
    const Shard& shard = shards_[index];
    pack.put(shard.sessions);
    // The visited shoppers' records, which every rank keeps for tight ticks and coupon drops.
    for (const SessionView& view : shard.sessions) {
      pack.put(shoppers_[view.shopper]);
      if (!drops_used_.empty()) pack.put(drops_used_[view.shopper]);
      if (!pending_deposit_.empty()) pack.put(pending_deposit_[view.shopper]);
    }
    pack.put(shard.segments);
    pack.put(shard.spends);
    pack.put(shard.outcomes);
    if (events) pack.put(shard.events);
    if (prices) {
      pack.put(shard.slates);
      pack.put(shard.discounts);
    }
    if (shelves) shelves_[index].save(pack);
  }
  exchange_.gather(group_);
  unpack_others(group_, scenario_.shards, exchange_, [&](ByteReader& in, std::uint32_t index) {
    Shard& shard = shards_[index];
    in.get(shard.sessions);
    for (const SessionView& view : shard.sessions) {
      shoppers_[view.shopper] = in.get<ShopperState>();
      if (!drops_used_.empty()) drops_used_[view.shopper] = in.get<std::uint8_t>();
      if (!pending_deposit_.empty()) pending_deposit_[view.shopper] = in.get<ItemId>();
    }
    in.get(shard.segments);
    in.get(shard.spends);
    in.get(shard.outcomes);
    if (events) {
      in.get(shard.events);
    } else {
      shard.events.clear();
    }
    if (prices) {
      in.get(shard.slates);
      in.get(shard.discounts);
    }
    if (shelves) shelves_[index].load(in);
  });
}

void ArmSimulation::share_totals() {
  ByteWriter& pack = exchange_.start();
  for (std::uint32_t index = owned_.begin; index < owned_.end; ++index) {
    pack.put(shards_[index].total);
    shards_[index].intent_histogram.save(pack);
  }
  exchange_.gather(group_);
  unpack_others(group_, scenario_.shards, exchange_, [&](ByteReader& in, std::uint32_t index) {
    shards_[index].total = in.get<MetricCounters>();
    shards_[index].intent_histogram.load(in);
  });
}

}  // namespace promosim
