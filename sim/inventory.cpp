#include "inventory.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace promosim {

Inventory::Inventory(std::uint32_t item_count, double stock_per_item, const FlashSales& flash_sales,
                     std::uint32_t shards)
    : flash_sales_(flash_sales), shards_(shards), flash_discount_(item_count, 0.0f), flash_of_item_(item_count, -1) {
  if (std::isfinite(stock_per_item)) {
    const double units = std::min<double>(stock_per_item, std::numeric_limits<std::uint32_t>::max());
    stock_.assign(item_count, static_cast<std::uint32_t>(units));
  }
  for (const FlashSales::Sale& sale : flash_sales.sales()) flash_left_.emplace_back(sale.items.size(), sale.stock);
}

void Inventory::start_tick(TickIndex t, std::vector<Shelf>& shelves) {
  for (const ItemId item : flash_items_) {
    flash_discount_[item] = 0.0f;
    flash_of_item_[item] = -1;
  }
  flash_items_.clear();
  flash_units_.clear();
  const std::vector<FlashSales::Sale>& sales = flash_sales_.sales();
  for (std::uint32_t s = 0; s < sales.size(); ++s) {
    if (t < sales[s].first_tick || t >= sales[s].end_tick) continue;
    for (std::uint32_t k = 0; k < sales[s].items.size(); ++k) {
      const ItemId item = sales[s].items[k];
      // An item in two overlapping sales sells the first sale's units first.
      if (flash_left_[s][k] == 0 || flash_of_item_[item] >= 0) continue;
      flash_of_item_[item] = static_cast<std::int32_t>(flash_units_.size());
      flash_units_.push_back({s, k});
      flash_discount_[item] = sales[s].discount;
      flash_items_.push_back(item);
    }
  }
  for (std::uint32_t s = 0; s < shelves.size(); ++s) {
    Shelf& shelf = shelves[s];
    shelf.inventory_ = this;
    shelf.shard_ = s;
    if (limited()) {
      shelf.taken_.resize(stock_.size());
      for (const ItemId item : shelf.touched_) shelf.taken_[item] = 0;
    }
    shelf.touched_.clear();
    shelf.flash_taken_.assign(flash_units_.size(), 0);
  }
}

bool Inventory::Shelf::in_stock(ItemId item) const {
  return !inventory_->limited() || taken_[item] < inventory_->share(inventory_->stock_[item], shard_);
}

bool Inventory::Shelf::take(ItemId item) {
  if (!in_stock(item)) return false;
  if (inventory_->limited() && taken_[item]++ == 0) touched_.push_back(item);
  return true;
}

float Inventory::Shelf::flash_discount(ItemId item) const {
  const std::int32_t entry = inventory_->flash_of_item_[item];
  if (entry < 0) return 0.0f;
  const FlashUnits& units = inventory_->flash_units_[entry];
  const bool left = flash_taken_[entry] < inventory_->share(inventory_->flash_left_[units.sale][units.index], shard_);
  return left ? inventory_->flash_discount_[item] : 0.0f;
}

bool Inventory::Shelf::take_flash(ItemId item) {
  if (flash_discount(item) <= 0.0f) return false;
  ++flash_taken_[inventory_->flash_of_item_[item]];
  return true;
}

void Inventory::Shelf::save(ByteWriter& out) const {
  out.put(touched_);
  for (const ItemId item : touched_) out.put(taken_[item]);
  out.put(flash_taken_);
}

void Inventory::Shelf::load(ByteReader& in) {
  in.get(touched_);
  for (const ItemId item : touched_) taken_[item] = in.get<std::uint32_t>();
  in.get(flash_taken_);
}

void Inventory::settle(const std::vector<Shelf>& shelves) {
  for (const Shelf& shelf : shelves) {
    for (const ItemId item : shelf.touched_) stock_[item] -= shelf.taken_[item];
    for (std::size_t e = 0; e < flash_units_.size(); ++e) {
      flash_left_[flash_units_[e].sale][flash_units_[e].index] -= shelf.flash_taken_[e];
    }
  }
}

}  // namespace promosim
