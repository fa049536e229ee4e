#include "flash_sales.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "random_sample.hpp"

namespace promosim {

FlashSales::FlashSales(const std::vector<FlashSaleConfig>& config, const Timeline& timeline, const Catalog& catalog,
                       std::uint64_t key) {
  for (std::uint32_t s = 0; s < config.size(); ++s) {
    const FlashSaleConfig& c = config[s];
    Sale sale;
    sale.first_tick = timeline.tick_into_phase(c.phase, c.after_hours);
    sale.end_tick = std::min(timeline.tick_count(), sale.first_tick + timeline.ticks_covering(c.hours));
    sale.discount = static_cast<float>(c.discount);
    sale.stock = c.stock;
    sale.reach = c.reach;
    // Drawn from the items launched when the sale opens.
    std::vector<ItemId> pool;
    for (ItemId i = 0; i < catalog.item_count(); ++i) {
      if (catalog.launch_tick(i) <= sale.first_tick) pool.push_back(i);
    }
    sale.items = sample_items(std::move(pool), c.items, RandomStream(key, Purpose::kFlashSale, s, 0));
    sales_.push_back(std::move(sale));
  }
}

bool FlashSales::active(TickIndex t) const {
  return std::any_of(sales_.begin(), sales_.end(), [t](const Sale& s) { return t >= s.first_tick && t < s.end_tick; });
}

}  // namespace promosim
