#include "price_memory.hpp"

#include <cmath>

namespace promosim {

PriceMemory::PriceMemory(const CatalogView& catalog, double half_life_days, double tick_days) : catalog_(catalog) {
  if (half_life_days <= 0.0) return;
  rate_ = 1.0 - std::pow(0.5, tick_days / half_life_days);
  remembered_.assign(catalog.list_price, catalog.list_price + catalog.item_count);
  shown_sum_.assign(catalog.item_count, 0.0);
  shown_count_.assign(catalog.item_count, 0);
}

void PriceMemory::see(ItemId item, float discount) {
  if (shown_count_[item]++ == 0) shown_.push_back(item);
  shown_sum_[item] += catalog_.list_price[item] * (1.0 - discount);
}

void PriceMemory::end_tick() {
  for (const ItemId item : shown_) {
    const double mean = shown_sum_[item] / shown_count_[item];
    remembered_[item] += static_cast<float>(rate_ * (mean - remembered_[item]));
    shown_sum_[item] = 0.0;
    shown_count_[item] = 0;
  }
  shown_.clear();
}

}  // namespace promosim
