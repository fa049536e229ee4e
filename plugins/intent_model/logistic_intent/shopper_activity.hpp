#pragma once
// What a shopper's own events say about them, beyond the engine's SessionView: how much they
// clicked and carted lately, which carted items they have not bought, and the price level and
// discount of what they looked at. Kept per shopper by the intent model, updated at barriers.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "promosim/sdk.hpp"

namespace promosim::plugins {

/// The phase tag of events from the pre-timeline history, which belongs to no phase.
inline constexpr std::uint16_t kHistoryPhase = 0xFFFF;

/// One shopper's event-derived record: 52 bytes, so a million shoppers take 52 MB.
struct ShopperActivity {
  static constexpr std::size_t kOpenCartSlots = 4;

  float clicks = 0.0f;          ///< clicks, each decayed by its age to `as_of`
  float carts = 0.0f;           ///< add-to-carts, decayed the same way
  float price_level = 0.0f;     ///< moving average of ln(list price / category median price)
  float discount_level = 0.0f;  ///< moving average of the discount fraction shown
  TickIndex as_of = 0;          ///< tick the decayed counts refer to
  std::uint32_t events = 0;     ///< events seen, all time
  ItemId open_items[kOpenCartSlots] = {kNoItem, kNoItem, kNoItem, kNoItem};  ///< carted, not bought, newest first
  std::uint16_t open_phases[kOpenCartSlots] = {0, 0, 0, 0};  ///< phase each open item was carted in
  std::uint8_t open_count = 0;

  /// Open cart items carted in a timeline phase other than `phase` (history carts excluded):
  /// a cart left before a sale started.
  std::size_t open_from_earlier_phase(std::uint16_t phase) const;
};
static_assert(sizeof(ShopperActivity) == 52);

/// Every shopper's ShopperActivity. Not thread-safe to update; const reads are.
class ShopperActivityLog {
 public:
  /// `decay_per_tick`: factor each tick of age multiplies a click or cart count by (in (0, 1]);
  /// `average_weight`: weight of the newest event in the price and discount averages.
  ShopperActivityLog(const CatalogView& catalog, std::uint32_t shopper_count, double decay_per_tick,
                     double average_weight);

  /// Records one event that happened in `phase` (kHistoryPhase for history events). Throws
  /// std::out_of_range for a shopper or item outside the ranges given at construction and
  /// std::invalid_argument for an unknown event type, before recording anything.
  void apply(const Event& event, std::uint16_t phase);
  /// apply() of every event in order, with the same records, shoppers in parallel. Throws
  /// before recording any if one is out of range.
  void apply(EventSpan events, std::uint16_t phase);

  /// The record of `shopper`; throws std::out_of_range for an unknown shopper.
  const ShopperActivity& at(ShopperId shopper) const;

  /// A decayed count as of `tick` (the record keeps counts as of its last event).
  double decayed(float count, TickIndex as_of, TickIndex tick) const;

  /// ln(list price / median list price of its category) of `item`.
  float log_relative_price(ItemId item) const { return log_relative_price_[item]; }

 private:
  void check(const Event& event) const;
  void record(const Event& event, std::uint16_t phase);

  std::vector<ShopperActivity> shoppers_;
  std::vector<float> log_relative_price_;  // per item
  std::vector<CategoryId> category_;
  double log_decay_per_tick_;
  float average_weight_;
};

}  // namespace promosim::plugins
