// Threshold coupon: every session of the chosen phases gets the same "spend X, get Y off"
// tiers (满减), from a fixed ladder or one scaled to the catalog's prices, while the budget
// lasts above a reserve.
#include <limits>

#include "promosim/sdk.hpp"
#include "threshold_coupon_model.hpp"

namespace promosim {
namespace {

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

constexpr ParamSpec kParams[] = {
    ParamSpec::choice("tiers", "fixed", "fixed|catalog",
                      "fixed: spend 200/300/500 get 20/40/80 off; catalog: the same ladder in multiples of the "
                      "catalog's median list price (these tiers are its values at a median of 120)"),
    ParamSpec::real("scale", 1, 1e-3, kUnbounded, "multiplier", "multiplies every tier's threshold and value"),
    ParamSpec::real("min_phase_traffic", 0, 0, kUnbounded, "traffic multiplier",
                    "offer only in phases whose traffic multiplier is at least this (0 = every phase)"),
    ParamSpec::real("reserve_share", 0, 0, 1, "share of the budget",
                    "no offer once the budget left after the coupon's top tier would fall below this share"),
};

constexpr MetricSpec kMetrics[] = {
    {"offers", "sessions", "sessions offered the coupon this tick (the engine may withdraw some for the budget)"},
    {"redemptions", "sessions", "sessions whose purchases reached a tier this tick"},
    {"mean_redeemed_value", "currency units", "mean money off per redemption this tick (only ticks with redemptions)"},
    {"spend", "currency units", "money the coupons took off so far"},
};

class ThresholdCoupon final : public PricingPolicy {
 public:
  explicit ThresholdCoupon(const CreateContext& context) : model_(context, config(*context.params)) {}

  void observe(const LearnContext& context, EventSpan /*events*/) override {
    const plugins::CouponTickStats stats = model_.learn_tick(context.tick, context.sessions, context.session_count);
    context.emit(0, static_cast<double>(stats.offers));
    context.emit(1, static_cast<double>(stats.redemptions));
    if (stats.redemptions > 0) context.emit(2, stats.redeemed_value / static_cast<double>(stats.redemptions));
    context.emit(3, model_.spent());
  }

  void price(const SessionBatch& batch, const float* /*intent*/, std::size_t /*slate_size*/, const ItemId* /*slates*/,
             float* /*discounts*/, CouponOffer* coupons) const override {
    model_.price(batch, coupons);
  }

 private:
  static plugins::ThresholdCouponConfig config(const ParameterSet& p) {
    plugins::ThresholdCouponConfig c{};
    c.catalog_tiers = p.choice("tiers") == "catalog";
    c.scale = p.real("scale");
    c.min_phase_traffic = p.real("min_phase_traffic");
    c.reserve_share = p.real("reserve_share");
    return c;
  }

  plugins::ThresholdCouponModel model_;
};

}  // namespace
}  // namespace promosim

PROMOSIM_PLUGIN_LIBRARY(promosim::describe<promosim::ThresholdCoupon>(
    {"threshold_coupon", "1.0.0", "spend-X-get-Y-off coupon tiers for every session of the chosen phases"},
    promosim::kLearnsOnline, promosim::kParams, promosim::kMetrics))
