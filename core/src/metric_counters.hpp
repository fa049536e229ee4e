#pragma once
// The additive outcome counters the engine accumulates and the results store keeps. Integer
// counts are exact; money sums are added in a fixed order so they are bit-identical for any
// thread count.
#include <cstdint>

namespace promosim {

struct MetricCounters {
  std::uint64_t sessions = 0;               ///< shopper visits
  std::uint64_t impressions = 0;            ///< slate slots shown (non-empty)
  std::uint64_t clicks = 0;
  std::uint64_t carts = 0;                  ///< units added to cart
  std::uint64_t purchases = 0;              ///< units bought (carted in the visit, in a pre-heat, or a pre-sale balance)
  std::uint64_t converted_sessions = 0;     ///< visits with at least one purchase
  double revenue = 0.0;                     ///< sum of prices paid
  double discount_cost = 0.0;               ///< list price - price paid over units bought (coupons included)
  double own_discount_cost = 0.0;           ///< the part the arm's pricing policy gave (its budget's spend)
  double margin = 0.0;                      ///< revenue - unit cost of units bought
  std::uint64_t discounted_impressions = 0; ///< impressions shown with a discount
  std::uint64_t coupons_offered = 0;        ///< sessions shown a threshold coupon
  std::uint64_t coupons_redeemed = 0;       ///< sessions whose purchases reached a coupon tier
  double coupon_cost = 0.0;                 ///< money taken off by redeemed coupons (part of discount_cost)
  std::uint64_t drop_coupons_redeemed = 0;  ///< platform coupons (coupon drops) used
  double drop_coupon_cost = 0.0;            ///< what they took off (part of discount_cost; platform-funded)
  std::uint64_t new_item_impressions = 0;   ///< impressions of items launched during the timeline
  std::uint64_t new_item_clicks = 0;
  std::uint64_t new_item_purchases = 0;
  std::uint64_t sold_out_impressions = 0;   ///< impressions of items with no unit left to sell
  std::uint64_t sold_out_checkouts = 0;     ///< purchases that found the last unit gone
  std::uint64_t flash_units_sold = 0;       ///< units sold at a flash-sale discount
  double flash_discount_cost = 0.0;         ///< what flash-sale discounts cost (part of discount_cost; platform-funded)
  std::uint64_t earlier_cart_purchases = 0; ///< units carted in a pre-heat and bought at the peak
  std::uint64_t deposits = 0;               ///< pre-sale deposits paid (their money is in revenue and margin)
  std::uint64_t balances_paid = 0;          ///< pre-sale balances paid: units sold (deposits - balances: forfeited or pending)
  double presale_discount_cost = 0.0;       ///< pre-sale price cuts of the units sold (part of discount_cost; platform-funded)
  /// The same sessions replayed without their discounts and coupon (same slates, same random
  /// numbers): what the promotion's buyers would have done anyway. Ground truth only a
  /// simulator has; purchases - no_promotion_purchases is the promotion's true increment.
  std::uint64_t no_promotion_purchases = 0;
  double no_promotion_revenue = 0.0;
  double no_promotion_margin = 0.0;
  /// On a sample of shoppers (output.oracle_sample): the slots' expected margin at the prices
  /// shown, and at the best discount per slot an oracle who knows each shopper's response
  /// would choose. (oracle - expected) / oracle_sessions is the pricing's regret per session.
  std::uint64_t oracle_sessions = 0;
  double expected_margin = 0.0;
  double oracle_margin = 0.0;

  void add(const MetricCounters& other);
};

/// One counter: its column name and member (exactly one of `count` and `amount` is set).
/// The results store's schema, inserts and reads, and add(), all walk kCounterFields, so a
/// counter is declared here and in the struct only.
struct CounterField {
  const char* name;
  std::uint64_t MetricCounters::*count;
  double MetricCounters::*amount;
};

inline constexpr CounterField kCounterFields[] = {
    {"sessions", &MetricCounters::sessions, nullptr},
    {"impressions", &MetricCounters::impressions, nullptr},
    {"clicks", &MetricCounters::clicks, nullptr},
    {"carts", &MetricCounters::carts, nullptr},
    {"purchases", &MetricCounters::purchases, nullptr},
    {"converted_sessions", &MetricCounters::converted_sessions, nullptr},
    {"revenue", nullptr, &MetricCounters::revenue},
    {"discount_cost", nullptr, &MetricCounters::discount_cost},
    {"own_discount_cost", nullptr, &MetricCounters::own_discount_cost},
    {"margin", nullptr, &MetricCounters::margin},
    {"discounted_impressions", &MetricCounters::discounted_impressions, nullptr},
    {"coupons_offered", &MetricCounters::coupons_offered, nullptr},
    {"coupons_redeemed", &MetricCounters::coupons_redeemed, nullptr},
    {"coupon_cost", nullptr, &MetricCounters::coupon_cost},
    {"drop_coupons_redeemed", &MetricCounters::drop_coupons_redeemed, nullptr},
    {"drop_coupon_cost", nullptr, &MetricCounters::drop_coupon_cost},
    {"new_item_impressions", &MetricCounters::new_item_impressions, nullptr},
    {"new_item_clicks", &MetricCounters::new_item_clicks, nullptr},
    {"new_item_purchases", &MetricCounters::new_item_purchases, nullptr},
    {"sold_out_impressions", &MetricCounters::sold_out_impressions, nullptr},
    {"sold_out_checkouts", &MetricCounters::sold_out_checkouts, nullptr},
    {"flash_units_sold", &MetricCounters::flash_units_sold, nullptr},
    {"flash_discount_cost", nullptr, &MetricCounters::flash_discount_cost},
    {"earlier_cart_purchases", &MetricCounters::earlier_cart_purchases, nullptr},
    {"deposits", &MetricCounters::deposits, nullptr},
    {"balances_paid", &MetricCounters::balances_paid, nullptr},
    {"presale_discount_cost", nullptr, &MetricCounters::presale_discount_cost},
    {"no_promotion_purchases", &MetricCounters::no_promotion_purchases, nullptr},
    {"no_promotion_revenue", nullptr, &MetricCounters::no_promotion_revenue},
    {"no_promotion_margin", nullptr, &MetricCounters::no_promotion_margin},
    {"oracle_sessions", &MetricCounters::oracle_sessions, nullptr},
    {"expected_margin", nullptr, &MetricCounters::expected_margin},
    {"oracle_margin", nullptr, &MetricCounters::oracle_margin},
};

inline void MetricCounters::add(const MetricCounters& other) {
  for (const CounterField& f : kCounterFields) {
    if (f.count != nullptr) {
      this->*f.count += other.*f.count;
    } else {
      this->*f.amount += other.*f.amount;
    }
  }
}

}  // namespace promosim
