#pragma once
// Runs a resolved scenario end to end: opens the results store, records the run, builds
// each replicate's world, runs every arm on it with fresh plugin instances, writes each
// (arm, replicate) in its own transaction, and marks the run complete, failed or
// interrupted. Results already written stay; the run's status says what they are.
#include <atomic>
#include <cstdint>
#include <ostream>
#include <string>

#include "plugin_registry.hpp"
#include "process_group.hpp"
#include "results_records.hpp"
#include "scenario.hpp"
#include "stage_times.hpp"

namespace promosim {

struct RunOptions {
  unsigned threads = 0;          ///< 0: all cores
  std::string database;          ///< results database path
  bool interactive = false;      ///< draw a progress bar in place
  /// Each arm on its own world and random numbers instead of common random numbers: what a
  /// comparison of separate simulations would see (compare then reports unpaired lifts).
  bool independent = false;
  /// The ranks the run is spread over (ProcessGroup::world() under mpirun); null: this
  /// process alone. Rank 0 alone writes the results; they equal a single process's.
  const ProcessGroup* processes = nullptr;
};

struct RunReport {
  std::int64_t run_id = 0;
  std::string database;
  RunStatus status = RunStatus::kRunning;
  std::string message;           ///< why it stopped, for failed/interrupted runs
  std::uint64_t sessions = 0;
  double seconds = 0.0;
  double sessions_per_second = 0.0;
  StageTimes times;              ///< summed over arms and replicates
};

class ScenarioRunner {
 public:
  ScenarioRunner(const Scenario& scenario, const PluginRegistry& plugins, RunOptions options);

  /// Runs everything. Progress goes to `progress`. A stop request (e.g. SIGINT) ends the run
  /// between ticks with status interrupted. A plugin failure marks the run failed and is
  /// rethrown. A results file that cannot be opened throws UserError before any work.
  RunReport run(std::ostream& progress, const std::atomic<bool>& stop);

 private:
  const Scenario& scenario_;
  const PluginRegistry& plugins_;
  RunOptions options_;
};

}  // namespace promosim
