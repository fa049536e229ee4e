#pragma once
// The numbers `promosim compare` shows, computed once and rendered as a table, CSV or JSON.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "metric_counters.hpp"
#include "results_reader.hpp"
#include "statistics.hpp"

namespace promosim {

/// How a metric is computed from the counters and shown.
struct ComparedMetric {
  const char* name;  ///< column value in CSV/JSON, e.g. "conversion_rate"
  const char* label; ///< table heading, e.g. "conversion rate (converted sessions / sessions)"
  bool money;        ///< shown in currency units
  double (*value)(const MetricCounters&);
  /// Denominator of a ratio metric (shown as a percentage), or nullptr for a total.
  double (*per)(const MetricCounters&);
};

// Captureless lambdas keep the list self-describing: what each metric is, in one place.
inline constexpr std::array<ComparedMetric, 21> kComparedMetrics{{
    {"sessions", "sessions", false, [](const MetricCounters& c) { return double(c.sessions); }, nullptr},
    {"impressions", "impressions", false, [](const MetricCounters& c) { return double(c.impressions); }, nullptr},
    {"clicks", "clicks", false, [](const MetricCounters& c) { return double(c.clicks); }, nullptr},
    {"ctr", "CTR (clicks / impressions)", false, [](const MetricCounters& c) { return double(c.clicks); },
     [](const MetricCounters& c) { return double(c.impressions); }},
    {"carts", "carts (units)", false, [](const MetricCounters& c) { return double(c.carts); }, nullptr},
    {"purchases", "purchases (units)", false, [](const MetricCounters& c) { return double(c.purchases); }, nullptr},
    {"conversion_rate", "conversion rate (converted sessions / sessions)", false,
     [](const MetricCounters& c) { return double(c.converted_sessions); },
     [](const MetricCounters& c) { return double(c.sessions); }},
    {"revenue", "revenue", true, [](const MetricCounters& c) { return c.revenue; }, nullptr},
    {"discount_cost", "discount cost (coupons included)", true, [](const MetricCounters& c) { return c.discount_cost; },
     nullptr},
    {"margin", "margin", true, [](const MetricCounters& c) { return c.margin; }, nullptr},
    {"discounted_impressions", "discounted impressions", false,
     [](const MetricCounters& c) { return double(c.discounted_impressions); }, nullptr},
    {"coupons_offered", "coupons offered (sessions)", false,
     [](const MetricCounters& c) { return double(c.coupons_offered); }, nullptr},
    {"coupon_redemption", "coupon redemption (redeemed / offered)", false,
     [](const MetricCounters& c) { return double(c.coupons_redeemed); },
     [](const MetricCounters& c) { return double(c.coupons_offered); }},
    {"new_item_impressions", "new-item impressions (items launched during the timeline)", false,
     [](const MetricCounters& c) { return double(c.new_item_impressions); }, nullptr},
    {"new_item_ctr", "new-item CTR (clicks / impressions of launched items)", false,
     [](const MetricCounters& c) { return double(c.new_item_clicks); },
     [](const MetricCounters& c) { return double(c.new_item_impressions); }},
    {"new_item_purchases", "new-item purchases (units)", false,
     [](const MetricCounters& c) { return double(c.new_item_purchases); }, nullptr},
    {"own_discount_cost", "the arm's own discount spend (without the platform's flash sales, drops, pre-sales)",
     true,
     [](const MetricCounters& c) { return c.own_discount_cost; }, nullptr},
    {"true_incremental_purchases", "true incremental purchases (vs the same sessions without promotions)", false,
     [](const MetricCounters& c) { return double(c.purchases) - double(c.no_promotion_purchases); }, nullptr},
    {"true_incremental_revenue", "true incremental revenue (vs the same sessions without promotions)", true,
     [](const MetricCounters& c) { return c.revenue - c.no_promotion_revenue; }, nullptr},
    {"true_incremental_margin", "true incremental margin (vs the same sessions without promotions)", true,
     [](const MetricCounters& c) { return c.margin - c.no_promotion_margin; }, nullptr},
    {"oracle_regret", "pricing regret per scored session (oracle's expected margin - the prices shown)", true,
     [](const MetricCounters& c) { return c.oracle_margin - c.expected_margin; },
     [](const MetricCounters& c) { return double(c.oracle_sessions); }},
}};

/// Extra purchases an arm's offers bought, against the baseline: its paired lift in purchases
/// divided by its paired lift in offers, for arms that spend on discounts of their own and
/// share the baseline's recommender, so that offers are what differs (offers
/// taken as fixed, so the interval is the purchase lift's interval scaled).
struct OfferEfficiency {
  const char* name;   ///< e.g. "incremental_purchases_per_coupon"
  const char* label;  ///< table heading
  double per;         ///< offers are counted per `per` (1 for coupons, 1000 for impressions)
  std::size_t offers; ///< index into kComparedMetrics of the offer count
};
inline constexpr std::array<OfferEfficiency, 2> kOfferEfficiencies{{
    {"incremental_purchases_per_coupon", "incremental purchases per extra coupon offered (vs the baseline)", 1.0, 11},
    {"incremental_purchases_per_1k_discounted_impressions",
     "incremental purchases per 1,000 extra discounted impressions (vs the baseline)", 1000.0, 10},
}};

/// One arm's numbers for one metric (same order as kComparedMetrics).
struct MetricComparison {
  Interval value;                   ///< mean per replicate (totals) or pooled ratio, 95% CI across replicates
  /// vs the baseline; nullopt for the baseline itself and for an arm sharing no stored
  /// replicate with it (a partial run)
  std::optional<LiftEstimate> lift;
};

struct ArmComparison {
  ArmRecord arm;
  std::uint32_t replicates = 0;        ///< (arm, replicate) units stored; 0 = no results for this arm
  std::uint32_t paired_replicates = 0; ///< replicates it shares with the baseline (the lift's blocks)
  std::vector<MetricComparison> metrics;
  /// Same order as kOfferEfficiencies; nullopt without offers of that kind or without a lift.
  std::vector<std::optional<Interval>> efficiencies;
  /// The intent model's deciles, pooled over the compared replicates (replicate field 0).
  std::vector<CalibrationRecord> calibration;
};

struct ComparisonReport {
  RunSummary run;
  std::size_t baseline = 0;  ///< index into arms
  std::vector<ArmComparison> arms;

  bool partial() const { return run.status != "complete"; }
};

/// The three renderings. Table: for people (readable numbers, "n/a" where there is no
/// interval). CSV: long format, one row per (arm, metric), full precision, empty cell = not
/// available. JSON: {run, baseline, arms, metrics}, null = not available.
std::string render_table(const ComparisonReport& report);
std::string render_csv(const ComparisonReport& report);
std::string render_json(const ComparisonReport& report);

}  // namespace promosim
