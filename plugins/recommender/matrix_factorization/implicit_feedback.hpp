#pragma once
// Implicit feedback for matrix factorization: each shopper's summed event weight per item,
// kept sorted per shopper and grown online, with snapshots in compressed sparse rows by
// shopper and by item (the two sides alternating least squares solves).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "promosim/types.hpp"

namespace promosim::plugins {

/// One non-zero of a sparse row: the other side's index (an item in a shopper's row, a
/// shopper in an item's row) and the summed event weight r > 0.
struct Interaction {
  std::uint32_t index;
  float weight;
};

/// Compressed sparse rows: row r is entries[offsets[r], offsets[r + 1]).
struct SparseRows {
  std::vector<std::size_t> offsets{0};
  std::vector<Interaction> entries;

  std::size_t size() const { return offsets.size() - 1; }
  std::span<const Interaction> row(std::size_t r) const {
    return {entries.data() + offsets[r], offsets[r + 1] - offsets[r]};
  }
};

class ImplicitFeedback {
 public:
  ImplicitFeedback(std::uint32_t shopper_count, std::uint32_t item_count);

  /// Adds `weight` (> 0) to (shopper, item); returns true when the pair is new. Throws
  /// std::out_of_range for a shopper or item outside the population or the catalog.
  bool add(ShopperId shopper, ItemId item, float weight);

  /// The shopper's items, sorted by id. Valid until the next add().
  std::span<const Interaction> row(ShopperId shopper) const { return rows_[shopper]; }
  /// Whether the shopper has interacted with `item`.
  bool contains(ShopperId shopper, ItemId item) const;

  /// Snapshots: one row per shopper (items ascending) and one row per item (shoppers ascending).
  SparseRows by_shopper() const;
  SparseRows by_item() const;

  std::uint32_t shopper_count() const { return static_cast<std::uint32_t>(rows_.size()); }
  std::uint32_t item_count() const { return item_count_; }

 private:
  std::uint32_t item_count_;
  std::vector<std::vector<Interaction>> rows_;
};

}  // namespace promosim::plugins
