#pragma once
// A threshold coupon ("spend 300, get 50 off"; 满减): up to kCouponTiers tiers, the best tier
// the session's purchases reach is taken off the basket.
#include <cstddef>

namespace promosim {

inline constexpr std::size_t kCouponTiers = 3;

/// One session's coupon. Tier t applies when the session's purchases total at least
/// threshold[t] currency units and gives value[t] off the basket. Unused tiers have value 0;
/// a default-constructed offer is "no coupon". Used tiers have 0 < value < threshold.
struct CouponOffer {
  float threshold[kCouponTiers] = {0.0f, 0.0f, 0.0f};
  float value[kCouponTiers] = {0.0f, 0.0f, 0.0f};

  bool offered() const {
    for (std::size_t t = 0; t < kCouponTiers; ++t) {
      if (value[t] > 0.0f) return true;
    }
    return false;
  }
  /// Money off a basket of `spend` currency units: the largest value of a reached tier.
  float reward(double spend) const {
    float best = 0.0f;
    for (std::size_t t = 0; t < kCouponTiers; ++t) {
      if (value[t] > best && spend >= threshold[t]) best = value[t];
    }
    return best;
  }
  /// The most the coupon can cost.
  float max_value() const {
    float best = 0.0f;
    for (std::size_t t = 0; t < kCouponTiers; ++t) best = value[t] > best ? value[t] : best;
    return best;
  }
};

}  // namespace promosim
