#pragma once
// The promosim subcommands. Each returns the process exit code; user errors are thrown as
// UserError and turned into one line on stderr by main().
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "comparison.hpp"

namespace promosim::cli {

/// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRunFailed = 1;   ///< a plugin or the run failed
inline constexpr int kExitBadInput = 2;    ///< the user's input (scenario, path, arguments) is wrong
inline constexpr int kExitInterrupted = 130;

struct RunArgs {
  std::string scenario;
  unsigned threads = 0;
  std::string out;
  std::vector<std::string> overrides;
  bool no_compare = false;
  bool independent = false;
};
int run_command(const RunArgs& args);

int validate_command(const std::string& scenario, const std::vector<std::string>& overrides);

int plugins_command(const std::string& name, const std::vector<std::string>& plugin_paths);

struct CompareArgs {
  std::vector<std::string> databases;
  CompareOptions options;
};
int compare_command(const CompareArgs& args);

struct ReportArgs {
  std::string database;
  std::string out;
  std::optional<std::int64_t> run;
  CompareOptions options;  ///< baseline, primary metric and correction of the report's comparison
};
int report_command(const ReportArgs& args);

int schema_command();

struct IngestArgs {
  std::string log;
  std::string format;
  std::string mapping;           ///< column mapping YAML, --format generic only
  std::string on_bad_row = "skip";
  std::uint64_t limit = 0;       ///< 0 = read every row
};
/// Streams a logged-data file through its adapter and prints the ingest summary.
int ingest_command(const IngestArgs& args);

struct EvaluateArgs {
  std::string log;
  std::string format;
  std::string mapping;
  std::string on_bad_row = "skip";
  std::uint64_t limit = 0;
  std::vector<std::string> recommenders;   ///< names or {name, params} YAML maps; the first is the baseline
  std::vector<std::string> plugin_paths;
  std::uint32_t k = 10;
  std::uint32_t negatives = 0;
  std::uint64_t seed = 1;
};
/// Leave-last-out next-item evaluation of recommender plugins on a log: HR@k and NDCG@k.
int evaluate_command(const EvaluateArgs& args);
struct OpeArgs {
  std::string log;
  std::string format;
  std::string mapping;                      ///< column mapping YAML, --format generic only
  std::vector<std::string> policies;        ///< --policy specs (ope_policy.hpp)
  std::string outcome = "reward";           ///< reward, click or purchase
  std::size_t bootstrap = 1000;             ///< resamples; 0 = point estimates only
  std::uint64_t seed = 1;
  double switch_threshold = 100.0;          ///< Switch-DR's τ
  std::vector<std::string> model_features;  ///< categorical features that stratify DM's reward model
  std::string on_bad_row = "skip";
  std::string output_format = "table";      ///< table, csv or json
  std::string train;                        ///< log the recommender: policies are fitted on
  std::vector<std::string> plugin_paths;
};
/// Off-policy evaluation of target policies on a log with propensities (docs/off-policy-evaluation.md).
int ope_command(const OpeArgs& args);
struct CalibrateArgs {
  std::string log;
  std::string format;
  std::string mapping;                 ///< column mapping YAML, --format generic only
  std::string out;                     ///< scenario fragment to write
  std::string scenario;                ///< base scenario; empty: the built-in one
  std::optional<std::uint64_t> seed;   ///< replaces the base scenario's seed
};
/// Fits behaviour-model values to a log's marginals by simulation, prints logged against
/// simulated marginals and writes a scenario fragment (docs/calibration.md).
int calibrate_command(const CalibrateArgs& args);

}  // namespace promosim::cli
