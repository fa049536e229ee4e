#include "coupon_budget.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace promosim::plugins {

CouponBudget::CouponBudget(double budget, double reserve_share) : budget_(budget), reserve_(reserve_share * budget) {}

bool CouponBudget::allows(const CouponOffer& coupon) const {
  return std::isinf(budget_) || budget_ - spent_ - coupon.max_value() >= reserve_;
}

CouponBudget::Redemptions CouponBudget::book(const SessionOutcome* sessions, std::size_t session_count,
                                             const CouponOffer& coupon) {
  Redemptions redeemed;
  for (std::size_t s = 0; s < session_count; ++s) {
    const float value = sessions[s].coupon_value;
    if (!(value >= 0.0f && value <= coupon.max_value())) {
      throw std::invalid_argument("session outcome of shopper " + std::to_string(sessions[s].view.shopper) +
                                  " redeemed " + std::to_string(value) + ", outside [0, the coupon's top value]");
    }
    if (value > 0.0f) {
      ++redeemed.count;
      redeemed.value += value;
    }
  }
  spent_ += redeemed.value;
  return redeemed;
}

}  // namespace promosim::plugins
