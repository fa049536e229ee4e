#pragma once
// The shopper × item matrix of weighted engagement that user-based collaborative filtering
// reads: one sparse row per shopper, the inverted index (item → shoppers) that neighbour
// search walks, and the per-row sums the similarity measures need.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "promosim/types.hpp"

namespace promosim::plugins {

/// One non-zero of a shopper's row: the summed event weight the shopper gave an item.
struct ItemWeight {
  ItemId item;
  float weight;
};

class InteractionMatrix {
 public:
  InteractionMatrix(std::uint32_t shopper_count, std::uint32_t item_count);

  /// Adds `weight` (> 0) to (shopper, item). Returns true when the shopper had not interacted
  /// with the item before, i.e. the row gained an entry and the item's posting list the shopper.
  /// Throws std::out_of_range for a shopper or item outside the matrix.
  bool add(ShopperId shopper, ItemId item, float weight);

  /// The shopper's interactions, sorted by item id. Valid until the next add().
  std::span<const ItemWeight> row(ShopperId shopper) const { return rows_[shopper]; }
  /// Hints the processor to fetch the shopper's row record (prefetch_record) or its entries
  /// (prefetch_row, after the record is in cache): a decision reads some thirty scattered
  /// rows, and issuing every fetch before reading any overlaps the cache misses.
  void prefetch_record(ShopperId shopper) const { __builtin_prefetch(&rows_[shopper]); }
  void prefetch_row(ShopperId shopper) const { __builtin_prefetch(rows_[shopper].data()); }
  /// The shoppers who interacted with `item`, in the order they first did.
  std::span<const ShopperId> posting(ItemId item) const { return postings_[item]; }
  /// The row's weight sum and sum of squared weights.
  double sum(ShopperId shopper) const { return sums_[shopper]; }
  double sum_squares(ShopperId shopper) const { return sum_squares_[shopper]; }
  /// The shopper's weight for `item`, 0 without interaction.
  float weight(ShopperId shopper, ItemId item) const;

  std::uint32_t shopper_count() const { return static_cast<std::uint32_t>(rows_.size()); }
  std::uint32_t item_count() const { return static_cast<std::uint32_t>(postings_.size()); }

 private:
  std::vector<std::vector<ItemWeight>> rows_;
  std::vector<std::vector<ShopperId>> postings_;
  std::vector<double> sums_, sum_squares_;
};

}  // namespace promosim::plugins
