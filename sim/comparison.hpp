#pragma once
// `promosim compare`: the arms of one run side by side, each metric with its 95% CI across
// replicates and the paired lift against a baseline arm (docs/statistics.md).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "comparison_report.hpp"

#include "results_reader.hpp"

namespace promosim {

struct CompareOptions {
  /// Runs of a single database to compare; empty: its newest run. With several databases each
  /// contributes its newest run.
  std::vector<std::int64_t> runs;
  std::string baseline;             ///< arm name (or label); "" = the first run's first arm
  std::string format = "table";     ///< "table", "markdown", "csv" (long format) or "json"
  std::vector<std::string> metrics; ///< metric names to show; empty: all (with --by: primary and guard-rails)
  std::string by;                   ///< "" or a breakdown: "phase", "day", "hour", "segment"
  std::string correction = "holm";  ///< multiple-testing correction: "holm", "bh" or "none"
  std::string primary = "revenue";  ///< the metric the decision is about
  std::vector<std::string> guardrails{"margin", "discount_cost"};  ///< metrics a winner must not lose on
  double detect = 0.01;             ///< relative lift for the replicates-needed column
};

/// Computes the comparison of one or more runs of one scenario (the numbers behind every
/// rendering and the HTML report). Throws UserError for an unknown option value, run or
/// baseline arm (with a did-you-mean), for runs of different scenarios and for a run with no
/// stored results.
ComparisonReport build_comparison(const std::vector<const ResultsReader*>& databases, const CompareOptions& options);

/// build_comparison rendered in `options.format`. A run that is not 'complete' is compared on
/// what was stored and labelled partial in every format.
std::string compare_results(const std::vector<const ResultsReader*>& databases, const CompareOptions& options);
std::string compare_results(const ResultsReader& reader, const CompareOptions& options);

}  // namespace promosim
