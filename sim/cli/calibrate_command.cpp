// `promosim calibrate`: fit behaviour-model values to a log's marginals (docs/calibration.md).
#include <filesystem>
#include <fstream>
#include <iostream>

#include "calibration_base.hpp"
#include "calibration_fit.hpp"
#include "calibration_report.hpp"
#include "commands.hpp"
#include "ingest_policy.hpp"
#include "ingest_summary.hpp"
#include "log_adapter.hpp"
#include "log_marginals.hpp"
#include "user_error.hpp"

namespace promosim::cli {

int calibrate_command(const CalibrateArgs& args) {
  // Check everything cheap before the log is read and the simulations run.
  std::unique_ptr<LogAdapter> adapter = make_log_adapter(args.format, args.mapping);
  CalibrationBase base = load_calibration_base(args.scenario, args.seed);
  const std::filesystem::path folder = std::filesystem::path(args.out).parent_path();
  std::error_code ec;
  if (!folder.empty() && !std::filesystem::is_directory(folder, ec)) {
    throw UserError("--out " + args.out + ": the folder " + folder.string() + " does not exist; create it first");
  }

  // No shopper id leaves the process: a throwaway pseudonym key, no PROMOSIM_PSEUDONYM_KEY needed.
  IngestPolicy policy{OnBadRow::kSkip, ShopperPseudonym::throwaway(), 0};
  std::vector<LoggedEvent> events;
  IngestSummary summary;
  adapter->read(args.log, policy, [&](const LoggedEvent& e) { events.push_back(e); }, summary);
  const LogMarginals logged = measure_log_marginals(std::move(events));
  if (logged.sessions == 0) {
    throw UserError(args.log + ": the log has no view or click events, so no session to calibrate against; "
                    "check --format or the mapping's event_type values");
  }
  std::cerr << "calibrate: " << args.log << " (" << args.format << "): " << summary.events << " events (" << summary.rows_skipped << " bad rows skipped), "
            << logged.sessions << " sessions with a view"
            << (logged.had_session_ids ? "" : " (split at 30-minute gaps: the log has no session ids)") << "; base "
            << base.description << ", seed " << base.scenario.seed << "\n";

  const CalibrationResult result = fit_calibration(base.scenario, base.registry, logged, CalibrationOptions{}, std::cerr);
  std::cout << calibration_table(logged, result);
  const CalibrationSource source{args.log, args.format, summary.rows_read, summary.events,
                                 format_utc(summary.first_time) + " .. " + format_utc(summary.last_time),
                                 base.description, base.scenario.seed};
  std::ofstream fragment_file(args.out, std::ios::binary | std::ios::trunc);
  fragment_file << calibration_fragment(result, source);
  fragment_file.close();
  if (!fragment_file) throw UserError("cannot write the fragment to '" + args.out + "' ; check the path and free space");
  std::cout << "fragment: " << args.out << "\n";
  if (!result.converged) {
    std::cerr << "warning: the fit did not reach the tolerance within " << CalibrationOptions{}.max_iterations
              << " simulations; the table shows how close it came\n";
  }
  return kExitOk;
}

}  // namespace promosim::cli
