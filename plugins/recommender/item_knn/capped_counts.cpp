#include "capped_counts.hpp"

#include <algorithm>

namespace promosim::plugins {
namespace {

bool by_item(const CappedCounts::Entry& e, ItemId item) { return e.item < item; }

}  // namespace

void CappedCounts::add(ItemId item, std::size_t cap) {
  ++total_;
  auto it = std::lower_bound(entries_.begin(), entries_.end(), item, by_item);
  if (it != entries_.end() && it->item == item) {
    ++it->count;
    return;
  }
  if (entries_.size() >= cap) {
    drop_lower_half();
    it = std::lower_bound(entries_.begin(), entries_.end(), item, by_item);
  }
  entries_.insert(it, Entry{item, 1});
}

std::uint32_t CappedCounts::count(ItemId item) const {
  const auto it = std::lower_bound(entries_.begin(), entries_.end(), item, by_item);
  return it != entries_.end() && it->item == item ? it->count : 0;
}

// Halving rather than evicting one entry per insert makes the sort amortised O(log cap) per
// add, and gives a newcomer half a row's worth of adds to prove itself before the next cut.
void CappedCounts::drop_lower_half() {
  const std::size_t keep = entries_.size() / 2;
  std::sort(entries_.begin(), entries_.end(),
            [](const Entry& a, const Entry& b) { return a.count > b.count || (a.count == b.count && a.item < b.item); });
  entries_.resize(keep);
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.item < b.item; });
}

}  // namespace promosim::plugins
