// Intent-targeted coupon: a single "spend at least min_spend, get value off" tier, offered only
// to sessions whose intent-model score lies in [min_intent, max_intent] (incremental-conversion
// targeting), while the budget lasts above a reserve. The band [0, 1] is the untargeted baseline.
#include <limits>

#include "intent_targeted_coupon_model.hpp"
#include "promosim/sdk.hpp"

namespace promosim {
namespace {

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

constexpr ParamSpec kParams[] = {
    ParamSpec::real("min_spend", 150, 1e-3, kUnbounded, "currency units",
                    "the coupon applies once the session's purchases total at least this"),
    ParamSpec::real("value", 20, 1e-3, kUnbounded, "currency units",
                    "money off a basket that reaches min_spend (must be below min_spend)"),
    ParamSpec::real("min_intent", 0, 0, 1, "probability", "lowest predicted intent offered the coupon"),
    ParamSpec::real("max_intent", 1, 0, 1, "probability", "highest predicted intent offered the coupon"),
    ParamSpec::real("reserve_share", 0, 0, 1, "share of the budget",
                    "no offer once the budget left after one more coupon would fall below this share"),
};

constexpr MetricSpec kMetrics[] = {
    {"offers", "sessions", "sessions offered the coupon this tick (the engine may withdraw some for the budget)"},
    {"offered_conversion", "share", "share of this tick's offered sessions that bought (only ticks with offers)"},
    {"redemptions", "sessions", "sessions whose purchases reached min_spend this tick"},
    {"mean_redeemed_value", "currency units", "mean money off per redemption this tick (only ticks with redemptions)"},
    {"spend", "currency units", "money the coupons took off so far"},
};

class IntentTargetedCoupon final : public PricingPolicy {
 public:
  explicit IntentTargetedCoupon(const CreateContext& context)
      : model_(context.discount_budget, config(*context.params)) {}

  void observe(const LearnContext& context, EventSpan /*events*/) override {
    const plugins::IntentCouponTickStats stats = model_.learn_tick(context.sessions, context.session_count);
    context.emit(0, static_cast<double>(stats.offers));
    if (stats.offers > 0) {
      context.emit(1, static_cast<double>(stats.offered_converted) / static_cast<double>(stats.offers));
    }
    context.emit(2, static_cast<double>(stats.redemptions));
    if (stats.redemptions > 0) context.emit(3, stats.redeemed_value / static_cast<double>(stats.redemptions));
    context.emit(4, model_.spent());
  }

  void price(const SessionBatch& batch, const float* intent, std::size_t /*slate_size*/, const ItemId* /*slates*/,
             float* /*discounts*/, CouponOffer* coupons) const override {
    model_.price(batch, intent, coupons);
  }

 private:
  static plugins::IntentCouponConfig config(const ParameterSet& p) {
    plugins::IntentCouponConfig c{};
    c.min_spend = p.real("min_spend");
    c.value = p.real("value");
    c.min_intent = p.real("min_intent");
    c.max_intent = p.real("max_intent");
    c.reserve_share = p.real("reserve_share");
    return c;
  }

  plugins::IntentCouponModel model_;
};

}  // namespace
}  // namespace promosim

PROMOSIM_PLUGIN_LIBRARY(promosim::describe<promosim::IntentTargetedCoupon>(
    {"intent_targeted_coupon", "1.0.0", "a spend-X-get-Y-off coupon only for sessions in a band of predicted intent"},
    promosim::kReadsIntent | promosim::kLearnsOnline, promosim::kParams, promosim::kMetrics))
