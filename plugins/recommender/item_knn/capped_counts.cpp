#include "capped_counts.hpp"

#include <algorithm>

namespace promosim::plugins {
namespace {

bool by_item(const CappedCounts::Entry& e, ItemId item) { return e.item < item; }
bool in_item_order(const CappedCounts::Entry& a, const CappedCounts::Entry& b) { return a.item < b.item; }

}  // namespace

void CappedCounts::add(const ItemId* items, std::size_t count, std::size_t cap) {
  for (std::size_t i = 0; i < count; ++i) add_to_tail(items[i], cap);
  settle();
}

void CappedCounts::add_to_tail(ItemId item, std::size_t cap) {
  // The tail is merged once it holds kTail items: inserting each new item into the sorted row
  // would move half the row every time.
  constexpr std::size_t kTail = 32;
  ++total_;
  const auto sorted_end = entries_.begin() + static_cast<std::ptrdiff_t>(sorted_);
  const auto it = std::lower_bound(entries_.begin(), sorted_end, item, by_item);
  if (it != sorted_end && it->item == item) {
    ++it->count;
    return;
  }
  for (auto tail = sorted_end; tail != entries_.end(); ++tail) {
    if (tail->item == item) {
      ++tail->count;
      return;
    }
  }
  if (entries_.size() >= cap) drop_lower_half();
  entries_.push_back(Entry{item, 1});
  if (entries_.size() - sorted_ >= kTail) settle();
}

void CappedCounts::settle() {
  if (sorted_ == entries_.size()) return;
  const auto middle = entries_.begin() + static_cast<std::ptrdiff_t>(sorted_);
  std::sort(middle, entries_.end(), in_item_order);
  std::inplace_merge(entries_.begin(), middle, entries_.end(), in_item_order);
  sorted_ = entries_.size();
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
  std::sort(entries_.begin(), entries_.end(), in_item_order);
  sorted_ = entries_.size();
}

}  // namespace promosim::plugins
