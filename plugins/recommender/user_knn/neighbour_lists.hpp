#pragma once
// Each shopper's most similar shoppers, found through the inverted index: only shoppers who
// share at least one item with u can have a positive similarity, so a search touches the
// posting lists of u's items and never the whole population.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "interaction_matrix.hpp"
#include "user_similarity.hpp"

namespace promosim::plugins {

struct SimilarShopper {
  ShopperId shopper;
  float similarity;  ///< > 0
};

class NeighbourLists {
 public:
  /// Room for `per_shopper` neighbours of each of `shopper_count` shoppers, all lists empty.
  NeighbourLists(std::uint32_t shopper_count, std::size_t per_shopper);

  /// Recomputes the lists of `shoppers` (distinct ids) from the current matrix: the
  /// `per_shopper` shoppers of highest positive similarity, best first, equal similarities
  /// to the lower id first. Shoppers are searched in parallel; each list depends only on the
  /// matrix, so the result does not depend on the thread count.
  void recompute(std::span<const ShopperId> shoppers, const InteractionMatrix& matrix,
                 const UserSimilarity& similarity);

  std::span<const SimilarShopper> of(ShopperId shopper) const {
    return {lists_.data() + static_cast<std::size_t>(shopper) * per_shopper_, counts_[shopper]};
  }
  bool empty(ShopperId shopper) const { return counts_[shopper] == 0; }

 private:
  std::size_t per_shopper_;
  std::vector<SimilarShopper> lists_;  // shopper * per_shopper_ + rank
  std::vector<std::uint16_t> counts_;  // valid entries per shopper
};

}  // namespace promosim::plugins
