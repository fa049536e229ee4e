#pragma once
// Candidate generation for factor-model recommendations: scoring the whole catalog for every
// session is too slow (20k items × k multiply-adds per session), so a session scores only
//   - the items nearest (cosine of their factors) to each of its recent items, precomputed
//     per item, which follow the shopper's current interests, and
//   - a pool of globally strong items: the best for the average shopper vector,
// and ranks that union by its own factors.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "factor_matrix.hpp"
#include "promosim/types.hpp"

namespace promosim::plugins {

class CandidateIndex {
 public:
  CandidateIndex() = default;

  /// Builds the lists from item factors (items × k) and biases (one per item): for every
  /// item with non-zero factors, the `per_item` other such items of highest cosine similarity
  /// of their factors (ties to the lower id); and the `pool_size` items with factors of
  /// highest score mean_shopper·y + b (mean_shopper: k entries), ties to the lower id. Items
  /// are processed in parallel blocks; each list depends only on the factors.
  CandidateIndex(const FactorMatrix& item_factors, std::span<const float> item_bias,
                 const Eigen::VectorXf& mean_shopper, std::size_t per_item, std::size_t pool_size);

  /// The nearest items of `item`, most similar first (empty for an item without factors or
  /// outside the catalog).
  std::span<const ItemId> near(ItemId item) const {
    if (item >= counts_.size()) return {};
    return {near_.data() + static_cast<std::size_t>(item) * per_item_, counts_[item]};
  }
  /// The global pool, best first.
  std::span<const ItemId> pool() const { return pool_; }

 private:
  std::size_t per_item_ = 0;
  std::vector<ItemId> near_;           // item * per_item_ + rank
  std::vector<std::uint32_t> counts_;  // valid entries per item
  std::vector<ItemId> pool_;
};

}  // namespace promosim::plugins
