#include "intent_targeted_coupon_model.hpp"

#include <stdexcept>
#include <string>

namespace promosim::plugins {

IntentCouponModel::IntentCouponModel(double discount_budget, const IntentCouponConfig& config)
    : min_intent_(static_cast<float>(config.min_intent)),
      max_intent_(static_cast<float>(config.max_intent)),
      budget_(discount_budget, config.reserve_share) {
  if (!(config.value > 0.0 && config.value < config.min_spend)) {
    throw std::invalid_argument("intent_targeted_coupon: value (" + std::to_string(config.value) +
                                ") must be above 0 and below min_spend (" + std::to_string(config.min_spend) + ")");
  }
  if (!(config.min_intent <= config.max_intent)) {
    throw std::invalid_argument("intent_targeted_coupon: min_intent (" + std::to_string(config.min_intent) +
                                ") must not exceed max_intent (" + std::to_string(config.max_intent) + ")");
  }
  coupon_.threshold[0] = static_cast<float>(config.min_spend);
  coupon_.value[0] = static_cast<float>(config.value);
}

bool IntentCouponModel::budget_allows() const {
  return budget_.allows(coupon_);
}

void IntentCouponModel::price(const SessionBatch& batch, const float* intent, CouponOffer* coupons) const {
  const bool allowed = budget_allows();
  for (std::size_t i = 0; i < batch.size; ++i) coupons[i] = allowed && targeted(intent[i]) ? coupon_ : CouponOffer{};
}

IntentCouponTickStats IntentCouponModel::learn_tick(const SessionOutcome* sessions, std::size_t session_count) {
  IntentCouponTickStats stats;
  const bool allowed = budget_allows();
  for (std::size_t s = 0; s < session_count; ++s) {
    const SessionOutcome& o = sessions[s];
    if (allowed && targeted(o.intent)) {
      ++stats.offers;
      if (o.purchases > 0) ++stats.offered_converted;
    }
  }
  const CouponBudget::Redemptions redeemed = budget_.book(sessions, session_count, coupon_);
  stats.redemptions = redeemed.count;
  stats.redeemed_value = redeemed.value;
  return stats;
}

}  // namespace promosim::plugins
