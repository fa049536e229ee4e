#pragma once
// One shard's buffers in an arm's run (ArmSimulation), reused every tick: the sessions of the
// tick with the plugins' decisions and the platform's offers, then what the shoppers did.
// Aligned so two threads never share a cache line.
#include <cstdint>
#include <exception>
#include <vector>

#include "intent_histogram.hpp"
#include "metric_counters.hpp"
#include "promosim/coupon_offer.hpp"
#include "promosim/session_batch.hpp"

namespace promosim {

/// Money an arm's offers cost in one session of the tick (booked at the barrier).
struct SessionSpend {
  std::size_t session;  // index into ArmShard::sessions
  double amount;
};

struct alignas(64) ArmShard {
  // The tick's sessions and what was decided for them.
  std::vector<SessionView> sessions;
  std::vector<ItemId> slates;
  std::vector<float> intent;
  std::vector<float> discounts;
  std::vector<CouponOffer> coupons;
  std::vector<std::uint8_t> slot_flags;     // SlotFlag sets, when stock or flash sales need them
  std::vector<float> deposit_shares;        // per slot, when a pre-sale takes deposits
  std::vector<ItemId> featured;             // per session: a sale page, kPageItems slots
  std::vector<float> featured_discount;     // per session
  std::vector<std::uint8_t> featured_flags; // per session: kFlashSale or kPresale
  std::vector<float> featured_deposit;      // per session
  // What the shoppers did.
  std::vector<Event> events;
  std::vector<SessionOutcome> outcomes;
  std::vector<Event> scratch_events;     // the no-promotion replays' events, discarded
  std::vector<std::uint8_t> scratch_flags;
  std::vector<MetricCounters> segments;  // this tick, by segment
  MetricCounters total;                  // whole run
  IntentHistogram intent_histogram;      // whole run
  std::vector<SessionSpend> spends;      // this tick
  std::exception_ptr error;

  /// Empties the tick's buffers (the run's totals stay).
  void start_tick() {
    sessions.clear();
    events.clear();
    outcomes.clear();
    spends.clear();
    for (MetricCounters& c : segments) c = MetricCounters{};
    slates.clear();
    discounts.clear();
    // Filled by grant_offers only on ticks that need them.
    slot_flags.clear();
    deposit_shares.clear();
    featured.clear();
    featured_discount.clear();
    featured_flags.clear();
    featured_deposit.clear();
  }
};

}  // namespace promosim
