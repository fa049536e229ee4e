#pragma once
// The engine's per-shopper memory during one arm's run: the observable record plugins see
// (a SessionView), when the shopper comes next, the pre-heat items left in their cart and how
// many coupons they were offered lately. 64 bytes per shopper.
#include <algorithm>
#include <cmath>

#include "promosim/session_batch.hpp"

namespace promosim {

/// Items a shopper carted and did not buy in a pre-heat phase, kept for the next peak.
inline constexpr std::size_t kHeldItems = 2;

struct ShopperState {
  SessionView view;
  TickIndex next_arrival = kNever;
  ItemId held[kHeldItems] = {kNoItem, kNoItem};  ///< carted in a pre-heat phase, not bought (newest first)
  float recent_coupons = 0.0f;              ///< coupons offered, decayed to coupons_tick
  TickIndex coupons_tick = 0;

  std::size_t held_count() const { return held[0] == kNoItem ? 0 : held[1] == kNoItem ? 1 : 2; }
  /// Keeps `items` (newest first) in front of the held ones, without repeats; the oldest fall out.
  void hold(const ItemId* items, std::size_t count) {
    ItemId merged[kHeldItems] = {kNoItem, kNoItem};
    std::size_t n = 0;
    const auto add = [&](ItemId item) {
      if (item == kNoItem || n == kHeldItems) return;
      for (std::size_t k = 0; k < n; ++k) {
        if (merged[k] == item) return;
      }
      merged[n++] = item;
    };
    for (std::size_t i = 0; i < count; ++i) add(items[i]);
    for (const ItemId item : held) add(item);
    std::copy(merged, merged + kHeldItems, held);
  }
  void clear_held() { held[0] = held[1] = kNoItem; }
  /// Recent coupons as of tick t, each counting `decay_per_tick` less per tick of age.
  float coupons_at(TickIndex t, double decay_per_tick) const {
    return recent_coupons == 0.0f ? 0.0f
                                  : static_cast<float>(recent_coupons * std::pow(decay_per_tick, t - coupons_tick));
  }
  void add_coupon(TickIndex t, double decay_per_tick) {
    recent_coupons = coupons_at(t, decay_per_tick) + 1.0f;
    coupons_tick = t;
  }


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
static_assert(sizeof(ShopperState) == 64);

}  // namespace promosim
