#pragma once
// The parameters item_knn and next_item share, declared once for both plugins' ParamSpec
// tables, and their reading into the model's configuration. `fallback` and `cold_slots` are
// plugins/common's (fallback_params.hpp), which every CF recommender shares.
#include <cstddef>
#include <limits>

#include "content_scorer.hpp"
#include "fallback_params.hpp"
#include "item_knn_model.hpp"
#include "promosim/sdk.hpp"
#include "slate_filler.hpp"

namespace promosim::plugins {

inline constexpr ParamSpec kNeighboursParam = ParamSpec::integer(
    "neighbours", 50, 1, 1000, "items", "length of each item's precomputed neighbour list (most similar items kept)");
inline constexpr ParamSpec kShrinkageParam =
    ParamSpec::real("shrinkage", 5, 0, std::numeric_limits<double>::infinity(), "co-engagements",
                    "similarity is scaled by c / (c + shrinkage): pairs seen together only a few times count less");
inline constexpr ParamSpec kPopularityExponentParam = ParamSpec::real(
    "popularity_exponent", 2, 0, 4, "exponent",
    "candidates are ranked by affinity * (1 + engagement value)^exponent: 0 is pure cosine, which favours rarely "
    "engaged items; higher favours items that draw clicks and sales");
inline constexpr ParamSpec kRecencyDecayParam =
    ParamSpec::real("recency_decay", 0.7, 0, 1, "weight ratio",
                    "weight of the k-th most recent item is recency_decay^k (1: all recent items alike, 0: newest only)");
inline constexpr ParamSpec kRefreshHoursParam = ParamSpec::integer(
    "refresh_hours", 6, 1, 8760, "hours",
    "neighbour lists and fallback rankings are rebuilt from the counts this often (rounded up to whole ticks)");
inline constexpr ParamSpec kMaxPartnersParam = ParamSpec::integer(
    "max_partners", 500, 1, 100000, "items",
    "co-occurrence counts kept per item; when full, the lower-count half is dropped (bounds memory)");

/// The model's configuration from the parameters above.
ItemKnnConfig item_knn_config(const ParameterSet& params);

/// The slate filler of the `fallback` and `cold_slots` parameters; `catalog` and `scorer` must
/// outlive it.
SlateFiller slate_filler(const CatalogView& catalog, const ContentScorer& scorer, const ParameterSet& params);

/// Ticks between rebuilds: refresh_hours rounded up to whole ticks (at least one).
TickIndex refresh_ticks(const ParameterSet& params, std::uint32_t ticks_per_day);

}  // namespace promosim::plugins
