#pragma once
// Session-aware next-item recommendation: "you just looked at X, shoppers who looked at X
// went on to Y". Transition probabilities from the newest recent item (and the one before it
// with order 2), blended with item_knn similarity, which also backs off unseen transitions.
#include <cstddef>
#include <cstdint>

#include "candidate_scores.hpp"
#include "item_knn_model.hpp"
#include "promosim/sdk.hpp"
#include "shopper_visits.hpp"
#include "transition_table.hpp"

namespace promosim::plugins {

struct NextItemConfig {
  std::uint32_t order = 0;           ///< 1 or 2
  std::uint32_t max_successors = 0;  ///< successors kept per item, >= 1
  double knn_blend = 0.0;            ///< weight of item_knn similarity in a transition's score, in [0, 1]
};

class NextItemModel {
 public:
  /// Throws std::invalid_argument for a config outside the documented ranges.
  NextItemModel(std::uint32_t item_count, const NextItemConfig& config, const ItemKnnConfig& knn);

  /// Counts the visits' transitions and co-occurrences, and the events' engagement values
  /// (`events` are those the visits were made from).
  void learn(const ShopperVisits& visits, EventSpan events);
  /// Rebuilds the item_knn priors and neighbour lists (transition rows are always current).
  void rebuild();

  /// P(item | session) = count / total of the row TransitionTable::context() selects for the
  /// session; 0 when it selects none or `item` is not in it.
  double transition_probability(const SessionView& session, ItemId item) const;

  /// Scores the session's candidates into `scores`: every successor y of the session's
  /// context and every item_knn candidate, with
  ///   prior(y) * ((1 - knn_blend) * P(y | session) / P_max + knn_blend * A(y) / A_max),
  /// where A(y) = sum_k recency_decay^k sim(r_k, y) is item_knn's affinity and P_max, A_max
  /// are the session's largest (each source's best candidate scores 1, so the blend does not
  /// depend on their scales). An unseen transition has P = 0: the candidate backs off to its
  /// item_knn affinity. A source whose weight is 0 adds no candidates: knn_blend 0 shows
  /// transitions only, 1 item_knn only. `affinity` is scratch. Both must be empty on entry and sized by
  /// max_candidates(). const, thread-safe and allocation-free.
  void score(const SessionView& session, CandidateScores& scores, CandidateScores& affinity) const;
  std::size_t max_candidates() const { return transitions_.max_successors() + knn_.max_candidates(); }

  const TransitionTable& transitions() const { return transitions_; }
  const ItemKnnModel& knn() const { return knn_; }

 private:
  double knn_blend_;
  TransitionTable transitions_;
  ItemKnnModel knn_;
};

}  // namespace promosim::plugins
