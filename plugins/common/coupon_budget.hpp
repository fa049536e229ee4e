#pragma once
// The budget side of the coupon policies (threshold_coupon, intent_targeted_coupon): the money
// their coupons took off so far, booked from each tick's redemptions, and whether offering one
// more coupon still leaves the reserve.
#include <cstddef>

#include "promosim/sdk.hpp"

namespace promosim::plugins {

class CouponBudget {
 public:
  /// `budget` is the scenario's discount budget (infinite: no limit); `reserve_share` of it is
  /// never offered.
  CouponBudget(double budget, double reserve_share);

  /// Whether the budget left after `coupon`'s worst case (its top value) stays at or above the
  /// reserve; always without a budget.
  bool allows(const CouponOffer& coupon) const;

  /// What a tick's sessions redeemed.
  struct Redemptions {
    std::size_t count = 0;  ///< sessions that redeemed a coupon
    double value = 0.0;     ///< money the coupons took off, currency units
  };
  /// Books the coupon values a tick's sessions redeemed, each within [0, `coupon`'s top value]
  /// (std::invalid_argument otherwise, and nothing is booked).
  Redemptions book(const SessionOutcome* sessions, std::size_t session_count, const CouponOffer& coupon);

  double spent() const { return spent_; }

 private:
  double budget_;
  double reserve_;
  double spent_ = 0.0;
};

}  // namespace promosim::plugins
