#pragma once
// How the neighbourhood recommenders turn their candidates into a slate: the model's best
// showable candidates first, then the `fallback` (plugins/common ContentScorer) for what the
// model cannot fill, with `cold_slots` kept for items nobody has engaged with yet.
#include <cstddef>

#include "candidate_scores.hpp"
#include "content_scorer.hpp"
#include "promosim/sdk.hpp"

namespace promosim::plugins {

class SlateFiller {
 public:
  /// `catalog` and `scorer` must outlive the filler. `cold_slots` counts only with kContent.
  SlateFiller(const CatalogView& catalog, const ContentScorer& scorer, FallbackMode mode, std::size_t cold_slots);

  /// Slots of a slate of `slate_size` the model may fill: all but the cold slots.
  std::size_t model_slots(std::size_t slate_size) const;

  /// Whether `item` may be shown in `session` at `context`'s tick: launched, not sold out
  /// (when the scenario limits stock) and not one of the session's recent items.
  bool showable(ItemId item, const SessionView& session, const DecisionContext& context) const;

  /// Pushes the showable candidates of `scores` that are not in taken[0, taken_count) (items
  /// already placed) into `best`.
  void select(const CandidateScores& scores, const SessionView& session, const DecisionContext& context,
              const ItemId* taken, std::size_t taken_count, TopK& best) const;

  /// Completes a slate whose first `filled` slots hold the model's items: slots up to
  /// model_slots() from the fallback's ranking, then (kContent only) the cold slots with
  /// cold items, then any slot still empty from the fallback's ranking again (e.g. too few
  /// cold items launched); what is left stays kNoItem. Recent, unlaunched, sold-out and
  /// already placed items are skipped. Returns how many slots the fallback filled.
  std::size_t complete(const SessionView& session, const DecisionContext& context, std::size_t slate_size,
                       std::size_t filled, ItemId* slate) const;

  /// How many slots of a slate each source filled.
  struct Filled {
    std::size_t model = 0;
    std::size_t fallback = 0;
  };
  /// A whole slate from the model's candidate `scores`: the best showable ones (select(), into
  /// `best`, which holds model_slots(slate_size) items), then complete().
  Filled fill(const CandidateScores& scores, const SessionView& session, const DecisionContext& context, TopK& best,
              std::size_t slate_size, ItemId* slate) const;

  FallbackMode mode() const { return mode_; }

 private:
  const CatalogView& catalog_;
  const ContentScorer& scorer_;
  FallbackMode mode_;
  std::size_t cold_slots_;
};

}  // namespace promosim::plugins
