#include "next_item_model.hpp"

#include <algorithm>
#include <stdexcept>

namespace promosim::plugins {

NextItemModel::NextItemModel(std::uint32_t item_count, const NextItemConfig& config, const ItemKnnConfig& knn)
    : knn_blend_(config.knn_blend), transitions_(item_count, config.order, config.max_successors), knn_(item_count, knn) {
  if (!(knn_blend_ >= 0.0 && knn_blend_ <= 1.0)) throw std::invalid_argument("next_item: knn_blend must be in [0, 1]");
}

void NextItemModel::learn(const ShopperVisits& visits, EventSpan events) {
  transitions_.learn(visits);
  knn_.learn(visits);
  knn_.learn_values(events);
}

void NextItemModel::rebuild() { knn_.rebuild(); }

double NextItemModel::transition_probability(const SessionView& session, ItemId item) const {
  const CappedCounts* row = transitions_.context(session);
  if (row == nullptr) return 0.0;
  return static_cast<double>(row->count(item)) / static_cast<double>(row->total());
}

void NextItemModel::score(const SessionView& session, CandidateScores& scores, CandidateScores& affinity) const {
  if (knn_blend_ > 0.0) {
    knn_.score(session, 1.0f, affinity);
    float affinity_max = 0.0f;
    for (const CandidateScores::Entry& e : affinity.entries()) affinity_max = std::max(affinity_max, e.score);
    // All-zero affinities (recency_decay 0 and a newest item without neighbours) add no
    // candidates: dividing by their maximum would make every score NaN.
    if (affinity_max > 0.0f) {
      const auto weight = static_cast<float>(knn_blend_ / affinity_max);
      for (const CandidateScores::Entry& e : affinity.entries()) scores.add(e.item, weight * e.score);
    }
  }
  const CappedCounts* row = knn_blend_ < 1.0 ? transitions_.context(session) : nullptr;
  if (row != nullptr) {
    std::uint32_t count_max = 0;
    for (const CappedCounts::Entry& e : row->entries()) count_max = std::max(count_max, e.count);
    // P / P_max = count / count_max: the row's total cancels.
    const auto weight = static_cast<float>((1.0 - knn_blend_) / count_max);
    for (const CappedCounts::Entry& e : row->entries()) scores.add(e.item, weight * static_cast<float>(e.count));
  }
  knn_.apply_prior(scores);
}

}  // namespace promosim::plugins
