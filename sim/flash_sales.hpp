#pragma once
// The scenario's flash sales as ticks and items: which items are on sale at which discount in
// each tick, and how many discounted units each started with. The same in every arm of a
// replicate (the items are drawn from the replicate's key).
#include <cstdint>
#include <vector>

#include "catalog.hpp"
#include "scenario.hpp"
#include "timeline.hpp"

namespace promosim {

class FlashSales {
 public:
  struct Sale {
    TickIndex first_tick = 0;
    TickIndex end_tick = 0;  ///< one past the last tick
    float discount = 0.0f;
    std::uint32_t stock = 0;   ///< discounted units per item
    double reach = 0.0;        ///< share of visits that open the sale's page
    std::vector<ItemId> items;
  };

  FlashSales(const std::vector<FlashSaleConfig>& config, const Timeline& timeline, const Catalog& catalog,
             std::uint64_t key);

  /// Items a visit to a sale's page shows at most.
  static constexpr std::size_t kPageItems = 4;

  bool empty() const { return sales_.empty(); }
  const std::vector<Sale>& sales() const { return sales_; }
  /// True if some sale runs at tick t.
  bool active(TickIndex t) const;

 private:
  std::vector<Sale> sales_;
};

}  // namespace promosim
