#pragma once
// One arm's stock: units left of every item (when the scenario limits stock) and the flash
// sales' discounted units. Each tick, shown slots reserve units in shard and session order
// before shoppers respond (so no unit is sold twice, whatever the thread count), and sales
// are settled at the barrier.
#include <cstdint>
#include <vector>

#include "flash_sales.hpp"
#include "promosim/types.hpp"

namespace promosim {

class Inventory {
 public:
  /// `stock_per_item` +inf: unlimited stock (only flash units are counted).
  Inventory(std::uint32_t item_count, double stock_per_item, const FlashSales& flash_sales);

  bool limited() const { return !stock_.empty(); }
  /// Starts tick t: flash discounts of the sales running with units left; reservations cleared.
  void start_tick(TickIndex t);
  /// True if some flash sale with units left runs this tick.
  bool flash_running() const { return !flash_items_.empty(); }
  /// For DecisionContext: units left per item (nullptr if unlimited) and this tick's flash
  /// discounts (nullptr if none runs).
  const std::uint32_t* stock() const { return limited() ? stock_.data() : nullptr; }
  const float* flash_discount() const { return flash_running() ? flash_discount_.data() : nullptr; }

  /// Reserves a flash unit of `item` if it is on flash sale at a discount deeper than
  /// `discount` and has an unreserved unit; returns the flash discount, or 0.
  float reserve_flash(ItemId item, float discount);
  /// Reserves one unit of `item`; false if none is left (always true with unlimited stock).
  bool reserve_unit(ItemId item);
  /// Books a sold unit (at a flash discount if `flash`).
  void sell(ItemId item, bool flash);

 private:
  struct FlashUnits {
    std::uint32_t sale;
    std::uint32_t index;  // into the sale's items
  };
  const FlashSales& flash_sales_;
  std::vector<std::uint32_t> stock_;           // per item; empty if unlimited
  std::vector<std::uint32_t> stock_reserved_;  // this tick, per item
  std::vector<std::vector<std::uint32_t>> flash_left_;  // per sale, per sale item
  std::vector<float> flash_discount_;          // this tick, per item
  std::vector<std::int32_t> flash_of_item_;    // this tick: index into flash_units_, or -1
  std::vector<FlashUnits> flash_units_;
  std::vector<std::uint32_t> flash_reserved_;  // this tick, per entry of flash_units_
  std::vector<ItemId> flash_items_;            // items on flash sale this tick
  std::vector<ItemId> reserved_items_;         // items with stock reserved this tick
};

}  // namespace promosim
