#pragma once
// A sparse row of integer counts keyed by item with a hard cap on its length: the storage of
// item_knn's co-occurrence counts and next_item's transition counts. Keeping every pair a
// busy catalog ever produces would grow without bound over a long timeline; a capped row
// keeps the partners that matter (the frequent ones) in bounded memory.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "promosim/types.hpp"

namespace promosim::plugins {

class CappedCounts {
 public:
  struct Entry {
    ItemId item;
    std::uint32_t count;
  };

  /// Adds one to `item`'s count. When the row already holds `cap` items and `item` is not
  /// among them, the lower-count half is dropped first (lossy counting: ties drop the higher
  /// item id, so the result depends only on the sequence of adds). `total()` keeps counting
  /// what was dropped. `cap` is at least 1.
  void add(ItemId item, std::size_t cap) { add(&item, 1, cap); }
  /// add(items[0], cap), add(items[1], cap), ... with the same result, faster: new items
  /// wait in an unsorted tail that is merged into the sorted row in batches.
  void add(const ItemId* items, std::size_t count, std::size_t cap);

  /// The count of `item`, 0 if absent (never added or dropped).
  std::uint32_t count(ItemId item) const;
  /// Every add ever made to the row, dropped entries included.
  std::uint64_t total() const { return total_; }
  /// The entries, sorted by item id.
  const std::vector<Entry>& entries() const { return entries_; }
  std::size_t size() const { return entries_.size(); }

 private:
  /// One add; the row may be left with an unsorted tail.
  void add_to_tail(ItemId item, std::size_t cap);
  /// Merges the tail into the sorted row.
  void settle();
  void drop_lower_half();

  std::vector<Entry> entries_;  // [0, sorted_) by item id; then, only inside add(), a tail in arrival order
  std::size_t sorted_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace promosim::plugins
