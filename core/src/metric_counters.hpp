#pragma once
// The additive outcome counters the engine accumulates and the results store keeps. Integer
// counts are exact; money sums are added in a fixed order so they are bit-identical for any
// thread count.
#include <cstdint>

namespace promosim {

struct MetricCounters {
  std::uint64_t sessions = 0;            ///< shopper visits
  std::uint64_t impressions = 0;         ///< slate slots shown (non-empty)
  std::uint64_t clicks = 0;
  std::uint64_t carts = 0;               ///< units added to cart
  std::uint64_t purchases = 0;           ///< units bought
  std::uint64_t converted_sessions = 0;  ///< visits with at least one purchase
  double revenue = 0.0;                  ///< sum of prices paid
  double discount_cost = 0.0;            ///< sum of (list price - price paid) over units bought
  double margin = 0.0;                   ///< revenue - unit cost of units bought

  void add(const MetricCounters& o) {
    sessions += o.sessions;
    impressions += o.impressions;
    clicks += o.clicks;
    carts += o.carts;
    purchases += o.purchases;
    converted_sessions += o.converted_sessions;
    revenue += o.revenue;
    discount_cost += o.discount_cost;
    margin += o.margin;
  }
};

}  // namespace promosim
