#pragma once
// content_cold_start: slates ranked by ContentScorer (attribute scores or segment popularity),
// with the last slots reserved for cold items so that new items get the exposure that lets
// them warm up.
#include <cstddef>
#include <cstdint>

#include "content_scorer.hpp"
#include "promosim/sdk.hpp"

namespace promosim::plugins {

struct ContentColdStartConfig {
  ContentWeights weights;
  std::size_t cold_slots = 0;                           ///< slate slots reserved for cold items
  float cold_min_score = 0.0f;                          ///< cold items scoring below it get no reserved slot
  FallbackMode warm_ranking = FallbackMode::kContent;   ///< ranking of the other slots (not kNone)
  bool exclude_recent = false;                          ///< skip the session's recent items
};

/// What one learning step did, for the plugin's metrics.
struct ColdStartReport {
  std::uint32_t cold_items_on_sale = 0;  ///< items launched by the report's tick that are still cold
  std::uint32_t items_warmed = 0;        ///< items the step's events turned warm
  double cold_click_share = 0.0;         ///< share of the step's clicks on items cold before it (0 without clicks)
};

class ContentColdStartModel {
 public:
  /// Throws std::invalid_argument for a warm_ranking of kNone (see ContentScorer for the rest).
  ContentColdStartModel(const CatalogView& catalog, std::uint32_t segment_count, const ContentColdStartConfig& config);

  /// Learns one step's events (the history, or a tick's) and re-ranks. `on_sale_tick`: the
  /// tick whose launched items cold_items_on_sale counts (the next tick to be served).
  ColdStartReport learn(EventSpan events, TickIndex on_sale_tick);

  /// Writes `session`'s slate (slate_size entries): the warm ranking's best items first, the
  /// last cold_slots slots to the best cold items by content score (with the session's boosts,
  /// at least cold_min_score), slots the cold items cannot fill to the warm ranking again; recent items only if nothing else is left, then
  /// kNoItem. Skips unlaunched and sold-out items (context.stock). const and thread-safe.
  void recommend(const SessionView& session, const DecisionContext& context, std::size_t slate_size,
                 ItemId* slate) const;

  const ContentScorer& scorer() const { return scorer_; }

 private:
  const CatalogView& catalog_;
  ContentColdStartConfig config_;
  ContentScorer scorer_;
};

}  // namespace promosim::plugins
