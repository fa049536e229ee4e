#include "ope_report.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "number_format.hpp"
#include "user_error.hpp"
#include "yaml_scalar.hpp"

namespace promosim {

namespace {

double relative_error(double estimate, const PolicyOnLog& policy) {
  if (!policy.truth || *policy.truth == 0.0 || !std::isfinite(estimate)) return std::nan("");
  return std::abs(estimate - *policy.truth) / std::abs(*policy.truth);
}

std::string describe_model(const OpeLog& log, const OpeSettings& settings) {
  std::string cells = log.positions().size() > 1 ? "position, action" : "action";
  for (std::size_t f : settings.model_features) cells += ", " + log.feature_names()[f];
  return "cell means by (" + cells + "), pseudo-count " + fixed_decimals(settings.pseudo_count, 0);
}

std::string table(const OpeLog& log, const OpeSettings& settings, const std::vector<OpePolicyResult>& results) {
  std::ostringstream out;
  const bool uniform = log.constant_propensity_per_slot();
  out << "log:        " << log.source().path << " (" << log.source().format << ", "
      << with_separators(static_cast<double>(log.rows().size())) << " rows, " << log.actions().size() << " actions";
  if (log.positions().size() > 1) out << ", " << log.positions().size() << " positions";
  out << "), outcome " << ope_outcome_name(log.source().outcome) << ", logged mean " << fixed_decimals(log.mean_outcome(), 6)
      << "\n";
  out << "logging:    "
      << (uniform ? "constant propensity per position (replay applies)"
                  : "propensities vary by row (replay does not apply)")
      << "\n";
  out << "model:      " << describe_model(log, settings) << "\n";
  out << "bootstrap:  " << settings.resamples << " resamples of rows, seed " << settings.seed << ", "
      << fixed_decimals(100 * settings.confidence, 0) << "% percentile intervals; switch-dr threshold "
      << format_number(settings.switch_threshold) << "\n";
  for (const OpePolicyResult& result : results) {
    const PolicyOnLog& policy = result.policy;
    out << "\npolicy " << policy.spec;
    if (policy.truth)
      out << "  (on-policy truth " << fixed_decimals(*policy.truth, 6) << " from "
          << with_separators(static_cast<double>(policy.truth_rows)) << " rows)";
    out << "\n";
    char line[160];
    std::snprintf(line, sizeof line, "  %-10s %12s %12s %12s%s\n", "estimator", "estimate", "ci_low", "ci_high",
                  policy.truth ? "   rel_error" : "");
    out << line;
    for (OpeEstimator e : kOpeEstimators) {
      const EstimateInterval& v = result.evaluation.estimates[static_cast<std::size_t>(e)];
      if (e == OpeEstimator::kReplay && !result.evaluation.replay_valid) {
        std::snprintf(line, sizeof line, "  %-10s n/a (logging policy not uniform)\n", "replay");
        out << line;
        continue;
      }
      std::snprintf(line, sizeof line, "  %-10s %12s %12s %12s", std::string(ope_estimator_name(e)).c_str(),
                    fixed_decimals(v.estimate, 6).c_str(), v.available ? fixed_decimals(v.low, 6).c_str() : "n/a",
                    v.available ? fixed_decimals(v.high, 6).c_str() : "n/a");
      out << line;
      if (policy.truth) {
        std::snprintf(line, sizeof line, " %11s", fixed_decimals(relative_error(v.estimate, policy), 3).c_str());
        out << line;
      }
      out << "\n";
    }
    const WeightDiagnostics& d = result.evaluation.diagnostics;
    out << "  weights: effective sample size " << with_separators(d.effective_sample_size) << " ("
        << fixed_decimals(100 * d.ess_share, 1) << "% of " << with_separators(static_cast<double>(d.rows))
        << " rows), max " << fixed_decimals(d.max_weight, 2) << ", mean " << fixed_decimals(d.mean_weight, 3) << ", "
        << d.above_switch << " rows above the switch threshold\n";
    out << "  unsupported: " << fixed_decimals(100 * d.unsupported, 2)
        << "% of the policy's probability mass is on actions never logged at that position\n";
  }
  return out.str();
}

std::string csv(const std::vector<OpePolicyResult>& results) {
  std::ostringstream out;
  out << "policy,estimator,estimate,ci_low,ci_high,truth,relative_error,rows,effective_sample_size,ess_share,"
         "max_weight,mean_weight,unsupported\n";
  const auto cell = [](double v) { return std::isfinite(v) ? fixed_decimals(v, 9) : std::string(); };
  for (const OpePolicyResult& result : results) {
    const WeightDiagnostics& d = result.evaluation.diagnostics;
    std::string spec = result.policy.spec;
    if (spec.find_first_of(",\"") != std::string::npos) {
      std::string quoted = "\"";
      for (char c : spec) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
      spec = quoted + "\"";
    }
    for (OpeEstimator e : kOpeEstimators) {
      const EstimateInterval& v = result.evaluation.estimates[static_cast<std::size_t>(e)];
      out << spec << "," << ope_estimator_name(e) << "," << cell(v.estimate) << ","
          << (v.available ? cell(v.low) : "") << "," << (v.available ? cell(v.high) : "") << ","
          << (result.policy.truth ? cell(*result.policy.truth) : "") << ","
          << cell(relative_error(v.estimate, result.policy)) << "," << d.rows << "," << cell(d.effective_sample_size)
          << "," << cell(d.ess_share) << "," << cell(d.max_weight) << "," << cell(d.mean_weight) << ","
          << cell(d.unsupported) << "\n";
    }
  }
  return out.str();
}

std::string json(const OpeLog& log, const OpeSettings& settings, const std::vector<OpePolicyResult>& results) {
  using Json = nlohmann::ordered_json;
  const auto number = [](double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); };
  Json doc = {{"log", log.source().path},
              {"format", log.source().format},
              {"outcome", ope_outcome_name(log.source().outcome)},
              {"rows", log.rows().size()},
              {"logged_mean", log.mean_outcome()},
              {"model", describe_model(log, settings)},
              {"resamples", settings.resamples},
              {"seed", settings.seed},
              {"confidence", settings.confidence},
              {"switch_threshold", settings.switch_threshold},
              {"policies", Json::array()}};
  for (const OpePolicyResult& result : results) {
    Json estimators = Json::object();
    for (OpeEstimator e : kOpeEstimators) {
      const EstimateInterval& v = result.evaluation.estimates[static_cast<std::size_t>(e)];
      estimators[std::string(ope_estimator_name(e))] = {
          {"estimate", number(v.estimate)},
          {"ci_low", v.available ? number(v.low) : Json(nullptr)},
          {"ci_high", v.available ? number(v.high) : Json(nullptr)},
          {"relative_error", number(relative_error(v.estimate, result.policy))}};
    }
    const WeightDiagnostics& d = result.evaluation.diagnostics;
    doc["policies"].push_back({{"policy", result.policy.spec},
                               {"truth", result.policy.truth ? Json(*result.policy.truth) : Json(nullptr)},
                               {"estimators", estimators},
                               {"diagnostics",
                                {{"rows", d.rows},
                                 {"effective_sample_size", d.effective_sample_size},
                                 {"ess_share", d.ess_share},
                                 {"max_weight", d.max_weight},
                                 {"mean_weight", d.mean_weight},
                                 {"rows_above_switch_threshold", d.above_switch},
                                 {"unsupported", d.unsupported}}}});
  }
  return doc.dump(2) + "\n";
}

}  // namespace

void check_ope_output_format(const std::string& format) {
  if (format != "table" && format != "csv" && format != "json") {
    throw UserError("--output-format '" + format + "' is not table, csv or json; pass one of them");
  }
}

std::string render_ope(const OpeLog& log, const OpeSettings& settings, const std::vector<OpePolicyResult>& results,
                       const std::string& format) {
  check_ope_output_format(format);
  if (format == "csv") return csv(results);
  if (format == "json") return json(log, settings, results);
  return table(log, settings, results);
}

}  // namespace promosim
