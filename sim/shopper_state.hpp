#pragma once
// The engine's per-shopper memory during one arm's run: the observable record plugins see
// (a SessionView) and when the shopper comes next. 48 bytes per shopper.
#include "promosim/session_batch.hpp"

namespace promosim {

struct ShopperState {
  SessionView view;
  TickIndex next_arrival = kNever;

  /// Records a visit at `tick` in which the shopper clicked `engaged` (newest last) and bought
  /// `purchases` units. Organic history visits pass kNever: they happened before tick 0 and
  /// count towards visits, purchases and recent items but leave the visit times unknown.
  void record_visit(TickIndex tick, const ItemId* engaged, std::size_t engaged_count, std::uint32_t purchases) {
    ++view.visits;
    view.purchases += purchases;
    if (tick != kNever) {
      view.last_visit_tick = tick;
      if (purchases > 0) view.last_purchase_tick = tick;
    }
    for (std::size_t e = 0; e < engaged_count; ++e) remember(engaged[e]);
  }

 private:
  /// Moves `item` to the front of the recent list (no duplicates, newest first).
  void remember(ItemId item) {
    std::size_t pos = 0;
    while (pos < view.recent_count && view.recent_items[pos] != item) ++pos;
    if (pos == view.recent_count && view.recent_count < kRecentItems) ++view.recent_count;
    if (pos == kRecentItems) pos = kRecentItems - 1;
    for (; pos > 0; --pos) view.recent_items[pos] = view.recent_items[pos - 1];
    view.recent_items[0] = item;
  }
};
static_assert(sizeof(ShopperState) == 48);

}  // namespace promosim
