#pragma once
// The `fallback` and `cold_slots` parameters of the collaborative-filtering recommenders
// (item_knn, next_item, user_knn, matrix_factorization), declared once for their ParamSpec
// tables: what ContentScorer fills the slots their model cannot, and how many slots it keeps
// for cold items.
#include "content_scorer.hpp"
#include "promosim/sdk.hpp"

namespace promosim::plugins {

inline constexpr ParamSpec kFallbackParam =
    ParamSpec::choice("fallback", "content", kFallbackChoices,
                      "what fills slots the model cannot: attribute scores (content), the segment's most "
                      "engaged-with items (popularity) or nothing (none)");
inline constexpr ParamSpec kColdSlotsParam =
    ParamSpec::integer("cold_slots", 2, 0, 100, "slots",
                       "with fallback content: slots of every slate kept for items with little engagement yet, so "
                       "new items get shown");

}  // namespace promosim::plugins
