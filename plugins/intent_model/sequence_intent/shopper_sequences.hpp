#pragma once
// Each shopper's most recent events, encoded as the GRU's input steps: event type, item
// category, price band (list-price quintile within the category) and time since the shopper's
// previous event. A fixed-size ring per shopper, updated at barriers, read const at predict.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "promosim/sdk.hpp"

namespace promosim::plugins {

/// Price bands: quintiles of list price within a category.
inline constexpr std::size_t kPriceBands = 5;
/// Event types as input slots: click 0, cart 1, purchase 2.
inline constexpr std::size_t kEventTypes = 3;

/// One event as the GRU sees it.
struct SequenceStep {
  CategoryId category = 0;
  std::uint8_t type = 0;  ///< 0 click, 1 cart, 2 purchase
  std::uint8_t band = 0;  ///< price band in [0, kPriceBands)
  std::uint8_t dated = 0;  ///< 1 when this event and the shopper's previous one both carry a time
  /// ln(1 + hours since the shopper's previous event) / ln(1 + 168), about 1 for a week; 0 when
  /// the gap is unknown (dated = 0).
  float gap = 0.0f;
};
static_assert(sizeof(SequenceStep) == 12);

class ShopperSequences {
 public:
  /// Keeps the last `length` (1..255) events of each of `shopper_count` shoppers.
  ShopperSequences(const CatalogView& catalog, std::uint32_t shopper_count, std::size_t length,
                   std::uint32_t ticks_per_day);

  std::size_t length() const { return length_; }
  std::uint32_t shopper_count() const { return static_cast<std::uint32_t>(count_.size()); }

  /// The price band of `item`: its list-price rank within its category cut into quintiles
  /// (equal prices rank by item id).
  std::uint8_t price_band(ItemId item) const { return band_[item]; }

  /// The step `event` adds for its shopper, given the shopper's previous event time.
  /// Undated events (history) and events after an undated one have an unknown gap.
  SequenceStep encode(const Event& event, bool dated) const;

  /// Appends `event` to its shopper's sequence, dropping the oldest beyond length(). `dated`
  /// is false for the history, whose events all carry tick 0. Throws std::out_of_range for a
  /// shopper or item outside the catalog or population.
  void append(const Event& event, bool dated);

  /// Copies the shopper's sequence, oldest first, into `out` (length() entries); returns how
  /// many were written.
  std::size_t copy(ShopperId shopper, SequenceStep* out) const;

  /// Gap input for `hours` between two events.
  static float gap_input(double hours);

 private:
  std::size_t length_;
  double hours_per_tick_;
  std::vector<std::uint8_t> band_;       // per item
  std::vector<CategoryId> category_;     // per item
  std::vector<SequenceStep> steps_;      // shopper × length ring buffers
  std::vector<std::uint8_t> count_;      // per shopper, <= length
  std::vector<std::uint8_t> head_;       // per shopper: slot of the oldest step
  std::vector<TickIndex> last_tick_;     // per shopper: tick of the newest dated event, kNever if none
};

}  // namespace promosim::plugins
