#include "changed_shoppers.hpp"

#include <algorithm>

namespace promosim::plugins {

ChangedShoppers::ChangedShoppers(std::size_t shopper_count) : queued_(shopper_count, 0) {}

void ChangedShoppers::add(ShopperId shopper) {
  if (queued_[shopper] != 0) return;
  queued_[shopper] = 1;
  queue_.push_back(shopper);
}

std::vector<ShopperId> ChangedShoppers::take_oldest(std::size_t count) {
  const auto end = queue_.begin() + static_cast<std::ptrdiff_t>(std::min(count, queue_.size()));
  std::vector<ShopperId> taken(queue_.begin(), end);
  queue_.erase(queue_.begin(), end);
  for (const ShopperId s : taken) queued_[s] = 0;
  return taken;
}

}  // namespace promosim::plugins
