// The three renderings of a ComparisonReport: table, CSV, JSON.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "comparison_report.hpp"
#include "number_format.hpp"

namespace promosim {
namespace {

std::string printf_string(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

// ---- table ------------------------------------------------------------------------------

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
  std::string text = "[";
  text += format(interval.low);
  text += ", ";
  text += format(interval.high);
  return text += "]";
}

std::string format_p(const std::optional<double>& p) {
  if (!p) return "n/a";
  return *p < 0.0001 ? "<0.0001" : printf_string("%.4f", *p);
}

/// Columns padded to their widest cell: the first left-aligned, the rest right-aligned.
void write_aligned(std::ostringstream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string pad(widths[c] - row[c].size(), ' ');
      line += "  " + (c == 0 ? row[c] + pad : pad + row[c]);
    }
    out << line.substr(0, line.find_last_not_of(' ') + 1) << "\n";
  }
}

std::string partial_banner(const ComparisonReport& report) {
  const RunSummary& run = report.run;
  std::string why = run.status == "running" ? "is still running, or its process died (status running)"
                    : run.status == "failed" ? "FAILED"
                                             : "was INTERRUPTED";
  if (!run.message.empty()) why += ": " + run.message;
  std::string stored;
  for (const ArmComparison& arm : report.arms) {
    stored += (stored.empty() ? "" : ", ") + arm.arm.name + " " + std::to_string(arm.replicates) + "/" +
              std::to_string(run.replicates);
  }
  return "!!! PARTIAL RESULTS: run " + std::to_string(run.id) + " " + why + "\n" +
         "!!! only the stored replicates are compared (" + stored + "); these are not the results of a finished run\n";
}

// ---- csv / json ---------------------------------------------------------------------------

/// Full precision (round-trips a double); `empty` where undefined.
std::string exact(double value, const char* empty) {
  return std::isfinite(value) ? printf_string("%.17g", value) : empty;
}

using NamedNumbers = std::vector<std::pair<const char*, std::string>>;

/// The numbers CSV and JSON give for one (arm, metric): value, ci_low, ci_high, abs_lift,
/// abs_low, abs_high, rel_lift, rel_low, rel_high, p_value; `empty` where not available.
NamedNumbers numbers(const ArmComparison& arm, std::size_t metric, const char* empty) {
  const auto number = [&](double v, bool available) { return available ? exact(v, empty) : std::string(empty); };
  const bool stored = arm.replicates != 0;
  const Interval value = stored ? arm.metrics[metric].value : Interval{};
  NamedNumbers out{{"value", number(value.estimate, stored)},
                   {"ci_low", number(value.low, value.available)},
                   {"ci_high", number(value.high, value.available)}};
  const std::optional<LiftEstimate> lift = stored ? arm.metrics[metric].lift : std::nullopt;
  const auto add_interval = [&](const char* estimate, const char* low, const char* high, const Interval* i) {
    out.push_back({estimate, number(i ? i->estimate : 0.0, i != nullptr)});
    out.push_back({low, number(i ? i->low : 0.0, i && i->available)});
    out.push_back({high, number(i ? i->high : 0.0, i && i->available)});
  };
  add_interval("abs_lift", "abs_low", "abs_high", lift ? &lift->absolute : nullptr);
  add_interval("rel_lift", "rel_low", "rel_high", lift ? &lift->relative : nullptr);
  out.push_back({"p_value", number(lift && lift->p_value ? *lift->p_value : 0.0, lift && lift->p_value)});
  return out;
}

/// RFC 4180: quote a field that holds a comma, quote or line break.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

}  // namespace

std::string render_table(const ComparisonReport& report) {
  const RunSummary& run = report.run;
  const ArmComparison& baseline = report.arms[report.baseline];
  std::ostringstream out;
  out << "run " << run.id << ": scenario '" << run.scenario_name << "', status " << run.status << ", "
      << run.replicates << " replicates x " << run.shards << " shards, seed " << run.seed << ", started "
      << run.started_at << "\n";
  if (report.partial()) out << partial_banner(report);
  out << "baseline: " << baseline.arm.name << "\n"
      << "value: mean per replicate (rates: pooled) with 95% CI across replicates; lift: vs the baseline, paired\n"
      << "by (replicate, shard) block, relative with 95% CI, absolute, and two-sided p (unadjusted)\n";

  for (std::size_t m = 0; m < kComparedMetrics.size(); ++m) {
    const ComparedMetric& metric = kComparedMetrics[m];
    // Coupon and new-item sections only where the run has coupons or launches.
    const bool all_zero = std::all_of(report.arms.begin(), report.arms.end(), [&](const ArmComparison& arm) {
      return arm.replicates == 0 || !(std::abs(arm.metrics[m].value.estimate) > 0.0);  // 0 or NaN (0/0)
    });
    if (all_zero) continue;
    const auto value_text = [&](double v) { return format_value(metric, v); };
    std::vector<std::vector<std::string>> rows{{"arm", "value", "95% CI", "lift", "95% CI", "abs lift", "p"}};
    for (std::size_t a = 0; a < report.arms.size(); ++a) {
      const ArmComparison& arm = report.arms[a];
      if (arm.replicates == 0) {
        rows.push_back({arm.arm.name, "no results"});
        continue;
      }
      const MetricComparison& cell = arm.metrics[m];
      std::vector<std::string> row{arm.arm.name, value_text(cell.value.estimate), format_ci(cell.value, value_text)};
      if (a == report.baseline) {
        row.push_back("baseline");
      } else if (cell.lift) {
        row.push_back(format_percent_change(cell.lift->relative.estimate));
        row.push_back(format_ci(cell.lift->relative, format_percent_change));
        row.push_back(format_difference(metric, cell.lift->absolute.estimate));
        row.push_back(format_p(cell.lift->p_value));
      } else {
        row.push_back("n/a");
      }
      rows.push_back(std::move(row));
    }
    out << "\n" << metric.label << "\n";
    write_aligned(out, rows);
  }
  for (std::size_t e = 0; e < kOfferEfficiencies.size(); ++e) {
    std::vector<std::vector<std::string>> rows{{"arm", "value", "95% CI"}};
    for (const ArmComparison& arm : report.arms) {
      if (arm.efficiencies.empty() || !arm.efficiencies[e]) continue;
      const Interval& i = *arm.efficiencies[e];
      const auto text = [](double v) { return printf_string("%.4f", v); };
      rows.push_back({arm.arm.name, text(i.estimate), format_ci(i, text)});
    }
    if (rows.size() == 1) continue;
    out << "\n" << kOfferEfficiencies[e].label << "\n";
    write_aligned(out, rows);
  }
  // A model whose scores all fall in one decile (`none`) has nothing to calibrate.
  const auto ranks = [](const ArmComparison& arm) { return arm.calibration.size() > 1; };
  const bool calibrated = std::any_of(report.arms.begin(), report.arms.end(), ranks);
  if (calibrated) {
    out << "\nintent calibration: predicted -> simulated purchase rate by decile of the intent score, lowest first\n";
    for (const ArmComparison& arm : report.arms) {
      if (!ranks(arm)) continue;
      out << "  " << arm.arm.name << " (" << arm.arm.intent_model << "):";
      for (const CalibrationRecord& row : arm.calibration) {
        out << "  " << printf_string("%.1f%%", 100.0 * row.mean_predicted) << "->"
            << printf_string("%.1f%%", 100.0 * static_cast<double>(row.converted) / static_cast<double>(row.sessions));
      }
      out << "\n";
    }
  }
  return out.str();
}

std::string render_csv(const ComparisonReport& report) {
  std::ostringstream out;
  out << "run,arm,metric,value,ci_low,ci_high,baseline,abs_lift,abs_low,abs_high,rel_lift,rel_low,rel_high,p_value\n";
  const std::string baseline = csv_field(report.arms[report.baseline].arm.name);
  for (const ArmComparison& arm : report.arms) {
    for (std::size_t m = 0; m < kComparedMetrics.size(); ++m) {
      const NamedNumbers cells = numbers(arm, m, "");
      out << report.run.id << "," << csv_field(arm.arm.name) << "," << kComparedMetrics[m].name;
      for (std::size_t c = 0; c < cells.size(); ++c) {
        if (c == 3) out << "," << baseline;  // the column between the value's CI and the lifts
        out << "," << cells[c].second;
      }
      out << "\n";
    }
    for (std::size_t e = 0; e < arm.efficiencies.size(); ++e) {
      if (!arm.efficiencies[e]) continue;
      const Interval& i = *arm.efficiencies[e];
      out << report.run.id << "," << csv_field(arm.arm.name) << "," << kOfferEfficiencies[e].name << ","
          << exact(i.estimate, "") << "," << (i.available ? exact(i.low, "") : "") << ","
          << (i.available ? exact(i.high, "") : "") << "," << baseline << ",,,,,,,\n";
    }
  }
  return out.str();
}

std::string render_json(const ComparisonReport& report) {
  const RunSummary& run = report.run;
  const std::string baseline = json_string(report.arms[report.baseline].arm.name);
  std::ostringstream out;
  out << "{\"run\":{\"id\":" << run.id << ",\"scenario\":" << json_string(run.scenario_name)
      << ",\"status\":" << json_string(run.status) << ",\"partial\":" << (report.partial() ? "true" : "false")
      << ",\"message\":" << json_string(run.message) << ",\"started_at\":" << json_string(run.started_at)
      << ",\"ended_at\":" << (run.ended_at.empty() ? "null" : json_string(run.ended_at))
      << ",\"seed\":" << run.seed << ",\"replicates\":" << run.replicates << ",\"shards\":" << run.shards
      << ",\"threads\":" << run.threads << ",\"metrics_by\":" << json_string(run.metrics_by) << "},\n";
  out << "\"baseline\":" << baseline << ",\n\"arms\":[";
  for (std::size_t a = 0; a < report.arms.size(); ++a) {
    const ArmComparison& arm = report.arms[a];
    out << (a == 0 ? "\n" : ",\n") << "{\"index\":" << arm.arm.index << ",\"name\":" << json_string(arm.arm.name)
        << ",\"recommender\":" << json_string(arm.arm.recommender)
        << ",\"intent_model\":" << json_string(arm.arm.intent_model)
        << ",\"pricing_policy\":" << json_string(arm.arm.pricing_policy)
        << ",\"replicates_stored\":" << arm.replicates << ",\"paired_replicates\":" << arm.paired_replicates;
    for (std::size_t e = 0; e < arm.efficiencies.size(); ++e) {
      const std::optional<Interval>& i = arm.efficiencies[e];
      out << ",\"" << kOfferEfficiencies[e].name << "\":";
      if (!i) {
        out << "null";
      } else {
        out << "{\"value\":" << exact(i->estimate, "null") << ",\"ci_low\":" << (i->available ? exact(i->low, "null") : "null")
            << ",\"ci_high\":" << (i->available ? exact(i->high, "null") : "null") << "}";
      }
    }
    out << ",\"intent_calibration\":[";
    for (std::size_t d = 0; d < arm.calibration.size(); ++d) {
      const CalibrationRecord& row = arm.calibration[d];
      out << (d == 0 ? "" : ",") << "{\"decile\":" << row.decile << ",\"sessions\":" << row.sessions
          << ",\"mean_predicted\":" << exact(row.mean_predicted, "null") << ",\"converted\":" << row.converted << "}";
    }
    out << "]}";
  }
  out << "],\n\"metrics\":[";
  const char* separator = "\n";
  for (const ArmComparison& arm : report.arms) {
    for (std::size_t m = 0; m < kComparedMetrics.size(); ++m) {
      out << separator << "{\"arm\":" << json_string(arm.arm.name) << ",\"metric\":\""
          << kComparedMetrics[m].name << "\",\"baseline\":" << baseline;
      for (const auto& [key, value] : numbers(arm, m, "null")) out << ",\"" << key << "\":" << value;
      out << "}";
      separator = ",\n";
    }
  }
  out << "]}\n";
  return out.str();
}

}  // namespace promosim
