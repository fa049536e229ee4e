#pragma once
// Intent-targeted coupon: one "spend at least X, get Y off" tier, offered only to sessions
// whose predicted purchase probability lies in a band, while the budget lasts.
#include <cstddef>
#include <cstdint>

#include "coupon_budget.hpp"
#include "promosim/sdk.hpp"

namespace promosim::plugins {

struct IntentCouponConfig {
  double min_spend;  ///< the tier's threshold, currency units
  double value;  ///< money off once reached, currency units (< min_spend)
  double min_intent;  ///< band of predicted intent that gets the coupon, inclusive
  double max_intent;
  double reserve_share;  ///< share of the budget never offered
};

/// What one tick's coupons did.
struct IntentCouponTickStats {
  std::size_t offers = 0;            ///< sessions offered the coupon
  std::size_t offered_converted = 0; ///< of those, sessions that bought something
  std::size_t redemptions = 0;       ///< sessions whose purchases reached min_spend
  double redeemed_value = 0.0;       ///< money the coupons took off, currency units
};

class IntentCouponModel {
 public:
  IntentCouponModel(double discount_budget, const IntentCouponConfig& config);

  /// Whether a session scored `intent` is in the band. The bounds are compared in single
  /// precision, the scores' own, so a band edge of 0.3 includes a session scored 0.3f.
  bool targeted(float intent) const { return intent >= min_intent_ && intent <= max_intent_; }
  /// Whether the budget left after one more coupon's value stays at or above the reserve.
  bool budget_allows() const;
  /// Fills `coupons` for the targeted sessions of a batch. const and thread-safe.
  void price(const SessionBatch& batch, const float* intent, CouponOffer* coupons) const;
  /// Books the tick's redemptions against the budget and reports what the coupons did; which
  /// sessions were offered is recomputed from their recorded intent scores.
  IntentCouponTickStats learn_tick(const SessionOutcome* sessions, std::size_t session_count);

  double spent() const { return budget_.spent(); }

 private:
  CouponOffer coupon_;
  float min_intent_;
  float max_intent_;
  CouponBudget budget_;
};

}  // namespace promosim::plugins
