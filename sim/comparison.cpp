#include "comparison.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

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

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

/// `value` if it is one of `choices`, else a UserError naming `what`, a did-you-mean and the choices.
void check_choice(const std::string& value, const std::vector<std::string>& choices, const std::string& what) {
  if (std::find(choices.begin(), choices.end(), value) != choices.end()) return;
  throw UserError("unknown " + what + " '" + value + "'" + did_you_mean(value, choices) + "; use " + join(choices));
}

std::size_t metric_index(const std::string& name) {
  std::vector<std::string> names;
  for (std::size_t m = 0; m < kComparedMetrics.size(); ++m) {
    if (name == kComparedMetrics[m].name) return m;
    names.emplace_back(kComparedMetrics[m].name);
  }
  check_choice(name, names, "metric");
  return 0;
}

RunSummary choose_run(const ResultsReader& reader, const std::optional<std::int64_t>& id) {
  if (id) return reader.run(*id);
  std::optional<RunSummary> latest = reader.latest_run();
  if (!latest) throw UserError("'" + reader.path() + "' holds no runs yet; run a scenario with `promosim run` first");
  return *latest;
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

/// What two runs must share for their arms' blocks to be paired: common random numbers and
/// the same world (seed, shards and the scenario without its arms and output settings).
std::string pairing_key(const ResultsReader& reader, const RunSummary& run) {
  if (run.random_streams != "common") return "";
  YAML::Node config = YAML::Load(reader.resolved_config(run.id));
  for (const char* key : {"arms", "output", "description", "name"}) config.remove(key);
  YAML::Emitter out;
  out << config;
  return std::to_string(run.seed) + "/" + std::to_string(run.shards) + "/" + out.c_str();
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

/// The blocks both arms stored, as parallel series of the metric's numerator and denominator.
struct MatchedBlocks {
  std::vector<double> arm_value, arm_per, base_value, base_per;
};

MatchedBlocks match(const Blocks& arm, const Blocks& base, const ComparedMetric& metric) {
  MatchedBlocks m;
  for (const auto& [key, counters] : arm) {
    const auto other = base.find(key);
    if (other == base.end()) continue;
    m.arm_value.push_back(metric.value(counters));
    m.base_value.push_back(metric.value(other->second));
    if (metric.per != nullptr) {
      m.arm_per.push_back(metric.per(counters));
      m.base_per.push_back(metric.per(other->second));
    }
  }
  return m;
}

LiftEstimate lift_of(const MatchedBlocks& m, const ComparedMetric& metric, std::size_t replicates, bool paired) {
  if (metric.per != nullptr) {
    return paired ? paired_ratio_lift(m.arm_value, m.arm_per, m.base_value, m.base_per, replicates)
                  : independent_ratio_lift(m.arm_value, m.arm_per, m.base_value, m.base_per);
  }
  return paired ? paired_total_lift(m.arm_value, m.base_value, replicates)
                : independent_total_lift(m.arm_value, m.base_value, replicates);
}

std::set<std::uint32_t> replicates_of(const Blocks& blocks) {
  std::set<std::uint32_t> out;
  for (const auto& [key, counters] : blocks) out.insert(key.first);
  return out;
}

/// Value, lift, variance ratio and replicates needed of every metric for one arm against the
/// baseline (no lift for the baseline itself, or without shared replicates).
std::vector<MetricComparison> compare_arm(const Blocks& arm, const Blocks& base, bool is_baseline, bool paired,
                                          double detect) {
  std::vector<MetricComparison> out;
  const std::set<std::uint32_t> arm_replicates = replicates_of(arm), base_replicates = replicates_of(base);
  std::size_t shared = 0;
  for (std::uint32_t r : arm_replicates) shared += base_replicates.count(r);
  for (const ComparedMetric& metric : kComparedMetrics) {
    MetricComparison m;
    if (!arm.empty()) m.value = arm_value(arm, metric);
    if (is_baseline) m.verdict = Verdict::kBaseline;
    if (!is_baseline && shared != 0) {
      const MatchedBlocks matched = match(arm, base, metric);
      if (!matched.arm_value.empty()) {
        m.lift = lift_of(matched, metric, shared, paired);
        if (paired && m.lift->absolute.available && m.lift->absolute.se > 0.0) {
          const double unpaired_se = lift_of(matched, metric, shared, false).absolute.se;
          m.variance_ratio = unpaired_se * unpaired_se / (m.lift->absolute.se * m.lift->absolute.se);
        }
        if (m.lift->relative.available) m.replicates_needed = replicates_to_detect(m.lift->relative.se, shared, detect);
      }
    }
    out.push_back(m);
  }
  return out;
}

/// Corrects the p-values of every lift in `cells` (restricted to the `shown` metrics) as one
/// family and gives each its verdict.
void correct(const std::vector<MetricComparison*>& cells, const std::string& correction) {
  std::vector<double> p;
  std::vector<MetricComparison*> tested;
  for (MetricComparison* cell : cells) {
    if (cell->lift && cell->lift->p_value) {
      p.push_back(*cell->lift->p_value);
      tested.push_back(cell);
    }
  }
  const std::vector<double> adjusted = correction == "holm" ? holm_adjust(p)
                                       : correction == "bh" ? benjamini_hochberg_adjust(p)
                                                            : p;
  for (std::size_t i = 0; i < tested.size(); ++i) tested[i]->p_adjusted = adjusted[i];
}

void give_verdicts(std::vector<MetricComparison>& metrics, double alpha) {
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    MetricComparison& cell = metrics[m];
    if (cell.verdict == Verdict::kBaseline || !cell.lift) continue;
    if (!cell.p_adjusted) {
      cell.verdict = Verdict::kNotAvailable;
      continue;
    }
    if (*cell.p_adjusted >= alpha || cell.lift->absolute.estimate == 0.0) {
      cell.verdict = Verdict::kNoDifference;
      continue;
    }
    const bool up = cell.lift->absolute.estimate > 0.0;
    switch (kComparedMetrics[m].better) {
      case Better::kHigher: cell.verdict = up ? Verdict::kBetter : Verdict::kWorse; break;
      case Better::kLower: cell.verdict = up ? Verdict::kWorse : Verdict::kBetter; break;
      case Better::kNeutral: cell.verdict = up ? Verdict::kHigher : Verdict::kLower; break;
    }
  }
}

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

bool by_decile(const CalibrationRecord& a, const CalibrationRecord& b) { return a.decile < b.decile; }

/// One compared run: where it came from and its arms' blocks.
struct Source {
  const ResultsReader* reader;
  RunSummary run;
  std::string pairing;
};

std::vector<Source> choose_sources(const std::vector<const ResultsReader*>& databases, const CompareOptions& options) {
  std::vector<Source> sources;
  if (databases.size() > 1 && !options.runs.empty()) {
    throw UserError("--run picks runs of one database; give one database with several --run, or several databases "
                    "(each contributes its newest run)");
  }
  if (options.runs.empty()) {
    for (const ResultsReader* reader : databases) sources.push_back({reader, choose_run(*reader, std::nullopt), ""});
  } else {
    for (std::int64_t id : options.runs) sources.push_back({databases.front(), choose_run(*databases.front(), id), ""});
  }
  for (Source& s : sources) {
    if (s.run.scenario_name != sources.front().run.scenario_name) {
      throw UserError("run " + std::to_string(s.run.id) + " in '" + s.reader->path() + "' is of scenario '" +
                      s.run.scenario_name + "', run " + std::to_string(sources.front().run.id) + " in '" +
                      sources.front().reader->path() + "' of '" + sources.front().run.scenario_name +
                      "'; compare runs of one scenario");
    }
    s.pairing = pairing_key(*s.reader, s.run);
  }
  return sources;
}

/// The arms' display names: plain for one run, name@run (name@file:run across files) for several.
std::string arm_label(const std::string& name, const std::vector<Source>& sources, std::size_t source) {
  if (sources.size() == 1) return name;
  const bool one_file = std::all_of(sources.begin(), sources.end(),
                                    [&](const Source& s) { return s.reader == sources.front().reader; });
  const std::string run = std::to_string(sources[source].run.id);
  return name + "@" + (one_file ? run : std::filesystem::path(sources[source].reader->path()).stem().string() + ":" + run);
}

std::size_t choose_baseline(const ComparisonReport& report, const std::string& name) {
  if (name.empty()) return 0;
  std::vector<std::string> names, runs;
  for (std::size_t a = 0; a < report.arms.size(); ++a) {
    if (report.arms[a].label == name) return a;
    names.push_back(report.arms[a].label);
  }
  for (const RunSummary& run : report.runs) runs.push_back(std::to_string(run.id));
  throw UserError("no arm called '" + name + "' in run" + (runs.size() > 1 ? "s " : " ") + join(runs) +
                  did_you_mean(name, names) + "; the arms are " + join(names));
}

/// Keeps only the replicates every arm with results completed, so values and lifts of a
/// partial run rest on one set.
void keep_common_replicates(std::vector<Blocks>& blocks) {
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
    std::erase_if(arm_blocks, [&](const auto& block) { return !common || common->count(block.first.first) == 0; });
  }
}

std::vector<std::string> level_names(const ResultsReader& reader, const RunSummary& run, Breakdown dimension,
                                     std::uint32_t levels) {
  std::vector<std::string> names;
  if (dimension == Breakdown::kPhase) {
    for (const PhaseRecord& p : reader.phases(run.id)) names.push_back(p.name);
  } else if (dimension == Breakdown::kSegment) {
    for (const SegmentRecord& s : reader.segments(run.id)) names.push_back(s.name);
  } else if (dimension == Breakdown::kHour) {
    for (std::uint32_t level = 0; level < levels; ++level) {
      char text[16];
      std::snprintf(text, sizeof text, "%02u:00", level);
      names.emplace_back(text);
    }
  } else {
    // Days as dates from the timeline's start, as the scenario's calendar reads.
    const YAML::Node config = YAML::Load(reader.resolved_config(run.id));
    int y = 0;
    unsigned m = 0, d = 0;
    const std::string start = config["timeline"]["start_date"].as<std::string>("");
    const bool dated = std::sscanf(start.c_str(), "%d-%u-%u", &y, &m, &d) == 3;
    for (std::uint32_t level = 0; level < levels; ++level) {
      if (!dated) {
        names.push_back("day " + std::to_string(level + 1));
        continue;
      }
      const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::year{y} / m / d} + std::chrono::days{level}};
      char text[16];
      std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(date.year()), unsigned(date.month()), unsigned(date.day()));
      names.emplace_back(text);
    }
  }
  return names;
}

}  // namespace

const char* to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::kNotAvailable: return "n/a";
    case Verdict::kBaseline: return "baseline";
    case Verdict::kBetter: return "better";
    case Verdict::kWorse: return "worse";
    case Verdict::kHigher: return "higher";
    case Verdict::kLower: return "lower";
    case Verdict::kNoDifference: return "no difference";
  }
  return "n/a";
}

ComparisonReport build_comparison(const std::vector<const ResultsReader*>& databases, const CompareOptions& options) {
  check_choice(options.format, {"table", "markdown", "csv", "json"}, "format");
  check_choice(options.correction, {"holm", "bh", "none"}, "correction");
  if (!options.by.empty()) check_choice(options.by, {"phase", "day", "hour", "segment"}, "breakdown");
  if (!(options.detect > 0.0 && options.detect < 10.0)) {
    throw UserError("--detect must be a relative lift in (0, 10), e.g. 0.01 for 1%");
  }
  ComparisonReport report;
  report.correction = options.correction;
  report.detect = options.detect;
  report.primary = metric_index(options.primary);
  for (const std::string& g : options.guardrails) report.guardrails.push_back(metric_index(g));
  if (!options.metrics.empty()) {
    for (const std::string& m : options.metrics) report.shown.push_back(metric_index(m));
  } else if (!options.by.empty()) {
    report.shown.push_back(report.primary);
    for (std::size_t g : report.guardrails) {
      if (g != report.primary) report.shown.push_back(g);
    }
  } else {
    for (std::size_t m = 0; m < kComparedMetrics.size(); ++m) report.shown.push_back(m);
  }

  const std::vector<Source> sources = choose_sources(databases, options);
  std::vector<Blocks> blocks;
  for (std::size_t s = 0; s < sources.size(); ++s) {
    const Source& source = sources[s];
    report.runs.push_back(source.run);
    report.databases.push_back(source.reader->path());
    const std::size_t first = report.arms.size();
    for (const ArmRecord& arm : source.reader->arms(source.run.id)) {
      ArmComparison c;
      c.arm = arm;
      c.label = arm_label(arm.name, sources, s);
      c.source = s;
      report.arms.push_back(std::move(c));
      blocks.emplace_back();
    }
    const std::vector<ShardRecord> shards = source.reader->shard_totals(source.run.id);
    if (shards.empty()) throw_no_results(source.run);
    for (const ShardRecord& r : shards) blocks.at(first + r.arm)[{r.replicate, r.shard}] = r.counters;
  }
  keep_common_replicates(blocks);
  report.baseline = choose_baseline(report, options.baseline);
  const std::size_t base = report.baseline;
  const auto paired_with_base = [&](std::size_t a) {
    const std::string& key = sources[report.arms[a].source].pairing;
    return !key.empty() && key == sources[report.arms[base].source].pairing;
  };

  // The decision's metrics are always tested, shown or not.
  std::vector<std::size_t> tested = report.shown;
  for (std::size_t m : report.guardrails) tested.push_back(m);
  tested.push_back(report.primary);
  std::sort(tested.begin(), tested.end());
  tested.erase(std::unique(tested.begin(), tested.end()), tested.end());
  // Each arm's compared replicates, once: calibration and breakdown rows are filtered by them.
  std::vector<std::set<std::uint32_t>> replicates_compared;
  for (const Blocks& arm_blocks : blocks) replicates_compared.push_back(replicates_of(arm_blocks));
  const std::set<std::uint32_t>& base_replicates = replicates_compared[base];
  // Offer efficiency reads "what the arm's offers bought" only against a baseline without offers
  // of its own: against a discounting baseline the arm's coupons replace its discounts.
  const bool base_offers_nothing = std::all_of(blocks[base].begin(), blocks[base].end(),
                                               [](const auto& block) { return block.second.own_discount_cost == 0.0; });
  std::vector<MetricComparison*> family;
  for (std::size_t a = 0; a < report.arms.size(); ++a) {
    ArmComparison& arm = report.arms[a];
    const std::set<std::uint32_t>& replicates = replicates_compared[a];
    arm.replicates = static_cast<std::uint32_t>(replicates.size());
    for (std::uint32_t r : replicates) arm.paired_replicates += base_replicates.count(r) != 0 ? 1 : 0;
    arm.paired = paired_with_base(a);
    if (arm.replicates == 0) continue;
    arm.metrics = compare_arm(blocks[a], blocks[base], a == base, arm.paired, options.detect);
    for (std::size_t m : tested) family.push_back(&arm.metrics[m]);
    const bool offers_differ =
        arm.arm.recommender == report.arms[base].arm.recommender && arm.paired && base_offers_nothing;
    for (const OfferEfficiency& e : kOfferEfficiencies) {
      arm.efficiencies.push_back(offers_differ ? efficiency(arm, e) : std::nullopt);
    }
  }
  correct(family, options.correction);
  for (ArmComparison& arm : report.arms) give_verdicts(arm.metrics, report.alpha);

  for (std::size_t s = 0; s < sources.size(); ++s) {
    std::size_t first = 0;
    while (report.arms[first].source != s) ++first;
    for (const CalibrationRecord& row : sources[s].reader->calibration(sources[s].run.id)) {
      ArmComparison& arm = report.arms.at(first + row.arm);
      if (replicates_compared[first + row.arm].count(row.replicate) == 0) continue;
      std::vector<CalibrationRecord>& pooled = arm.calibration;
      auto it = std::find_if(pooled.begin(), pooled.end(), [&](const CalibrationRecord& c) { return c.decile == row.decile; });
      if (it == pooled.end()) it = pooled.insert(std::upper_bound(pooled.begin(), pooled.end(), row, by_decile),
                                                 {row.arm, 0, row.decile, 0, 0.0, 0});
      it->mean_predicted += row.mean_predicted * static_cast<double>(row.sessions);  // a sum until divided below
      it->sessions += row.sessions;
      it->converted += row.converted;
    }
  }
  for (ArmComparison& arm : report.arms) {
    for (CalibrationRecord& row : arm.calibration) row.mean_predicted /= static_cast<double>(row.sessions);
  }

  // Measured gain of common random numbers: the same arm against the baseline's namesake, within
  // a common-numbers run and within an independent run of the same scenario.
  const std::string& base_name = report.arms[base].arm.name;
  const auto find_arm = [&](std::size_t source, const std::string& name) -> std::optional<std::size_t> {
    for (std::size_t a = 0; a < report.arms.size(); ++a) {
      if (report.arms[a].source == source && report.arms[a].arm.name == name && !blocks[a].empty()) return a;
    }
    return std::nullopt;
  };
  for (std::size_t c = 0; c < sources.size(); ++c) {
    if (sources[c].run.random_streams != "common") continue;
    for (std::size_t i = 0; i < sources.size(); ++i) {
      if (sources[i].run.random_streams != "independent") continue;
      const auto common_base = find_arm(c, base_name), independent_base = find_arm(i, base_name);
      if (!common_base || !independent_base) continue;
      for (std::size_t a = 0; a < report.arms.size(); ++a) {
        if (report.arms[a].source != c || a == *common_base) continue;
        const auto twin = find_arm(i, report.arms[a].arm.name);
        if (!twin) continue;
        for (std::size_t m : report.shown) {
          const ComparedMetric& metric = kComparedMetrics[m];
          const MatchedBlocks with = match(blocks[a], blocks[*common_base], metric);
          const MatchedBlocks without = match(blocks[*twin], blocks[*independent_base], metric);
          if (with.arm_value.size() < 2 || without.arm_value.size() < 2) continue;
          const std::size_t reps_with = replicates_compared[a].size(), reps_without = replicates_compared[*twin].size();
          const LiftEstimate paired_lift = lift_of(with, metric, reps_with, true);
          const Interval& paired = paired_lift.absolute;
          const Interval unpaired = lift_of(without, metric, reps_without, false).absolute;
          if (!paired.available || !unpaired.available || !(paired.se > 0.0)) continue;
          report.measured_variance_ratios.push_back({report.arms[a].arm.name, m, c, i, paired.se, unpaired.se});
        }
      }
    }
  }

  if (!options.by.empty()) {
    const Breakdown dimension = options.by == "phase" ? Breakdown::kPhase
                                : options.by == "day" ? Breakdown::kDay
                                : options.by == "hour" ? Breakdown::kHour
                                                       : Breakdown::kSegment;
    BreakdownComparison table;
    table.dimension = dimension;
    // [level][arm] → blocks, kept to the replicates the totals were compared on.
    std::map<std::uint32_t, std::vector<Blocks>> levels;
    std::size_t first = 0;
    for (std::size_t s = 0; s < sources.size(); ++s) {
      for (const BreakdownRecord& r : sources[s].reader->breakdown(sources[s].run.id, dimension)) {
        const std::size_t arm = first + r.arm;
        if (replicates_compared[arm].count(r.replicate) == 0) continue;
        std::vector<Blocks>& level = levels[r.level];
        level.resize(report.arms.size());
        level[arm][{r.replicate, r.shard}] = r.counters;
      }
      while (first < report.arms.size() && report.arms[first].source == s) ++first;
    }
    const std::uint32_t level_count = levels.empty() ? 0 : levels.rbegin()->first + 1;
    const std::vector<std::string> names = level_names(*sources.front().reader, sources.front().run, dimension, level_count);
    std::vector<MetricComparison*> level_family;
    for (auto& [level, arms] : levels) {
      table.levels.push_back(level < names.size() ? names[level] : std::to_string(level));
      std::vector<std::vector<MetricComparison>>& row = table.cells.emplace_back();
      for (std::size_t a = 0; a < report.arms.size(); ++a) {
        row.push_back(arms[a].empty() ? std::vector<MetricComparison>(kComparedMetrics.size())
                                      : compare_arm(arms[a], arms[base], a == base, report.arms[a].paired, options.detect));
      }
    }
    for (auto& row : table.cells) {
      for (auto& arm : row) {
        for (std::size_t m : report.shown) {
          if (!arm.empty()) level_family.push_back(&arm[m]);
        }
      }
    }
    correct(level_family, options.correction);
    for (auto& row : table.cells) {
      for (auto& arm : row) give_verdicts(arm, report.alpha);
    }
    if (table.levels.empty()) {
      throw UserError("run " + std::to_string(report.run().id) + " has no breakdown by " + options.by +
                      " stored; rerun the scenario with this promosim version");
    }
    report.breakdown = std::move(table);
  }
  return report;
}

std::string compare_results(const std::vector<const ResultsReader*>& databases, const CompareOptions& options) {
  const ComparisonReport report = build_comparison(databases, options);
  if (options.format == "csv") return render_csv(report);
  if (options.format == "json") return render_json(report);
  if (options.format == "markdown") return render_markdown(report);
  return render_table(report);
}

std::string compare_results(const ResultsReader& reader, const CompareOptions& options) {
  return compare_results(std::vector<const ResultsReader*>{&reader}, options);
}

}  // namespace promosim
