#pragma once
// The learning input of the neighbourhood recommenders (item_knn, next_item): each shopper
// visit as the items the shopper engaged with before it and the items engaged with in it.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "promosim/sdk.hpp"

namespace promosim::plugins {

/// One visit. Pointers into the owning ShopperVisits.
struct ShopperVisit {
  const ItemId* earlier = nullptr;  ///< items engaged with before the visit, newest first (at most kRecentItems)
  std::size_t earlier_count = 0;
  const ItemId* items = nullptr;    ///< distinct items clicked, carted or bought in the visit, in event order
  std::size_t item_count = 0;
};

class ShopperVisits {
 public:
  /// The organic history handed to fit(): events ordered shopper by shopper, visit by visit,
  /// one clicked item per visit (then perhaps carted and bought). A run of events of one
  /// shopper on one item is a visit; the earlier items are the shopper's previous visits'
  /// items kept the engine's way (distinct, newest first, the last kRecentItems), starting
  /// empty at each shopper's first event. Throws std::out_of_range for an item outside
  /// [0, item_count).
  static ShopperVisits from_history(EventSpan events, std::uint32_t item_count);

  /// One tick's events with its sessions (at most one per shopper): a shopper's events form
  /// one visit whose earlier items are the recent items of the shopper's session
  /// (SessionOutcome::view, as of the session's start); a shopper with events but no session
  /// has no earlier items. Visits are ordered by shopper id. Throws std::out_of_range for an
  /// event or recent item outside [0, item_count).
  static ShopperVisits from_tick(const SessionOutcome* sessions, std::size_t session_count, EventSpan events,
                                 std::uint32_t item_count);

  std::size_t size() const { return visits_.size(); }
  ShopperVisit operator[](std::size_t index) const;

 private:
  struct Span {
    std::uint32_t earlier_begin, earlier_count, items_begin, item_count;
  };
  void add_visit(const ItemId* earlier, std::size_t earlier_count, const ItemId* items, std::size_t item_count);

  std::vector<ItemId> items_;  // every visit's earlier items, then its items
  std::vector<Span> visits_;
};

}  // namespace promosim::plugins
