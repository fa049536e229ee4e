#pragma once
// The numbers `promosim compare` shows, computed once and rendered as a table, CSV or JSON.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "metric_counters.hpp"
#include "results_reader.hpp"
#include "statistics.hpp"

namespace promosim {

/// Which way a metric is good: verdicts say "better"/"worse" only for kHigher and kLower
/// (counts of what was shown, such as sessions or offers, are neither).
enum class Better { kNeutral, kHigher, kLower };

/// How a metric is computed from the counters and shown.
struct ComparedMetric {
  const char* name;  ///< column value in CSV/JSON, e.g. "conversion_rate"
  const char* label; ///< table heading, e.g. "conversion rate (converted sessions / sessions)"
  bool money;        ///< shown in currency units
  Better better;
  double (*value)(const MetricCounters&);
  /// Denominator of a ratio metric (shown as a percentage), or nullptr for a total.
  double (*per)(const MetricCounters&);
};

// Captureless lambdas keep the list self-describing: what each metric is, in one place.
inline constexpr std::array<ComparedMetric, 21> kComparedMetrics{{
    {"sessions", "sessions", false, Better::kNeutral, [](const MetricCounters& c) { return double(c.sessions); }, nullptr},
    {"impressions", "impressions", false, Better::kNeutral, [](const MetricCounters& c) { return double(c.impressions); }, nullptr},
    {"clicks", "clicks", false, Better::kHigher, [](const MetricCounters& c) { return double(c.clicks); }, nullptr},
    {"ctr", "CTR (clicks / impressions)", false, Better::kHigher, [](const MetricCounters& c) { return double(c.clicks); },
     [](const MetricCounters& c) { return double(c.impressions); }},
    {"carts", "carts (units)", false, Better::kHigher, [](const MetricCounters& c) { return double(c.carts); }, nullptr},
    {"purchases", "purchases (units)", false, Better::kHigher, [](const MetricCounters& c) { return double(c.purchases); }, nullptr},
    {"conversion_rate", "conversion rate (converted sessions / sessions)", false, Better::kHigher,
     [](const MetricCounters& c) { return double(c.converted_sessions); },
     [](const MetricCounters& c) { return double(c.sessions); }},
    {"revenue", "revenue", true, Better::kHigher, [](const MetricCounters& c) { return c.revenue; }, nullptr},
    {"discount_cost", "discount cost (coupons included)", true, Better::kLower, [](const MetricCounters& c) { return c.discount_cost; },
     nullptr},
    {"margin", "margin", true, Better::kHigher, [](const MetricCounters& c) { return c.margin; }, nullptr},
    {"discounted_impressions", "discounted impressions", false, Better::kNeutral,
     [](const MetricCounters& c) { return double(c.discounted_impressions); }, nullptr},
    {"coupons_offered", "coupons offered (sessions)", false, Better::kNeutral,
     [](const MetricCounters& c) { return double(c.coupons_offered); }, nullptr},
    {"coupon_redemption", "coupon redemption (redeemed / offered)", false, Better::kHigher,
     [](const MetricCounters& c) { return double(c.coupons_redeemed); },
     [](const MetricCounters& c) { return double(c.coupons_offered); }},
    {"new_item_impressions", "new-item impressions (items launched during the timeline)", false, Better::kNeutral,
     [](const MetricCounters& c) { return double(c.new_item_impressions); }, nullptr},
    {"new_item_ctr", "new-item CTR (clicks / impressions of launched items)", false, Better::kHigher,
     [](const MetricCounters& c) { return double(c.new_item_clicks); },
     [](const MetricCounters& c) { return double(c.new_item_impressions); }},
    {"new_item_purchases", "new-item purchases (units)", false, Better::kHigher,
     [](const MetricCounters& c) { return double(c.new_item_purchases); }, nullptr},
    {"own_discount_cost", "the arm's own discount spend (without the platform's flash sales, drops, pre-sales)",
     true, Better::kLower,
     [](const MetricCounters& c) { return c.own_discount_cost; }, nullptr},
    {"true_incremental_purchases", "true incremental purchases (vs the same sessions without promotions)", false, Better::kHigher,
     [](const MetricCounters& c) { return double(c.purchases) - double(c.no_promotion_purchases); }, nullptr},
    {"true_incremental_revenue", "true incremental revenue (vs the same sessions without promotions)", true, Better::kHigher,
     [](const MetricCounters& c) { return c.revenue - c.no_promotion_revenue; }, nullptr},
    {"true_incremental_margin", "true incremental margin (vs the same sessions without promotions)", true, Better::kHigher,
     [](const MetricCounters& c) { return c.margin - c.no_promotion_margin; }, nullptr},
    {"oracle_regret", "pricing regret per scored session (oracle's expected margin - the prices shown)", true, Better::kLower,
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

/// What a lift says at the family-wise (or false-discovery) level after correction: better or
/// worse in the metric's good direction, higher or lower for a neutral metric.
enum class Verdict { kNotAvailable, kBaseline, kBetter, kWorse, kHigher, kLower, kNoDifference };

/// "better", "worse", "higher", "lower", "no difference", "baseline" or "n/a".
const char* to_string(Verdict verdict);

/// One arm's numbers for one metric (same order as kComparedMetrics).
struct MetricComparison {
  Interval value;                   ///< mean per replicate (totals) or pooled ratio, 95% CI across replicates
  /// vs the baseline; nullopt for the baseline itself and for an arm sharing no stored
  /// replicate with it (a partial run)
  std::optional<LiftEstimate> lift;
  std::optional<double> p_adjusted; ///< the lift's p corrected across arms × metrics (× levels)
  Verdict verdict = Verdict::kNotAvailable;
  /// Paired lifts only: Var(lift as if the arms were independent) / Var(paired lift), both
  /// estimated from the same blocks: how much common random numbers narrowed the CI.
  std::optional<double> variance_ratio;
  /// Replicates for 80% power to detect the report's `detect` relative lift at this spread.
  std::optional<std::uint64_t> replicates_needed;
};

struct ArmComparison {
  ArmRecord arm;
  std::string label;                   ///< arm name; name@run (or @file:run) when several runs are compared
  std::size_t source = 0;              ///< index into ComparisonReport::runs
  bool paired = true;                  ///< lifts paired by block with the baseline (common random numbers)
  std::uint32_t replicates = 0;        ///< (arm, replicate) units stored; 0 = no results for this arm
  std::uint32_t paired_replicates = 0; ///< replicates it shares with the baseline (the lift's blocks)
  std::vector<MetricComparison> metrics;
  /// Same order as kOfferEfficiencies; nullopt without offers of that kind or without a lift.
  std::vector<std::optional<Interval>> efficiencies;
  /// The intent model's deciles, pooled over the compared replicates (replicate field 0).
  std::vector<CalibrationRecord> calibration;
};

/// The comparison within each level of one breakdown (phase, day, hour of day or segment):
/// values and paired lifts from the block_breakdown rows, corrected as one family.
struct BreakdownComparison {
  Breakdown dimension = Breakdown::kPhase;
  std::vector<std::string> levels;                          ///< level names, in level order
  std::vector<std::vector<std::vector<MetricComparison>>> cells;  ///< [level][arm][metric], metrics as in kComparedMetrics
};

/// How much common random numbers narrowed a lift's CI, measured between a run with them and a
/// run of the same scenario with `--independent`: Var(lift, independent) / Var(lift, common).
struct MeasuredVarianceRatio {
  std::string arm;              ///< arm name in both runs
  std::size_t metric = 0;       ///< index into kComparedMetrics
  std::size_t common_run = 0, independent_run = 0;  ///< indices into ComparisonReport::runs
  double common_se = 0.0, independent_se = 0.0;   ///< SEs of the absolute lift vs the baseline's namesake
  double ratio() const { return independent_se * independent_se / (common_se * common_se); }
};

struct ComparisonReport {
  std::vector<RunSummary> runs;   ///< the compared runs; runs[0] is the main one
  std::vector<std::string> databases;  ///< runs[i] came from databases[i]
  std::size_t baseline = 0;       ///< index into arms
  std::vector<ArmComparison> arms;
  std::vector<std::size_t> shown; ///< indices into kComparedMetrics of the metrics asked for, in that order
  std::string correction;         ///< "holm", "bh" or "none"
  double alpha = 0.05;            ///< adjusted p below which a lift gets a verdict
  double detect = 0.01;           ///< relative lift the replicates_needed column is for
  std::size_t primary = 0;        ///< index into kComparedMetrics
  std::vector<std::size_t> guardrails;  ///< indices into kComparedMetrics
  std::optional<BreakdownComparison> breakdown;
  std::vector<MeasuredVarianceRatio> measured_variance_ratios;

  const RunSummary& run() const { return runs.front(); }
  bool partial() const {
    return std::any_of(runs.begin(), runs.end(), [](const RunSummary& r) { return r.status != "complete"; });
  }
};

/// The four renderings. Table: for people (readable numbers, "n/a" where there is no
/// interval). Markdown: the same tables for a wiki or pull request. CSV: long format, one row
/// per (arm, metric[, level]), full precision, empty cell = not available. JSON: everything,
/// null = not available.
std::string render_table(const ComparisonReport& report);
std::string render_markdown(const ComparisonReport& report);
std::string render_csv(const ComparisonReport& report);
std::string render_json(const ComparisonReport& report);

}  // namespace promosim
