#pragma once
// User-based collaborative filtering: a shopper is shown what the shoppers most like them
// engaged with. Neighbour lists are precomputed (all shoppers in fit, changed shoppers at
// barriers within a per-tick budget); a decision only reads them and the neighbours' rows.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "changed_shoppers.hpp"
#include "content_scorer.hpp"
#include "event_weights.hpp"
#include "interaction_matrix.hpp"
#include "neighbour_lists.hpp"
#include "promosim/sdk.hpp"
#include "user_similarity.hpp"

namespace promosim::plugins {

struct UserKnnConfig {
  SimilarityKind similarity = SimilarityKind::kCosine;
  std::size_t neighbours = 1;
  double min_score = 0.0;                 ///< items scoring below it are not recommended
  EventWeights event_weights;
  std::size_t refresh_per_tick = 0;       ///< neighbour searches per barrier
  FallbackMode fallback = FallbackMode::kContent;
  std::size_t cold_slots = 0;             ///< slots for cold items, content fallback only
};

class UserKnnModel {
 public:
  UserKnnModel(const CreateContext& context, const UserKnnConfig& config);

  /// Learns the history and searches the neighbours of every shopper who has interactions.
  void fit(EventSpan history);

  struct TickSummary {
    std::size_t refreshed = 0;  ///< shoppers whose neighbours were searched at this barrier
    std::size_t backlog = 0;    ///< shoppers still waiting for a search
    double coverage = 0.0;      ///< share of the tick's sessions that had neighbours (0 if none)
  };
  /// Learns a tick's events, then searches the neighbours of up to refresh_per_tick changed
  /// shoppers, longest-waiting first. `sessions` are the tick's sessions, for the coverage.
  TickSummary observe(const SessionOutcome* sessions, std::size_t session_count, EventSpan events);

  /// One slate per session, assembled by RankedSlateFiller; see recommender.hpp. const and
  /// thread-safe.
  void recommend(const SessionBatch& batch, std::size_t slate_size, ItemId* slates) const;

 private:
  /// Scratch of one recommend() call: the score sums of the items the neighbours engaged
  /// with, the session each item was last blocked for (a seen item), and buffers.
  struct Scratch;
  void learn(EventSpan events);
  /// Ranks the items the session's shopper has not engaged with by
  ///   score(u, i) = Σ_v s(u,v) r(v,i) / Σ_v s(u,v)
  /// over the shopper's neighbours v: the neighbourhood's similarity-weighted mean weight for
  /// the item (event-weight units), into scratch.best; nothing without neighbours.
  void rank_for(const SessionView& session, const DecisionContext& context, std::uint32_t stamp,
                Scratch& scratch) const;

  const CatalogView& catalog_;
  UserKnnConfig config_;
  InteractionMatrix matrix_;
  UserSimilarity similarity_;
  NeighbourLists neighbours_;
  ContentScorer content_;
  ChangedShoppers stale_;  // changed shoppers awaiting a search
};

}  // namespace promosim::plugins
