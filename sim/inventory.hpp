#pragma once
// One arm's stock: units left of every item (when the scenario limits stock) and the flash
// sales' discounted units. Each tick, every shard gets an even share of what is left (its
// Shelf); a shard's sessions take units from it one after another as shoppers buy, so who gets
// the last unit never depends on thread timing, and the shares are settled at the barrier in
// shard order. A share a shard does not sell returns for the next tick; only the last few units
// of an item (fewer than the shards) can wait a tick in a shard whose shoppers do not want them.
#include <cstdint>
#include <vector>

#include "byte_stream.hpp"
#include "flash_sales.hpp"
#include "promosim/types.hpp"

namespace promosim {

class Inventory {
 public:
  /// `stock_per_item` +inf: unlimited stock (only flash units are counted).
  Inventory(std::uint32_t item_count, double stock_per_item, const FlashSales& flash_sales, std::uint32_t shards);

  /// A shard's share of the stock for one tick. Not thread-safe: one per shard.
  class Shelf {
   public:
    /// True if the shard's share has a unit of `item` left (always, with unlimited stock).
    bool in_stock(ItemId item) const;
    /// Takes a unit of `item`; false if the share has none left.
    bool take(ItemId item);
    /// The flash discount of `item` if the share has a flash unit of it left, else 0.
    float flash_discount(ItemId item) const;
    /// Takes a flash unit of `item`; false if the share has none left.
    bool take_flash(ItemId item);
    /// What the share sold this tick, for the ranks that did not simulate its shard.
    void save(ByteWriter& out) const;
    /// Replaces what the share sold this tick with what save() wrote (after start_tick).
    void load(ByteReader& in);

   private:
    friend class Inventory;
    const Inventory* inventory_ = nullptr;
    std::uint32_t shard_ = 0;
    std::vector<std::uint32_t> taken_;        // per item, this tick; empty if unlimited
    std::vector<ItemId> touched_;             // items with taken_ > 0
    std::vector<std::uint32_t> flash_taken_;  // per running flash entry, this tick
  };

  bool limited() const { return !stock_.empty(); }
  /// Starts tick t: the flash sales running with units left, and every shelf emptied.
  void start_tick(TickIndex t, std::vector<Shelf>& shelves);
  /// True if some flash sale with units left runs this tick.
  bool flash_running() const { return !flash_items_.empty(); }
  /// For DecisionContext: units left per item (nullptr if unlimited) and this tick's flash
  /// discounts (nullptr if none runs).
  const std::uint32_t* stock() const { return limited() ? stock_.data() : nullptr; }
  const float* flash_discount() const { return flash_running() ? flash_discount_.data() : nullptr; }
  /// Books what the shelves sold (call in shard order).
  void settle(const std::vector<Shelf>& shelves);

 private:
  struct FlashUnits {
    std::uint32_t sale;
    std::uint32_t index;  // into the sale's items
  };
  /// The share of `left` units shard `shard` gets.
  std::uint32_t share(std::uint32_t left, std::uint32_t shard) const {
    return left / shards_ + (shard < left % shards_ ? 1 : 0);
  }

  const FlashSales& flash_sales_;
  std::uint32_t shards_;
  std::vector<std::uint32_t> stock_;           // per item; empty if unlimited
  std::vector<std::vector<std::uint32_t>> flash_left_;  // per sale, per sale item
  std::vector<float> flash_discount_;          // this tick, per item
  std::vector<std::int32_t> flash_of_item_;    // this tick: index into flash_units_, or -1
  std::vector<FlashUnits> flash_units_;
  std::vector<ItemId> flash_items_;            // items on flash sale this tick
};

}  // namespace promosim
