#pragma once
// `promosim compare`: the arms of one run side by side, each metric with its 95% CI across
// replicates and the paired lift against a baseline arm (docs/statistics.md).
#include <cstdint>
#include <optional>
#include <string>

#include "results_reader.hpp"

namespace promosim {

struct CompareOptions {
  std::optional<std::int64_t> run;  ///< nullopt: the newest run in the database
  std::string baseline;             ///< arm name; "" = the run's first arm
  std::string format = "table";     ///< "table" (for people), "csv" (long format) or "json"
};

/// Builds the comparison of one run in the requested format. A run that is not 'complete' is
/// compared on what was stored and labelled partial in every format. Throws UserError for an
/// unknown format, run or baseline arm (with a did-you-mean and the list of arms) and for a
/// run with no stored results.
std::string compare_results(const ResultsReader& reader, const CompareOptions& options);

}  // namespace promosim
