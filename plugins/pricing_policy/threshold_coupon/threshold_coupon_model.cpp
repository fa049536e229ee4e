#include "threshold_coupon_model.hpp"

#include <algorithm>
#include <stdexcept>

namespace promosim::plugins {
namespace {

double median_list_price(const CatalogView& catalog) {
  if (catalog.item_count == 0) throw std::invalid_argument("threshold_coupon: catalog tiers need a non-empty catalog");
  std::vector<float> prices(catalog.list_price, catalog.list_price + catalog.item_count);
  std::nth_element(prices.begin(), prices.begin() + static_cast<std::ptrdiff_t>(prices.size() / 2), prices.end());
  return prices[prices.size() / 2];
}

}  // namespace

ThresholdCouponModel::ThresholdCouponModel(const CreateContext& context, const ThresholdCouponConfig& config)
    : min_phase_traffic_(config.min_phase_traffic),
      budget_(context.discount_budget, config.reserve_share) {
  if (!(config.scale > 0.0)) throw std::invalid_argument("threshold_coupon: scale must be > 0");
  const double catalog_factor = config.catalog_tiers ? median_list_price(*context.catalog) / kTierMedianPrice : 1.0;
  const double factor = config.scale * catalog_factor;
  for (std::size_t t = 0; t < kCouponTiers; ++t) {
    coupon_.threshold[t] = static_cast<float>(kTierThresholds[t] * factor);
    coupon_.value[t] = static_cast<float>(kTierValues[t] * factor);
  }
  if (context.phases != nullptr) phases_.assign(context.phases, context.phases + context.phase_count);
}

bool ThresholdCouponModel::offering(TickIndex tick) const {
  // Ticks before the first phase or without phases count as traffic 1.
  double traffic = 1.0;
  for (const PhaseView& phase : phases_) {
    if (phase.first_tick <= tick) traffic = phase.traffic;
  }
  return traffic >= min_phase_traffic_ && budget_.allows(coupon_);
}

void ThresholdCouponModel::price(const SessionBatch& batch, CouponOffer* coupons) const {
  const CouponOffer offer = offering(batch.context->tick) ? coupon_ : CouponOffer{};
  std::fill(coupons, coupons + batch.size, offer);
}

CouponTickStats ThresholdCouponModel::learn_tick(TickIndex tick, const SessionOutcome* sessions,
                                                 std::size_t session_count) {
  CouponTickStats stats;
  if (offering(tick)) stats.offers = session_count;
  const CouponBudget::Redemptions redeemed = budget_.book(sessions, session_count, coupon_);
  stats.redemptions = redeemed.count;
  stats.redeemed_value = redeemed.value;
  return stats;
}

}  // namespace promosim::plugins
