#pragma once
#include "promosim/coupon_offer.hpp"
#include "promosim/plugin.hpp"
#include "promosim/plugin_kind.hpp"
#include "promosim/session_batch.hpp"

namespace promosim {

/// Sets the discount shown with each item of each slate and, optionally, a threshold coupon
/// per session. Both draw on the arm's discount budget: before shoppers respond, the engine
/// reserves each offer's worst-case cost (list price x discount per slot, the top tier's value
/// per coupon) in shard and session order and withdraws offers that no longer fit, so spend
/// never exceeds the budget.
class PricingPolicy : public Plugin {
 public:
  static constexpr PluginKind kKind = PluginKind::kPricingPolicy;

  /// For session i and slate slot j, writes the discount fraction of the list price, in
  /// [0, 1), to discounts[i*slate_size + j] (caller-owned, batch.size * slate_size entries,
  /// zero on entry). `slates` is the recommender's output in the same layout (kNoItem slots
  /// must get 0); `intent` has one intent-model probability per session. `coupons` has one
  /// entry per session, "no coupon" on entry; a policy that offers threshold coupons fills
  /// it. const and thread-safe.
  virtual void price(const SessionBatch& batch, const float* intent, std::size_t slate_size,
                     const ItemId* slates, float* discounts, CouponOffer* coupons) const = 0;
};

}  // namespace promosim
