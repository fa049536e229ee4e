#pragma once
// The numbers behind `promosim report`: one JSON document (docs/report.md lists its fields)
// with the run's provenance, the comparison's summary, each arm's metrics over the timeline
// with CIs across replicates, lifts per segment, budget spend against plan and the funnel.
#include <string>

#include "comparison.hpp"
#include "results_reader.hpp"

namespace promosim {

/// The report's data and the run it describes.
struct ReportData {
  std::string json;
  RunSummary run;
};

/// The report's data for the run `options.runs` names (or the newest run) of `reader`,
/// compared against `options.baseline` with `options.correction`. Throws UserError as
/// build_comparison does.
ReportData report_data(const ResultsReader& reader, const CompareOptions& options);

}  // namespace promosim
