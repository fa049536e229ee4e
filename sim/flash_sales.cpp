#include "flash_sales.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "promosim/random_stream.hpp"

namespace promosim {

FlashSales::FlashSales(const std::vector<FlashSaleConfig>& config, const Timeline& timeline, const Catalog& catalog,
                       std::uint64_t key) {
  const double ticks_per_hour = timeline.ticks_per_day() / 24.0;
  for (std::uint32_t s = 0; s < config.size(); ++s) {
    const FlashSaleConfig& c = config[s];
    Sale sale;
    const TickIndex phase_start = timeline.phase_first_tick(c.phase);
    sale.first_tick = phase_start + static_cast<TickIndex>(std::floor(c.after_hours * ticks_per_hour + 1e-9));
    const auto ticks = std::max<TickIndex>(1, static_cast<TickIndex>(std::ceil(c.hours * ticks_per_hour - 1e-9)));
    sale.end_tick = std::min(timeline.tick_count(), sale.first_tick + ticks);
    sale.discount = static_cast<float>(c.discount);
    sale.stock = c.stock;
    sale.reach = c.reach;
    // A uniform draw without replacement from the items launched when the sale opens
    // (a partial Fisher-Yates shuffle on the sale's own random numbers).
    std::vector<ItemId> pool;
    for (ItemId i = 0; i < catalog.item_count(); ++i) {
      if (catalog.launch_tick(i) <= sale.first_tick) pool.push_back(i);
    }
    const std::size_t n = std::min<std::size_t>(c.items, pool.size());
    const RandomStream stream(key, Purpose::kFlashSale, s, 0);
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t pick =
          k + std::min(pool.size() - k - 1, static_cast<std::size_t>(stream.uniform(static_cast<std::uint32_t>(k)) *
                                                                     static_cast<double>(pool.size() - k)));
      std::swap(pool[k], pool[pick]);
      sale.items.push_back(pool[k]);
    }
    sales_.push_back(std::move(sale));
  }
}

bool FlashSales::active(TickIndex t) const {
  return std::any_of(sales_.begin(), sales_.end(), [t](const Sale& s) { return t >= s.first_tick && t < s.end_tick; });
}

}  // namespace promosim
