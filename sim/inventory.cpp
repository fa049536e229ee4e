#include "inventory.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace promosim {

Inventory::Inventory(std::uint32_t item_count, double stock_per_item, const FlashSales& flash_sales)
    : flash_sales_(flash_sales), flash_discount_(item_count, 0.0f), flash_of_item_(item_count, -1) {
  if (std::isfinite(stock_per_item)) {
    const double units = std::min<double>(stock_per_item, std::numeric_limits<std::uint32_t>::max());
    stock_.assign(item_count, static_cast<std::uint32_t>(units));
    stock_reserved_.assign(item_count, 0);
  }
  for (const FlashSales::Sale& sale : flash_sales.sales()) flash_left_.emplace_back(sale.items.size(), sale.stock);
}

void Inventory::start_tick(TickIndex t) {
  for (const ItemId item : flash_items_) {
    flash_discount_[item] = 0.0f;
    flash_of_item_[item] = -1;
  }
  flash_items_.clear();
  flash_units_.clear();
  flash_reserved_.clear();
  for (const ItemId item : reserved_items_) stock_reserved_[item] = 0;
  reserved_items_.clear();
  const std::vector<FlashSales::Sale>& sales = flash_sales_.sales();
  for (std::uint32_t s = 0; s < sales.size(); ++s) {
    if (t < sales[s].first_tick || t >= sales[s].end_tick) continue;
    for (std::uint32_t k = 0; k < sales[s].items.size(); ++k) {
      const ItemId item = sales[s].items[k];
      // An item in two overlapping sales sells the first sale's units first.
      if (flash_left_[s][k] == 0 || flash_of_item_[item] >= 0) continue;
      flash_of_item_[item] = static_cast<std::int32_t>(flash_units_.size());
      flash_units_.push_back({s, k});
      flash_reserved_.push_back(0);
      flash_discount_[item] = sales[s].discount;
      flash_items_.push_back(item);
    }
  }
}

float Inventory::reserve_flash(ItemId item, float discount) {
  const std::int32_t entry = flash_of_item_[item];
  if (entry < 0 || flash_discount_[item] <= discount) return 0.0f;
  const FlashUnits& units = flash_units_[entry];
  if (flash_reserved_[entry] >= flash_left_[units.sale][units.index]) return 0.0f;
  ++flash_reserved_[entry];
  return flash_discount_[item];
}

bool Inventory::reserve_unit(ItemId item) {
  if (!limited()) return true;
  if (stock_reserved_[item] >= stock_[item]) return false;
  if (stock_reserved_[item]++ == 0) reserved_items_.push_back(item);
  return true;
}

void Inventory::sell(ItemId item, bool flash) {
  if (limited()) --stock_[item];
  if (flash) {
    const FlashUnits& units = flash_units_[flash_of_item_[item]];
    --flash_left_[units.sale][units.index];
  }
}

}  // namespace promosim
