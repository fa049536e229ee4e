#pragma once
// The shoppers whose interactions changed since a recommender last updated what it keeps per
// shopper (neighbour lists, factors), so a barrier updates only those.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

#include "promosim/types.hpp"

namespace promosim::plugins {

/// A queue of changed shoppers, each listed once until taken, oldest change first.
class ChangedShoppers {
 public:
  explicit ChangedShoppers(std::size_t shopper_count);

  /// Queues `shopper` unless already queued.
  void add(ShopperId shopper);
  std::size_t size() const { return queue_.size(); }

  /// Removes and returns the `count` longest-waiting shoppers (all of them if fewer), oldest first.
  std::vector<ShopperId> take_oldest(std::size_t count);
  std::vector<ShopperId> take_all() { return take_oldest(queue_.size()); }

 private:
  std::deque<ShopperId> queue_;
  std::vector<std::uint8_t> queued_;  // per shopper: in queue_
};

}  // namespace promosim::plugins
