#include "comparison.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "comparison_report.hpp"
#include "did_you_mean.hpp"
#include "user_error.hpp"

namespace promosim {
namespace {

/// Index of purchases in kComparedMetrics: the outcome offers are judged by.
constexpr std::size_t kPurchasesMetric = 5;
static_assert(std::string_view(kComparedMetrics[kPurchasesMetric].name) == "purchases");
/// Index of the arm's own discount spend: offers are the arm's when it is positive.
constexpr std::size_t kOwnSpendMetric = 16;
static_assert(std::string_view(kComparedMetrics[kOwnSpendMetric].name) == "own_discount_cost");
static_assert(std::string_view(kComparedMetrics[kOfferEfficiencies[0].offers].name) == "coupons_offered");
static_assert(std::string_view(kComparedMetrics[kOfferEfficiencies[1].offers].name) == "discounted_impressions");

/// (replicate, shard) → that block's totals for one arm, in block order.
using Blocks = std::map<std::pair<std::uint32_t, std::uint32_t>, MetricCounters>;

const std::vector<std::string> kFormats{"table", "csv", "json"};

void check_format(const std::string& format) {
  for (const std::string& known : kFormats) {
    if (format == known) return;
  }
  throw UserError("unknown format '" + format + "'" + did_you_mean(format, kFormats) + "; use table, csv or json");
}

RunSummary choose_run(const ResultsReader& reader, const std::optional<std::int64_t>& id) {
  if (id) return reader.run(*id);
  std::optional<RunSummary> latest = reader.latest_run();
  if (!latest) throw UserError("'" + reader.path() + "' holds no runs yet; run a scenario with `promosim run` first");
  return *latest;
}

std::size_t choose_baseline(const std::vector<ArmRecord>& arms, const std::string& name, std::int64_t run) {
  if (name.empty()) return 0;
  std::vector<std::string> names;
  for (std::size_t a = 0; a < arms.size(); ++a) {
    if (arms[a].name == name) return a;
    names.push_back(arms[a].name);
  }
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  throw UserError("no arm called '" + name + "' in run " + std::to_string(run) + did_you_mean(name, names) +
                  "; the arms are " + list);
}

[[noreturn]] void throw_no_results(const RunSummary& run) {
  const std::string id = std::to_string(run.id);
  if (run.status == "running") {
    throw UserError("run " + id + " has no stored results yet (status running: still in progress, or its process died "
                    "before any arm finished a replicate); wait for it to finish or run the scenario again");
  }
  throw UserError("run " + id + " has no stored results (status " + run.status +
                  ": it stopped before any arm finished a replicate); run the scenario again");
}

/// Per-replicate values of one metric: numerators (or totals) and denominators (ratios).
struct ReplicateSeries {
  std::vector<double> value, per;
};

ReplicateSeries replicate_series(const Blocks& blocks, const ComparedMetric& metric) {
  std::map<std::uint32_t, MetricCounters> totals;  // replicate → sum over shards, in shard order
  for (const auto& [key, counters] : blocks) totals[key.first].add(counters);
  ReplicateSeries series;
  for (const auto& [replicate, counters] : totals) {
    series.value.push_back(metric.value(counters));
    if (metric.per != nullptr) series.per.push_back(metric.per(counters));
  }
  return series;
}

Interval arm_value(const Blocks& blocks, const ComparedMetric& metric) {
  const ReplicateSeries series = replicate_series(blocks, metric);
  return metric.per != nullptr ? ratio_interval(series.value, series.per) : t_interval(series.value);
}

/// The paired lift over the blocks both arms stored (all of them in a complete run).
LiftEstimate arm_lift(const Blocks& arm, const Blocks& base, const ComparedMetric& metric, std::size_t replicates) {
  std::vector<double> arm_value, arm_per, base_value, base_per;
  for (const auto& [key, counters] : arm) {
    const auto other = base.find(key);
    if (other == base.end()) continue;
    arm_value.push_back(metric.value(counters));
    base_value.push_back(metric.value(other->second));
    if (metric.per != nullptr) {
      arm_per.push_back(metric.per(counters));
      base_per.push_back(metric.per(other->second));
    }
  }
  return metric.per != nullptr ? paired_ratio_lift(arm_value, arm_per, base_value, base_per)
                               : paired_total_lift(arm_value, base_value, replicates);
}

bool by_decile(const CalibrationRecord& a, const CalibrationRecord& b) { return a.decile < b.decile; }

std::optional<Interval> efficiency(const ArmComparison& arm, const OfferEfficiency& e) {
  // Offers the arm made beyond the baseline's (per replicate): the paired lift in offers.
  const std::optional<LiftEstimate>& offer_lift = arm.metrics[e.offers].lift;
  const std::optional<LiftEstimate>& lift = arm.metrics[kPurchasesMetric].lift;
  const bool own_offers = arm.metrics[kOwnSpendMetric].value.estimate > 0.0;
  if (!offer_lift || !lift || !own_offers) return std::nullopt;
  // Extra offers indistinguishable from none (a coupon arm's flash-sale slots) buy nothing.
  if (!offer_lift->absolute.available || !(offer_lift->absolute.low > 0.0)) return std::nullopt;
  const double offers = offer_lift->absolute.estimate / e.per;
  Interval i = lift->absolute;
  i.estimate /= offers;
  i.low /= offers;
  i.high /= offers;
  i.se /= offers;
  return i;
}

std::set<std::uint32_t> replicates_of(const Blocks& blocks) {
  std::set<std::uint32_t> out;
  for (const auto& [key, counters] : blocks) out.insert(key.first);
  return out;
}

ComparisonReport build_report(const ResultsReader& reader, const RunSummary& run, const std::string& baseline) {
  ComparisonReport report;
  report.run = run;
  const std::vector<ArmRecord> arms = reader.arms(run.id);
  report.baseline = choose_baseline(arms, baseline, run.id);
  const std::vector<ShardRecord> shards = reader.shard_totals(run.id);
  if (shards.empty()) throw_no_results(run);

  std::vector<Blocks> blocks(arms.size());
  for (const ShardRecord& s : shards) blocks.at(s.arm)[{s.replicate, s.shard}] = s.counters;
  // A partial run may hold more replicates for some arms than for others; every arm is compared
  // on the replicates all arms with results completed, so values and lifts rest on one set.
  std::optional<std::set<std::uint32_t>> common;
  for (const Blocks& arm_blocks : blocks) {
    if (arm_blocks.empty()) continue;
    const std::set<std::uint32_t> mine = replicates_of(arm_blocks);
    if (!common) {
      common = mine;
    } else {
      std::erase_if(*common, [&](std::uint32_t r) { return mine.count(r) == 0; });
    }
  }
  for (Blocks& arm_blocks : blocks) {
    std::erase_if(arm_blocks, [&](const auto& block) { return common->count(block.first.first) == 0; });
  }
  const std::set<std::uint32_t> base_replicates = replicates_of(blocks[report.baseline]);

  for (std::size_t a = 0; a < arms.size(); ++a) {
    ArmComparison arm;
    arm.arm = arms[a];
    const std::set<std::uint32_t> replicates = replicates_of(blocks[a]);
    arm.replicates = static_cast<std::uint32_t>(replicates.size());
    for (std::uint32_t r : replicates) arm.paired_replicates += base_replicates.count(r) != 0 ? 1 : 0;
    if (arm.replicates != 0) {
      for (const ComparedMetric& metric : kComparedMetrics) {
        MetricComparison m;
        m.value = arm_value(blocks[a], metric);
        if (a != report.baseline && arm.paired_replicates != 0) {
          m.lift = arm_lift(blocks[a], blocks[report.baseline], metric, arm.paired_replicates);
        }
        arm.metrics.push_back(m);
      }
      const bool same_slates = arms[a].recommender == arms[report.baseline].recommender;
      for (const OfferEfficiency& e : kOfferEfficiencies) {
        arm.efficiencies.push_back(same_slates ? efficiency(arm, e) : std::nullopt);
      }
    }
    report.arms.push_back(std::move(arm));
  }
  for (const CalibrationRecord& row : reader.calibration(run.id)) {
    if (common->count(row.replicate) == 0) continue;
    std::vector<CalibrationRecord>& pooled = report.arms.at(row.arm).calibration;
    auto it = std::find_if(pooled.begin(), pooled.end(), [&](const CalibrationRecord& c) { return c.decile == row.decile; });
    if (it == pooled.end()) it = pooled.insert(std::upper_bound(pooled.begin(), pooled.end(), row, by_decile),
                                               {row.arm, 0, row.decile, 0, 0.0, 0});
    it->mean_predicted += row.mean_predicted * static_cast<double>(row.sessions);  // a sum until divided below
    it->sessions += row.sessions;
    it->converted += row.converted;
  }
  for (ArmComparison& arm : report.arms) {
    for (CalibrationRecord& row : arm.calibration) row.mean_predicted /= static_cast<double>(row.sessions);
  }
  return report;
}

}  // namespace

std::string compare_results(const ResultsReader& reader, const CompareOptions& options) {
  check_format(options.format);
  const ComparisonReport report = build_report(reader, choose_run(reader, options.run), options.baseline);
  if (options.format == "csv") return render_csv(report);
  if (options.format == "json") return render_json(report);
  return render_table(report);
}

}  // namespace promosim
