#include "presales.hpp"

#include <algorithm>

#include "random_sample.hpp"

namespace promosim {

Presales::Presales(const std::vector<PresaleConfig>& config, const Timeline& timeline, const Catalog& catalog,
                   std::uint64_t key)
    : config_(config) {
  if (config.empty()) return;
  presale_of_item_.assign(catalog.item_count(), -1);
  for (std::size_t p = 0; p < config.size(); ++p) {
    const TickIndex opens = timeline.phase_first_tick(config[p].deposit_phase);
    // Drawn from the items launched by the time deposits open and not in an earlier pre-sale.
    std::vector<ItemId> pool;
    for (ItemId i = 0; i < catalog.item_count(); ++i) {
      if (catalog.launch_tick(i) <= opens && presale_of_item_[i] < 0) pool.push_back(i);
    }
    const RandomStream stream(key, Purpose::kPresale, static_cast<std::uint32_t>(p), 0);
    items_.push_back(sample_items(std::move(pool), config[p].items, stream));
    for (const ItemId item : items_.back()) presale_of_item_[item] = static_cast<std::int16_t>(p);
  }
}

bool Presales::any_deposits(std::uint16_t phase) const {
  return std::any_of(config_.begin(), config_.end(), [&](const PresaleConfig& c) { return c.deposit_phase == phase; });
}

}  // namespace promosim
