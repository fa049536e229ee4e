#pragma once
// Threshold coupons ("spend 300, get 40 off"; 满减): the same tiered coupon for every session
// of the chosen phases, while the budget lasts.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "coupon_budget.hpp"
#include "promosim/sdk.hpp"

namespace promosim::plugins {

struct ThresholdCouponConfig {
  bool catalog_tiers;  ///< tiers in multiples of the catalog's median list price
  double scale;  ///< multiplies every threshold and value
  double min_phase_traffic;  ///< offer only in phases whose traffic multiplier is at least this
  double reserve_share;  ///< share of the budget never offered
};

/// What one tick's coupons did.
struct CouponTickStats {
  std::size_t offers = 0;       ///< sessions the policy offered the coupon to
  std::size_t redemptions = 0;  ///< sessions whose purchases reached a tier
  double redeemed_value = 0.0;  ///< money the coupons took off, currency units
};

class ThresholdCouponModel {
 public:
  /// The default tiers, spend 200 get 20, 300 get 40, 500 get 80, fit a catalog whose median
  /// list price is 120: catalog tiers are the same multiples of the catalog's own median.
  static constexpr float kTierThresholds[kCouponTiers] = {200.0f, 300.0f, 500.0f};
  static constexpr float kTierValues[kCouponTiers] = {20.0f, 40.0f, 80.0f};
  static constexpr double kTierMedianPrice = 120.0;

  ThresholdCouponModel(const CreateContext& context, const ThresholdCouponConfig& config);

  /// The tiered coupon offered to every eligible session.
  const CouponOffer& coupon() const { return coupon_; }
  /// Whether sessions at `tick` get the coupon: the tick's phase is busy enough and the
  /// budget left after the coupon's worst case (its top tier) stays at or above the reserve.
  bool offering(TickIndex tick) const;
  /// Fills `coupons` (batch.size entries) for an offering tick. const and thread-safe.
  void price(const SessionBatch& batch, CouponOffer* coupons) const;
  /// Books the tick's redemptions against the budget and reports what the coupons did.
  CouponTickStats learn_tick(TickIndex tick, const SessionOutcome* sessions, std::size_t session_count);

  double spent() const { return budget_.spent(); }

 private:
  CouponOffer coupon_;
  std::vector<PhaseView> phases_;
  double min_phase_traffic_;
  CouponBudget budget_;
};

}  // namespace promosim::plugins
