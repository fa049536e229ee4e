#pragma once
// How the recommenders that rank items per shopper (user_knn, matrix_factorization) turn their
// ranking into a slate: the model's best items first; with the content fallback, `cold_slots`
// slots after the model's first slate_size − cold_slots items go to cold items; slots still
// open go to the model's remaining items, then to the fallback. (item_knn and next_item order
// theirs differently, cold slots last: their SlateFiller.)
#include <cstddef>
#include <span>
#include <vector>

#include "content_scorer.hpp"
#include "promosim/sdk.hpp"

namespace promosim::plugins {

class RankedSlateFiller {
 public:
  /// `content` must outlive the filler. `cold_slots` counts only with FallbackMode::kContent.
  RankedSlateFiller(const ContentScorer& content, FallbackMode fallback, std::size_t cold_slots);

  /// Writes `slate` (slate_size entries, kNoItem where nothing is left) from `ranking`, the
  /// model's showable items best first. The fallback skips the items already placed, `seen`
  /// (the shopper's own items), and unlaunched, sold-out and the session's recent items.
  /// `exclude` is scratch. const: thread-safe with one scratch per thread.
  void fill(const TopK& ranking, std::span<const ItemId> seen, const SessionView& session,
            const DecisionContext& context, std::size_t slate_size, std::vector<ItemId>& exclude,
            ItemId* slate) const;

 private:
  const ContentScorer& content_;
  FallbackMode fallback_;
  std::size_t cold_slots_;
};

}  // namespace promosim::plugins
