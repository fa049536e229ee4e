#pragma once
// Reference-price memory (docs/behaviour-model.md): the price shoppers remember for each item,
// which moves after every tick toward the mean price the item was shown at, so a discount that
// never ends becomes the price and stops looking like a discount. One per arm.
#include <cstdint>
#include <vector>

#include "promosim/catalog_view.hpp"

namespace promosim {

class PriceMemory {
 public:
  /// Starts at the list prices; `half_life_days` 0 turns memory off (prices() is then nullptr).
  PriceMemory(const CatalogView& catalog, double half_life_days, double tick_days);

  bool enabled() const { return rate_ > 0.0; }
  /// The remembered price per item, or nullptr without memory.
  const float* prices() const { return enabled() ? remembered_.data() : nullptr; }
  /// Notes that `item` was shown at `discount` this tick.
  void see(ItemId item, float discount);
  /// Moves each item seen this tick toward its mean shown price.
  void end_tick();

 private:
  const CatalogView& catalog_;
  double rate_ = 0.0;  // share of the gap to the shown price closed per tick
  std::vector<float> remembered_;
  std::vector<double> shown_sum_;  // this tick, per item
  std::vector<std::uint32_t> shown_count_;
  std::vector<ItemId> shown_;      // items seen this tick, in first-seen order
};

}  // namespace promosim
