#pragma once
// The scenario's pre-sales: which items are on pre-sale, when deposits are taken and when
// balances are due. Items are drawn from the replicate's key, the same in every arm.
#include <cstdint>
#include <vector>

#include "catalog.hpp"
#include "scenario.hpp"
#include "timeline.hpp"

namespace promosim {

class Presales {
 public:
  Presales(const std::vector<PresaleConfig>& config, const Timeline& timeline, const Catalog& catalog,
           std::uint64_t key);

  bool empty() const { return config_.empty(); }
  int count() const { return static_cast<int>(config_.size()); }
  /// The items of pre-sale p.
  const std::vector<ItemId>& items(int presale) const { return items_[static_cast<std::size_t>(presale)]; }
  /// Index of the pre-sale item i is in, or -1 (an item is in one pre-sale at most).
  int presale_of(ItemId i) const { return presale_of_item_.empty() ? -1 : presale_of_item_[i]; }
  const PresaleConfig& config(int presale) const { return config_[static_cast<std::size_t>(presale)]; }
  bool taking_deposits(int presale, std::uint16_t phase) const { return config(presale).deposit_phase == phase; }
  bool collecting_balance(int presale, std::uint16_t phase) const { return config(presale).balance_phase == phase; }
  /// True if some pre-sale takes deposits in `phase`.
  bool any_deposits(std::uint16_t phase) const;

 private:
  std::vector<PresaleConfig> config_;
  std::vector<std::vector<ItemId>> items_;      // per pre-sale
  std::vector<std::int16_t> presale_of_item_;  // empty without pre-sales
};

}  // namespace promosim
