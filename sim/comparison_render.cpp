// The renderings of a ComparisonReport: table and markdown (the same sections for people),
// CSV (long format) and JSON.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <sstream>

#include "aligned_columns.hpp"
#include "comparison_report.hpp"
#include "number_format.hpp"

namespace promosim {
namespace {

std::string printf_string(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

// ---- numbers for people ---------------------------------------------------------------------

/// Counts are means over replicates: whole numbers unless small and fractional.
std::string format_count(double value) {
  const bool fractional = std::abs(value) < 100 && value != std::round(value);
  return with_separators(value, fractional ? 1 : 0);
}

/// Money: exact below a thousand, compact above ("5.98k", "4.56M", "1.20B"), so a value and
/// its interval bounds read in the same unit.
std::string format_money(double value) {
  const double size = std::abs(value);
  if (size >= 1e9) return printf_string("%.2fB", value / 1e9);
  if (size >= 1e6) return printf_string("%.2fM", value / 1e6);
  if (size >= 1e3) return printf_string("%.2fk", value / 1e3);
  return with_separators(value, 2);
}

/// A metric value in its unit; "n/a" when undefined.
std::string format_value(const ComparedMetric& metric, double value) {
  if (!std::isfinite(value)) return "n/a";
  if (metric.per != nullptr && !metric.money) return printf_string("%.3f%%", value * 100.0);
  return metric.money ? format_money(value) : format_count(value);
}

/// An absolute difference in the metric's unit, signed; rates in percentage points.
std::string format_difference(const ComparedMetric& metric, double value) {
  if (!std::isfinite(value)) return "n/a";
  if (metric.per != nullptr && !metric.money) return printf_string(value == 0.0 ? "%.3f pp" : "%+.3f pp", value * 100.0);
  const std::string text = format_value(metric, value);
  return value > 0 && text.find_first_not_of("0.,") != std::string::npos ? "+" + text : text;
}

std::string format_percent_change(double value) {
  if (!std::isfinite(value)) return "n/a";
  return printf_string(value == 0.0 ? "%.2f%%" : "%+.2f%%", value * 100.0);
}

template <class Format>
std::string format_ci(const Interval& interval, Format format) {
  if (!interval.available) return "n/a";
  return "[" + format(interval.low) + ", " + format(interval.high) + "]";
}

std::string format_p(const std::optional<double>& p) {
  if (!p) return "n/a";
  return *p < 0.0001 ? "<0.0001" : printf_string("%.4f", *p);
}

std::string format_ratio(const std::optional<double>& ratio) {
  if (!ratio) return "";
  return printf_string(*ratio >= 100.0 ? "%.0fx" : "%.1fx", *ratio);
}

std::string format_replicates(const std::optional<std::uint64_t>& replicates) {
  return replicates ? with_separators(static_cast<double>(*replicates), 0) : "";
}

const char* correction_name(const std::string& correction) {
  return correction == "holm" ? "Holm" : correction == "bh" ? "Benjamini-Hochberg" : "unadjusted";
}

// ---- sections: what table and markdown both show ------------------------------------------

/// A titled table; the first row is the header.
struct Section {
  std::string title;
  std::vector<std::vector<std::string>> rows;
  bool text = false;  ///< sentences rather than numbers: left-aligned, no header line in a table
};

bool worlds_differ(const MetricComparison& cell) {
  return cell.lift && cell.lift->heterogeneity_p && *cell.lift->heterogeneity_p < kHeterogeneityLevel;
}

/// The lift cells of one arm's metric: relative lift, its CI, absolute lift, adjusted p, verdict.
std::vector<std::string> lift_cells(const ComparedMetric& metric, const MetricComparison& cell) {
  if (cell.verdict == Verdict::kBaseline) return {"baseline"};
  if (!cell.lift) return {"n/a"};
  // '*': the lift differs between the replicates' worlds beyond chance (header).
  // It follows the relative interval, or the absolute lift where there is no relative one.
  const std::string mark = worlds_differ(cell) ? "*" : "";
  const bool relative = cell.lift->relative.available;
  return {format_percent_change(cell.lift->relative.estimate),
          format_ci(cell.lift->relative, format_percent_change) + (relative ? mark : ""),
          format_difference(metric, cell.lift->absolute.estimate) + (relative ? "" : mark), format_p(cell.p_adjusted),
          to_string(cell.verdict)};
}

/// Arms ranked best first in the metric's good direction (scenario order for neutral metrics);
/// arms without a value last.
std::vector<std::size_t> ranked(const ComparisonReport& report, std::size_t m,
                                const std::function<const MetricComparison*(std::size_t)>& cell_of) {
  std::vector<std::size_t> order;
  for (std::size_t a = 0; a < report.arms.size(); ++a) order.push_back(a);
  const Better better = kComparedMetrics[m].better;
  const auto key = [&](std::size_t a) {
    const MetricComparison* cell = cell_of(a);
    const double v = cell != nullptr ? cell->value.estimate : std::numeric_limits<double>::quiet_NaN();
    if (!std::isfinite(v)) return std::numeric_limits<double>::infinity();
    return better == Better::kHigher ? -v : better == Better::kLower ? v : 0.0;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  return order;
}

Section metric_section(const ComparisonReport& report, std::size_t m) {
  const ComparedMetric& metric = kComparedMetrics[m];
  const auto value_text = [&](double v) { return format_value(metric, v); };
  const std::string reps = "reps " + printf_string("%+g%%", report.detect * 100.0);
  Section section{metric.label, {{"arm", "value", "95% CI", "lift", "95% CI", "abs lift", "p adj", "verdict", "CRN", reps}}};
  const auto cell_of = [&](std::size_t a) -> const MetricComparison* {
    return report.arms[a].replicates != 0 ? &report.arms[a].metrics[m] : nullptr;
  };
  for (std::size_t a : ranked(report, m, cell_of)) {
    const ArmComparison& arm = report.arms[a];
    if (arm.replicates == 0) {
      section.rows.push_back({arm.label, "no results"});
      continue;
    }
    const MetricComparison& cell = arm.metrics[m];
    std::vector<std::string> row{arm.label, value_text(cell.value.estimate), format_ci(cell.value, value_text)};
    for (std::string& text : lift_cells(metric, cell)) row.push_back(std::move(text));
    if (cell.lift) {
      row.push_back(format_ratio(cell.variance_ratio));
      row.push_back(format_replicates(cell.replicates_needed));
    }
    section.rows.push_back(std::move(row));
  }
  return section;
}

/// The decision on the primary metric: winner, who is better, equal, worse, and guard-rail
/// metrics a better arm loses on.
Section decision_section(const ComparisonReport& report) {
  const std::size_t p = report.primary;
  const ComparedMetric& metric = kComparedMetrics[p];
  Section section{std::string("decision on ") + metric.name + " (primary metric)", {{"verdict", "arms"}}, true};
  std::map<Verdict, std::vector<std::string>> by_verdict;
  std::optional<std::size_t> winner;
  const auto cell_of = [&](std::size_t a) -> const MetricComparison* {
    return report.arms[a].replicates != 0 ? &report.arms[a].metrics[p] : nullptr;
  };
  for (std::size_t a : ranked(report, p, cell_of)) {
    const ArmComparison& arm = report.arms[a];
    if (arm.replicates == 0 || a == report.baseline) continue;
    const Verdict v = arm.metrics[p].verdict;
    by_verdict[v].push_back(arm.label);
    if (v == Verdict::kBetter && !winner) winner = a;
  }
  if (winner) {
    const MetricComparison& cell = report.arms[*winner].metrics[p];
    section.rows.push_back({"winner", report.arms[*winner].label + " " + format_percent_change(cell.lift->relative.estimate) +
                                          " " + format_ci(cell.lift->relative, format_percent_change) + " vs " +
                                          report.arms[report.baseline].label});
  } else {
    section.rows.push_back({"winner", "none: no arm is better than " + report.arms[report.baseline].label});
  }
  const auto join = [](const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
  };
  for (Verdict v : {Verdict::kBetter, Verdict::kNoDifference, Verdict::kWorse, Verdict::kNotAvailable}) {
    if (!by_verdict[v].empty()) section.rows.push_back({to_string(v), join(by_verdict[v])});
  }
  std::vector<std::string> varying;
  for (const std::string& name : by_verdict[Verdict::kBetter]) {
    const auto arm = std::find_if(report.arms.begin(), report.arms.end(), [&](const ArmComparison& a) { return a.label == name; });
    if (worlds_differ(arm->metrics[p])) varying.push_back(name);
  }
  if (!varying.empty()) {
    section.rows.push_back({"WORLDS DIFFER", join(varying) + ": the lift varies between replicates beyond chance; run more "
                                                              "replicates before relying on its size"});
  }
  for (const std::string& name : by_verdict[Verdict::kBetter]) {
    const auto arm = std::find_if(report.arms.begin(), report.arms.end(), [&](const ArmComparison& a) { return a.label == name; });
    for (std::size_t g : report.guardrails) {
      const MetricComparison& cell = arm->metrics[g];
      if (cell.verdict != Verdict::kWorse) continue;
      const ComparedMetric& guard = kComparedMetrics[g];
      const std::string change = std::isfinite(cell.lift->relative.estimate)
                                     ? format_percent_change(cell.lift->relative.estimate) + " " +
                                           format_ci(cell.lift->relative, format_percent_change)
                                     : format_difference(guard, cell.lift->absolute.estimate) + " " +
                                           format_ci(cell.lift->absolute, [&](double v) { return format_difference(guard, v); });
      section.rows.push_back({"GUARD-RAIL", name + " is better on " + metric.name + " but worse on " + guard.name + ": " +
                                                change + ", p adj " + format_p(cell.p_adjusted)});
    }
  }
  return section;
}

std::vector<Section> breakdown_sections(const ComparisonReport& report) {
  std::vector<Section> sections;
  const BreakdownComparison& table = *report.breakdown;
  for (std::size_t m : report.shown) {
    const ComparedMetric& metric = kComparedMetrics[m];
    const auto value_text = [&](double v) { return format_value(metric, v); };
    Section section{metric.label + std::string(" by ") + to_string(table.dimension),
                    {{to_string(table.dimension), "arm", "value", "95% CI", "lift", "95% CI", "abs lift", "p adj", "verdict"}}};
    for (std::size_t level = 0; level < table.levels.size(); ++level) {
      const auto cell_of = [&](std::size_t a) -> const MetricComparison* { return &table.cells[level][a][m]; };
      bool first = true;
      for (std::size_t a : ranked(report, m, cell_of)) {
        const MetricComparison& cell = table.cells[level][a][m];
        if (report.arms[a].replicates == 0) continue;
        std::vector<std::string> row{first ? table.levels[level] : "", report.arms[a].label,
                                     value_text(cell.value.estimate), format_ci(cell.value, value_text)};
        for (std::string& text : lift_cells(metric, cell)) row.push_back(std::move(text));
        section.rows.push_back(std::move(row));
        first = false;
      }
    }
    sections.push_back(std::move(section));
  }
  return sections;
}

/// For each sweep, the best of its arms on each metric with a direction.
std::vector<Section> sweep_sections(const ComparisonReport& report) {
  std::vector<std::string> sweeps;
  for (const ArmComparison& arm : report.arms) {
    if (!arm.arm.sweep.empty() && std::find(sweeps.begin(), sweeps.end(), arm.arm.sweep) == sweeps.end()) {
      sweeps.push_back(arm.arm.sweep);
    }
  }
  std::vector<Section> sections;
  for (const std::string& sweep : sweeps) {
    Section section{"best of sweep '" + sweep + "' per metric",
                    {{"metric", "best arm", "value", "95% CI", "lift", "95% CI", "abs lift", "p adj", "verdict"}}};
    for (std::size_t m : report.shown) {
      const ComparedMetric& metric = kComparedMetrics[m];
      if (metric.better == Better::kNeutral) continue;
      const auto cell_of = [&](std::size_t a) -> const MetricComparison* {
        const ArmComparison& arm = report.arms[a];
        return arm.arm.sweep == sweep && arm.replicates != 0 ? &arm.metrics[m] : nullptr;
      };
      const std::size_t best = ranked(report, m, cell_of).front();
      const MetricComparison* cell = cell_of(best);
      if (cell == nullptr || !std::isfinite(cell->value.estimate)) continue;
      const auto value_text = [&](double v) { return format_value(metric, v); };
      std::vector<std::string> row{metric.name, report.arms[best].label, value_text(cell->value.estimate),
                                   format_ci(cell->value, value_text)};
      for (std::string& text : lift_cells(metric, *cell)) row.push_back(std::move(text));
      section.rows.push_back(std::move(row));
    }
    sections.push_back(std::move(section));
  }
  return sections;
}

std::vector<Section> sections_of(const ComparisonReport& report) {
  std::vector<Section> sections{decision_section(report)};
  if (report.breakdown) {
    for (Section& s : breakdown_sections(report)) sections.push_back(std::move(s));
  } else {
    for (std::size_t m : report.shown) {
      // Coupon and new-item sections only where the run has coupons or launches.
      const bool all_zero = std::all_of(report.arms.begin(), report.arms.end(), [&](const ArmComparison& arm) {
        return arm.replicates == 0 || !(std::abs(arm.metrics[m].value.estimate) > 0.0);  // 0 or NaN (0/0)
      });
      if (!all_zero) sections.push_back(metric_section(report, m));
    }
  }
  for (Section& s : sweep_sections(report)) sections.push_back(std::move(s));
  for (std::size_t e = 0; e < kOfferEfficiencies.size(); ++e) {
    Section section{kOfferEfficiencies[e].label, {{"arm", "value", "95% CI"}}};
    for (const ArmComparison& arm : report.arms) {
      if (arm.efficiencies.empty() || !arm.efficiencies[e]) continue;
      const Interval& i = *arm.efficiencies[e];
      const auto text = [](double v) { return printf_string("%.4f", v); };
      section.rows.push_back({arm.label, text(i.estimate), format_ci(i, text)});
    }
    if (section.rows.size() > 1) sections.push_back(std::move(section));
  }
  if (!report.measured_variance_ratios.empty()) {
    Section section{"how much common random numbers narrowed each CI: Var(lift, independent run) / Var(lift, common run)",
                    {{"arm", "metric", "common run", "independent run", "SE common", "SE independent", "variance ratio"}}};
    for (const MeasuredVarianceRatio& r : report.measured_variance_ratios) {
      const auto run_name = [&](std::size_t source) {
        const bool one_file = std::all_of(report.databases.begin(), report.databases.end(),
                                          [&](const std::string& d) { return d == report.databases.front(); });
        const std::string id = std::to_string(report.runs[source].id);
        return one_file ? id : std::filesystem::path(report.databases[source]).stem().string() + ":" + id;
      };
      section.rows.push_back({r.arm, kComparedMetrics[r.metric].name, run_name(r.common_run), run_name(r.independent_run), printf_string("%.4g", r.common_se),
                              printf_string("%.4g", r.independent_se), format_ratio(r.ratio())});
    }
    sections.push_back(std::move(section));
  }
  // A model whose scores all fall in one decile (`none`) has nothing to calibrate.
  Section calibration{"intent calibration: predicted -> simulated purchase rate by decile of the intent score, lowest first",
                      {{"arm (model)", "deciles"}}, true};
  for (const ArmComparison& arm : report.arms) {
    if (arm.calibration.size() <= 1) continue;
    std::string deciles;
    for (const CalibrationRecord& row : arm.calibration) {
      deciles += (deciles.empty() ? "" : "  ") + printf_string("%.1f%%", 100.0 * row.mean_predicted) + "->" +
                 printf_string("%.1f%%", 100.0 * static_cast<double>(row.converted) / static_cast<double>(row.sessions));
    }
    calibration.rows.push_back({arm.label + " (" + arm.arm.intent_model + "):", deciles});
  }
  if (calibration.rows.size() > 1) sections.push_back(std::move(calibration));
  return sections;
}

std::vector<std::string> header_lines(const ComparisonReport& report) {
  std::vector<std::string> lines;
  for (const RunSummary& run : report.runs) {
    lines.push_back("run " + std::to_string(run.id) + ": scenario '" + run.scenario_name + "', status " + run.status +
                    ", " + std::to_string(run.replicates) + " replicates x " + std::to_string(run.shards) +
                    " shards, seed " + std::to_string(run.seed) + ", started " + run.started_at +
                    (run.random_streams == "independent" ? ", independent random streams" : ""));
  }
  if (report.partial()) {
    for (const RunSummary& run : report.runs) {
      if (run.status == "complete") continue;
      std::string why = run.status == "running" ? "is still running, or its process died (status running)"
                        : run.status == "failed" ? "FAILED"
                                                 : "was INTERRUPTED";
      if (!run.message.empty()) why += ": " + run.message;
      lines.push_back("!!! PARTIAL RESULTS: run " + std::to_string(run.id) + " " + why);
    }
    std::string stored;
    for (const ArmComparison& arm : report.arms) {
      stored += (stored.empty() ? "" : ", ") + arm.label + " " + std::to_string(arm.replicates) + "/" +
                std::to_string(report.runs[arm.source].replicates);
    }
    lines.push_back("!!! only the stored replicates are compared (" + stored +
                    "); these are not the results of a finished run");
  }
  std::size_t tests = 0;
  for (const ArmComparison& arm : report.arms) {
    for (const MetricComparison& cell : arm.metrics) tests += cell.p_adjusted.has_value();
  }
  const bool any_unpaired = std::any_of(report.arms.begin(), report.arms.end(), [](const ArmComparison& a) { return !a.paired; });
  lines.push_back("baseline: " + report.arms[report.baseline].label);
  lines.push_back("value: mean per replicate (rates: pooled) with 95% CI across replicates");
  lines.push_back(std::string("lift: relative, vs the baseline, with 95% CI, paired by (replicate, shard) block") +
                  (any_unpaired ? " (unpaired, Welch, for arms on other random streams)" : ""));
  lines.push_back("*: the lift differs between the replicates' worlds beyond chance (p < 0.01): its CI holds for these");
  lines.push_back("   worlds; how large it is elsewhere needs more replicates");
  lines.push_back(std::string("p adj: two-sided p, ") + correction_name(report.correction) + "-adjusted across " +
                  (report.breakdown ? "arms x metrics x levels" : std::to_string(tests) + " lifts (arms x metrics)") +
                  "; verdict: at p adj < " + printf_string("%g", report.alpha));
  lines.push_back("CRN: variance of the lift without common random numbers / with them; reps " +
                  printf_string("%+g%%", report.detect * 100.0) + ": replicates to detect that lift with 80% power");
  return lines;
}

std::string markdown_cell(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

// ---- csv / json ---------------------------------------------------------------------------

/// Full precision (round-trips a double); `empty` where undefined.
std::string exact(double value) { return std::isfinite(value) ? printf_string("%.17g", value) : ""; }

/// RFC 4180: quote a field that holds a comma, quote or line break.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

/// The numbers CSV and JSON give for one (arm, metric[, level]), by name, in CSV column
/// order; nullopt where not available.
using Numbers = std::vector<std::pair<const char*, std::optional<double>>>;
Numbers numbers(const MetricComparison* cell) {
  const auto at = [](double v, bool available) { return available && std::isfinite(v) ? std::optional<double>(v) : std::nullopt; };
  const Interval value = cell != nullptr ? cell->value : Interval{};
  const bool stored = cell != nullptr;
  const std::optional<LiftEstimate> lift = stored ? cell->lift : std::nullopt;
  const Interval none{};
  const Interval& abs = lift ? lift->absolute : none;
  const Interval& rel = lift ? lift->relative : none;
  return {{"value", at(value.estimate, stored)},
          {"ci_low", at(value.low, value.available)},
          {"ci_high", at(value.high, value.available)},
          {"abs_lift", at(abs.estimate, lift.has_value())},
          {"abs_low", at(abs.low, abs.available)},
          {"abs_high", at(abs.high, abs.available)},
          {"rel_lift", at(rel.estimate, lift.has_value())},
          {"rel_low", at(rel.low, rel.available)},
          {"rel_high", at(rel.high, rel.available)},
          {"p_value", lift ? lift->p_value : std::nullopt},
          {"heterogeneity_p", lift ? lift->heterogeneity_p : std::nullopt},
          {"p_adjusted", stored ? cell->p_adjusted : std::nullopt},
          {"crn_variance_ratio", stored ? cell->variance_ratio : std::nullopt},
          {"replicates_needed", stored && cell->replicates_needed ? std::optional<double>(double(*cell->replicates_needed))
                                                                 : std::nullopt}};
}

const MetricComparison* cell_or_null(const std::vector<MetricComparison>& metrics, std::size_t m) {
  return metrics.empty() ? nullptr : &metrics[m];
}

nlohmann::ordered_json json_numbers(const MetricComparison* cell) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [name, value] : numbers(cell)) out[name] = value ? nlohmann::ordered_json(*value) : nullptr;
  out["worlds_differ"] = cell != nullptr && worlds_differ(*cell);
  out["verdict"] = cell != nullptr ? to_string(cell->verdict) : "n/a";
  return out;
}

}  // namespace

std::string render_table(const ComparisonReport& report) {
  std::ostringstream out;
  for (const std::string& line : header_lines(report)) out << line << "\n";
  for (const Section& section : sections_of(report)) {
    out << "\n" << section.title << "\n";
    if (section.text) {
      std::size_t width = 0;
      for (const auto& row : section.rows) width = std::max(width, row[0].size());
      for (std::size_t r = 1; r < section.rows.size(); ++r) {
        out << "  " << section.rows[r][0] << std::string(width - section.rows[r][0].size() + 2, ' ') << section.rows[r][1]
            << "\n";
      }
    } else {
      out << aligned_columns(section.rows);
    }
  }
  return out.str();
}

std::string render_markdown(const ComparisonReport& report) {
  std::ostringstream out;
  out << "## promosim comparison: " << markdown_cell(report.run().scenario_name) << "\n\n";
  for (const std::string& line : header_lines(report)) out << markdown_cell(line) << "  \n";
  for (const Section& section : sections_of(report)) {
    out << "\n### " << markdown_cell(section.title) << "\n\n";
    const std::size_t columns = section.rows.front().size();
    for (std::size_t r = 0; r < section.rows.size(); ++r) {
      out << "|";
      for (std::size_t c = 0; c < columns; ++c) {
        out << " " << (c < section.rows[r].size() ? markdown_cell(section.rows[r][c]) : "") << " |";
      }
      out << "\n";
      if (r == 0) {
        out << "|";
        for (std::size_t c = 0; c < columns; ++c) out << (c == 0 ? " --- |" : " ---: |");
        out << "\n";
      }
    }
  }
  return out.str();
}

std::string render_csv(const ComparisonReport& report) {
  std::ostringstream out;
  out << "run,arm,metric,breakdown,level,baseline";
  for (const auto& [name, value] : numbers(nullptr)) out << "," << name;
  out << ",verdict\n";
  const std::string baseline = csv_field(report.arms[report.baseline].label);
  const auto row = [&](const ArmComparison& arm, const std::string& metric, const std::string& breakdown,
                       const std::string& level, const Numbers& cells, const std::string& verdict) {
    out << report.runs[arm.source].id << "," << csv_field(arm.label) << "," << metric << "," << breakdown << ","
        << csv_field(level) << "," << baseline;
    for (const auto& [name, value] : cells) out << "," << (value ? exact(*value) : "");
    out << "," << verdict << "\n";
  };
  for (std::size_t a = 0; a < report.arms.size(); ++a) {
    const ArmComparison& arm = report.arms[a];
    for (std::size_t m : report.shown) {
      const MetricComparison* cell = cell_or_null(arm.metrics, m);
      row(arm, kComparedMetrics[m].name, "", "", numbers(cell), cell != nullptr ? to_string(cell->verdict) : "n/a");
    }
    for (std::size_t e = 0; e < arm.efficiencies.size(); ++e) {
      if (!arm.efficiencies[e]) continue;
      MetricComparison efficiency;
      efficiency.value = *arm.efficiencies[e];
      row(arm, kOfferEfficiencies[e].name, "", "", numbers(&efficiency), "");
    }
    if (!report.breakdown) continue;
    const BreakdownComparison& table = *report.breakdown;
    for (std::size_t level = 0; level < table.levels.size(); ++level) {
      for (std::size_t m : report.shown) {
        const MetricComparison* cell = cell_or_null(table.cells[level][a], m);
        row(arm, kComparedMetrics[m].name, to_string(table.dimension), table.levels[level], numbers(cell),
            cell != nullptr ? to_string(cell->verdict) : "n/a");
      }
    }
  }
  return out.str();
}

std::string render_json(const ComparisonReport& report) {
  using Json = nlohmann::ordered_json;
  const auto run_json = [](const RunSummary& run) {
    return Json{{"id", run.id},
                {"scenario", run.scenario_name},
                {"status", run.status},
                {"message", run.message},
                {"started_at", run.started_at},
                {"ended_at", run.ended_at.empty() ? Json(nullptr) : Json(run.ended_at)},
                {"seed", run.seed},
                {"replicates", run.replicates},
                {"shards", run.shards},
                {"threads", run.threads},
                {"metrics_by", run.metrics_by},
                {"random_streams", run.random_streams}};
  };
  Json doc;
  doc["run"] = run_json(report.run());
  doc["run"]["partial"] = report.partial();
  doc["runs"] = Json::array();
  for (const RunSummary& run : report.runs) doc["runs"].push_back(run_json(run));
  doc["baseline"] = report.arms[report.baseline].label;
  doc["correction"] = report.correction;
  doc["alpha"] = report.alpha;
  doc["detect"] = report.detect;
  doc["primary"] = kComparedMetrics[report.primary].name;
  doc["guardrails"] = Json::array();
  for (std::size_t g : report.guardrails) doc["guardrails"].push_back(kComparedMetrics[g].name);
  doc["arms"] = Json::array();
  doc["metrics"] = Json::array();
  for (const ArmComparison& arm : report.arms) {
    Json a{{"index", arm.arm.index},         {"name", arm.arm.name},
           {"label", arm.label},             {"run", report.runs[arm.source].id},
           {"paired", arm.paired},           {"recommender", arm.arm.recommender},
           {"intent_model", arm.arm.intent_model}, {"pricing_policy", arm.arm.pricing_policy},
           {"sweep", arm.arm.sweep},         {"replicates_stored", arm.replicates},
           {"paired_replicates", arm.paired_replicates}};
    for (std::size_t e = 0; e < arm.efficiencies.size(); ++e) {
      const std::optional<Interval>& i = arm.efficiencies[e];
      a[kOfferEfficiencies[e].name] = i ? Json{{"value", i->estimate},
                                               {"ci_low", i->available ? Json(i->low) : Json(nullptr)},
                                               {"ci_high", i->available ? Json(i->high) : Json(nullptr)}}
                                        : Json(nullptr);
    }
    a["intent_calibration"] = Json::array();
    for (const CalibrationRecord& row : arm.calibration) {
      a["intent_calibration"].push_back(
          {{"decile", row.decile}, {"sessions", row.sessions}, {"mean_predicted", row.mean_predicted}, {"converted", row.converted}});
    }
    doc["arms"].push_back(std::move(a));
    for (std::size_t m : report.shown) {
      Json row{{"arm", arm.label}, {"metric", kComparedMetrics[m].name}, {"baseline", doc["baseline"]}};
      row.update(json_numbers(cell_or_null(arm.metrics, m)));
      doc["metrics"].push_back(std::move(row));
    }
  }
  if (report.breakdown) {
    const BreakdownComparison& table = *report.breakdown;
    Json b{{"dimension", to_string(table.dimension)}, {"levels", Json::array()}};
    for (std::size_t level = 0; level < table.levels.size(); ++level) {
      Json rows = Json::array();
      for (std::size_t a = 0; a < report.arms.size(); ++a) {
        for (std::size_t m : report.shown) {
          Json row{{"arm", report.arms[a].label}, {"metric", kComparedMetrics[m].name}};
          row.update(json_numbers(cell_or_null(table.cells[level][a], m)));
          rows.push_back(std::move(row));
        }
      }
      b["levels"].push_back({{"level", table.levels[level]}, {"metrics", std::move(rows)}});
    }
    doc["breakdown"] = std::move(b);
  }
  doc["measured_variance_ratios"] = Json::array();
  for (const MeasuredVarianceRatio& r : report.measured_variance_ratios) {
    doc["measured_variance_ratios"].push_back({{"arm", r.arm},
                                               {"metric", kComparedMetrics[r.metric].name},
                                               {"common_run", report.runs[r.common_run].id},
                                               {"independent_run", report.runs[r.independent_run].id},
                                               {"common_se", r.common_se},
                                               {"independent_se", r.independent_se},
                                               {"variance_ratio", r.ratio()}});
  }
  return doc.dump() + "\n";
}

}  // namespace promosim
