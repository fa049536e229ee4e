#pragma once
// Ranks items from what the catalog says about them (category, brand, price band) and what
// each segment engaged with, so it can serve items nobody has interacted with yet and
// shoppers with no history. The content_cold_start recommender is built on it, and every
// collaborative-filtering recommender uses it for its `fallback` parameter.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "promosim/catalog_view.hpp"
#include "promosim/session_batch.hpp"
#include "promosim/types.hpp"

namespace promosim::plugins {

/// What a recommender does where its own model has nothing to say (cold shoppers, slots it
/// cannot fill, items without interactions).
enum class FallbackMode {
  kNone,        ///< nothing: unfilled slots stay empty, cold items are never shown
  kPopularity,  ///< the shopper's segment's most engaged-with items
  kContent,     ///< attribute scores (category, brand, price band); cold items get slots
};

/// The `fallback` parameter's choices and their parsing.
inline constexpr const char* kFallbackChoices = "content|popularity|none";
FallbackMode parse_fallback(std::string_view name);

class ContentScorer {
 public:
  ContentScorer(const CatalogView& catalog, std::uint32_t segment_count);

  /// Accumulates engagement from events (fit's history or a tick's events). Call refresh()
  /// after the last learn() of a barrier.
  void learn(EventSpan events);
  /// Rebuilds the rankings from the accumulated engagement.
  void refresh();

  /// Writes up to `count` items for `session` into out, best first: launched by `tick`, not
  /// among exclude[0, exclude_count), and, when `cold_only`, only items that are still cold.
  /// Returns how many were written. kNone writes nothing. const and thread-safe.
  std::size_t fill(FallbackMode mode, const SessionView& session, TickIndex tick, std::size_t count,
                   const ItemId* exclude, std::size_t exclude_count, bool cold_only, ItemId* out) const;

  /// An item is cold while it has had fewer engagement events than kWarmEvents.
  bool is_cold(ItemId item) const;
  static constexpr std::uint32_t kWarmEvents = 5;
};

}  // namespace promosim::plugins
