#include "report_data.hpp"

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <map>

#include "promosim/version.hpp"
#include "statistics.hpp"

namespace promosim {
namespace {

using Json = nlohmann::ordered_json;

/// The metrics the report summarises and draws over the timeline, by name.
const std::vector<std::string> kSummaryMetrics{"revenue",   "margin",        "conversion_rate",  "ctr",
                                               "purchases", "discount_cost", "own_discount_cost"};
const std::vector<std::string> kTimelineMetrics{"revenue", "ctr", "conversion_rate", "margin", "own_discount_cost"};
const std::vector<std::string> kFunnel{"impressions", "clicks", "carts", "purchases"};

std::size_t metric_at(const std::string& name) {
  for (std::size_t m = 0; m < kComparedMetrics.size(); ++m) {
    if (name == kComparedMetrics[m].name) return m;
  }
  throw std::logic_error("no compared metric " + name);
}

Json number(double value) { return std::isfinite(value) ? Json(value) : Json(nullptr); }

/// Minutes from the timeline's start → ISO-8601 UTC. Without a start_date the calendar is
/// nominal (2000-01-01), which the report says.
class Clock {
 public:
  explicit Clock(const YAML::Node& timeline) {
    int y = 2000;
    unsigned m = 1, d = 1;
    const std::string date = timeline["start_date"].as<std::string>("");
    dated_ = std::sscanf(date.c_str(), "%d-%u-%u", &y, &m, &d) == 3;
    if (!dated_) y = 2000, m = 1, d = 1;
    start_ = std::chrono::sys_days{std::chrono::year{y} / m / d} + std::chrono::hours{timeline["start_hour"].as<int>(0)};
  }
  std::string at(double minutes) const {
    const auto t = start_ + std::chrono::minutes{static_cast<long long>(minutes)};
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss<std::chrono::minutes> hm{std::chrono::floor<std::chrono::minutes>(t - day)};
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:00Z", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()), int(hm.hours().count()), int(hm.minutes().count()));
    return text;
  }
  bool dated() const { return dated_; }

 private:
  std::chrono::sys_time<std::chrono::minutes> start_;
  bool dated_ = false;
};

Json run_json(const RunSummary& run, bool partial) {
  return Json{{"id", run.id},
              {"scenario_name", run.scenario_name},
              {"status", run.status},
              {"partial", partial},
              {"message", run.message},
              {"started_at", run.started_at},
              {"ended_at", run.ended_at},
              {"seed", std::to_string(run.seed)},
              {"replicates", run.replicates},
              {"shards", run.shards},
              {"threads", run.threads},
              {"promosim_version", run.promosim_version},
              {"abi_version", run.abi_version},
              {"random_streams", run.random_streams},
              {"metrics_by", run.metrics_by}};
}

Json summary_json(const ComparisonReport& report, const std::vector<std::size_t>& metrics) {
  Json rows = Json::array();
  for (const ArmComparison& arm : report.arms) {
    if (arm.replicates == 0) continue;
    for (std::size_t m : metrics) {
      const MetricComparison& cell = arm.metrics[m];
      const bool lift = cell.lift.has_value();
      rows.push_back({{"arm", arm.label},
                      {"metric", kComparedMetrics[m].name},
                      {"value", number(cell.value.estimate)},
                      {"low", cell.value.available ? number(cell.value.low) : Json(nullptr)},
                      {"high", cell.value.available ? number(cell.value.high) : Json(nullptr)},
                      {"lift", lift ? number(cell.lift->relative.estimate) : Json(nullptr)},
                      {"lift_low", lift && cell.lift->relative.available ? number(cell.lift->relative.low) : Json(nullptr)},
                      {"lift_high", lift && cell.lift->relative.available ? number(cell.lift->relative.high) : Json(nullptr)},
                      {"abs_lift", lift ? number(cell.lift->absolute.estimate) : Json(nullptr)},
                      {"p", lift && cell.lift->p_value ? Json(*cell.lift->p_value) : Json(nullptr)},
                      {"p_adjusted", cell.p_adjusted ? Json(*cell.p_adjusted) : Json(nullptr)},
                      {"worlds_differ", lift && cell.lift->heterogeneity_p &&
                                            *cell.lift->heterogeneity_p < kHeterogeneityLevel},
                      {"verdict", to_string(cell.verdict)}});
    }
  }
  return rows;
}

/// One arm's per-period values of a metric across replicates: mean (ratios pooled) with a 95% CI.
Json timeline_points(const ComparisonReport& report, const std::vector<MetricRecord>& rows, const Clock& clock,
                     double period_minutes) {
  // (arm, period) → replicate → counters summed over phases and segments.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::map<std::uint32_t, MetricCounters>> cells;
  for (const MetricRecord& r : rows) cells[{r.arm, r.period}][r.replicate].add(r.counters);
  Json points = Json::array();
  for (const std::string& name : kTimelineMetrics) {
    const ComparedMetric& metric = kComparedMetrics[metric_at(name)];
    for (const auto& [key, replicates] : cells) {
      const ArmComparison& arm = report.arms.at(key.first);
      if (arm.replicates == 0) continue;
      std::vector<double> value, per;
      for (const auto& [r, counters] : replicates) {
        value.push_back(metric.value(counters));
        if (metric.per != nullptr) per.push_back(metric.per(counters));
      }
      const Interval i = metric.per != nullptr ? ratio_interval(value, per) : t_interval(value);
      points.push_back({{"arm", arm.label},
                        {"period", key.second},
                        {"start", clock.at(key.second * period_minutes)},
                        {"metric", name},
                        {"value", number(i.estimate)},
                        {"low", i.available ? number(i.low) : Json(nullptr)},
                        {"high", i.available ? number(i.high) : Json(nullptr)}});
    }
  }
  return points;
}

/// Cumulative own discount spend per arm (mean over replicates) against a plan that spreads the
/// budget over the phases in proportion to their traffic x days, the pacing an even spender follows.
Json budget_json(const ComparisonReport& report, const std::vector<MetricRecord>& rows, const YAML::Node& config,
                 const Clock& clock, double period_minutes) {
  Json budget;
  const YAML::Node discount = config["budget"]["discount"];
  const bool limited = discount && discount.IsScalar() && discount.as<std::string>() != "unlimited";
  budget["total"] = limited ? Json(discount.as<double>()) : Json(nullptr);
  budget["plan"] = Json::array();
  if (limited) {
    double weight_total = 0.0;
    for (const YAML::Node& phase : config["timeline"]["phases"]) {
      weight_total += phase["days"].as<double>() * phase["traffic"].as<double>(1.0);
    }
    double minutes = 0.0, cumulative = 0.0;
    budget["plan"].push_back({{"time", clock.at(0)}, {"cumulative", 0.0}});
    for (const YAML::Node& phase : config["timeline"]["phases"]) {
      const double days = phase["days"].as<double>();
      minutes += days * 1440.0;
      cumulative += weight_total > 0 ? discount.as<double>() * days * phase["traffic"].as<double>(1.0) / weight_total : 0.0;
      budget["plan"].push_back({{"time", clock.at(minutes)}, {"cumulative", cumulative}});
    }
  }
  std::map<std::uint32_t, std::map<std::uint32_t, double>> spend;  // arm → period → total over replicates
  for (const MetricRecord& r : rows) spend[r.arm][r.period] += r.counters.own_discount_cost;
  budget["spend"] = Json::array();
  for (const auto& [arm, periods] : spend) {
    const ArmComparison& a = report.arms.at(arm);
    if (a.replicates == 0) continue;
    double cumulative = 0.0;
    for (const auto& [period, total] : periods) {
      cumulative += total / a.replicates;
      budget["spend"].push_back(
          {{"arm", a.label}, {"time", clock.at((period + 1) * period_minutes)}, {"cumulative", cumulative}});
    }
  }
  return budget;
}

}  // namespace

ReportData report_data(const ResultsReader& reader, const CompareOptions& options) {
  CompareOptions by_segment = options;
  by_segment.by = "segment";
  by_segment.metrics = kSummaryMetrics;
  const ComparisonReport report = build_comparison({&reader}, by_segment);
  const RunSummary& run = report.run();
  const YAML::Node config = YAML::Load(reader.resolved_config(run.id));
  const Clock clock(config["timeline"]);
  const double tick_minutes = config["timeline"]["tick_minutes"].as<double>(60.0);
  const double period_minutes = run.metrics_by == "day" ? 1440.0 : tick_minutes;
  // Only the replicates the comparison used (all of them, unless the run is partial).
  std::vector<MetricRecord> rows = reader.metrics(run.id);
  std::erase_if(rows, [&](const MetricRecord& r) { return report.arms.at(r.arm).replicates == 0; });

  Json doc;
  doc["generated_by"] = std::string("promosim ") + kCoreVersion;
  doc["database"] = reader.path();
  doc["run"] = run_json(run, report.partial());
  doc["plugins"] = Json::array();
  for (const RunPluginRecord& p : reader.plugins(run.id)) {
    doc["plugins"].push_back(
        {{"kind", p.kind}, {"name", p.name}, {"version", p.version}, {"path", p.path}, {"abi_version", p.abi_version}});
  }
  doc["scenario_yaml"] = reader.resolved_config(run.id);
  doc["baseline"] = report.arms[report.baseline].label;
  doc["correction"] = report.correction;
  doc["primary"] = kComparedMetrics[report.primary].name;
  doc["arms"] = Json::array();
  for (const ArmComparison& arm : report.arms) {
    doc["arms"].push_back({{"name", arm.label},
                           {"recommender", arm.arm.recommender},
                           {"intent_model", arm.arm.intent_model},
                           {"pricing_policy", arm.arm.pricing_policy},
                           {"params", arm.arm.params},
                           {"sweep", arm.arm.sweep}});
  }
  doc["metrics"] = Json::array();
  for (const std::string& name : kSummaryMetrics) {
    const ComparedMetric& m = kComparedMetrics[metric_at(name)];
    doc["metrics"].push_back({{"name", m.name},
                              {"label", m.label},
                              {"kind", m.per != nullptr ? "ratio" : "total"},
                              {"money", m.money},
                              {"better", m.better == Better::kHigher  ? "higher"
                                         : m.better == Better::kLower ? "lower"
                                                                      : "neutral"}});
  }
  doc["summary"] = summary_json(report, report.shown);

  Json phases = Json::array();
  double minutes = 0.0;
  for (const YAML::Node& phase : config["timeline"]["phases"]) {
    const double end = minutes + phase["days"].as<double>() * 1440.0;
    phases.push_back({{"name", phase["name"].as<std::string>()}, {"start", clock.at(minutes)}, {"end", clock.at(end)}});
    minutes = end;
  }
  doc["timeline"] = {{"unit", run.metrics_by},
                     {"dated", clock.dated()},
                     {"metrics", kTimelineMetrics},
                     {"points", timeline_points(report, rows, clock, period_minutes)},
                     {"phases", std::move(phases)}};

  Json lifts = Json::array();
  const auto add_lift = [&](const std::string& arm, const std::string& segment, std::size_t m, const MetricComparison& cell) {
    if (!cell.lift || !std::isfinite(cell.lift->relative.estimate)) return;
    lifts.push_back({{"arm", arm},
                     {"segment", segment},
                     {"metric", kComparedMetrics[m].name},
                     {"lift", cell.lift->relative.estimate},
                     {"low", cell.lift->relative.available ? number(cell.lift->relative.low) : Json(nullptr)},
                     {"high", cell.lift->relative.available ? number(cell.lift->relative.high) : Json(nullptr)},
                     {"p_adjusted", cell.p_adjusted ? Json(*cell.p_adjusted) : Json(nullptr)}});
  };
  for (std::size_t a = 0; a < report.arms.size(); ++a) {
    if (report.arms[a].replicates == 0) continue;
    for (std::size_t m : report.shown) {
      add_lift(report.arms[a].label, "all", m, report.arms[a].metrics[m]);
      for (std::size_t level = 0; level < report.breakdown->levels.size(); ++level) {
        const std::vector<MetricComparison>& cells = report.breakdown->cells[level][a];
        if (!cells.empty()) add_lift(report.arms[a].label, report.breakdown->levels[level], m, cells[m]);
      }
    }
  }
  doc["segment_lifts"] = std::move(lifts);
  doc["budget"] = budget_json(report, rows, config, clock, period_minutes);
  doc["funnel"] = Json::array();
  for (const ArmComparison& arm : report.arms) {
    if (arm.replicates == 0) continue;
    for (const std::string& stage : kFunnel) {
      doc["funnel"].push_back(
          {{"arm", arm.label}, {"stage", stage}, {"value", number(arm.metrics[metric_at(stage)].value.estimate)}});
    }
  }
  return {doc.dump(), run};
}

}  // namespace promosim
