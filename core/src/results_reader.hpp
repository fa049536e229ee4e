#pragma once
// Read-only access to a promosim results database, for `promosim compare` and reports. Opens
// the file with SQLite::OPEN_READONLY, so it can read a run while another process writes it.
#include <SQLiteCpp/Database.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "results_database.hpp"
#include "results_records.hpp"

namespace promosim {

/// One row of the run table, without the (large) resolved configuration.
struct RunSummary {
  std::int64_t id = 0;
  std::string scenario_name;
  std::string status;      ///< "running" (in progress or crashed), "complete", "failed", "interrupted"
  std::string started_at;  ///< ISO-8601 UTC
  std::string ended_at;    ///< ISO-8601 UTC; "" while running or after a crash
  std::string message;     ///< why a run failed or was interrupted; "" otherwise
  std::string metrics_by;  ///< "tick" or "day"
  std::string random_streams = "common";  ///< "common" or "independent" (`run --independent`)
  std::string scenario_path, promosim_version;
  std::uint32_t abi_version = 0;
  std::uint32_t replicates = 0, shards = 0, threads = 0;
  std::uint64_t seed = 0;
};

class ResultsReader {
 public:
  /// Opens an existing results database read-only. Throws UserError when the file does not
  /// exist, is not a promosim results database, or has a newer schema than this build.
  explicit ResultsReader(const std::string& path, std::chrono::milliseconds busy_timeout = kResultsBusyTimeout);

  /// Every run, oldest first.
  std::vector<RunSummary> runs() const;
  /// The run with this id; UserError listing the ids there are if there is none.
  RunSummary run(std::int64_t id) const;
  /// The newest run of any status, or nullopt in a database without runs.
  std::optional<RunSummary> latest_run() const;

  /// Arms, phases and segments of a run, by index.
  std::vector<ArmRecord> arms(std::int64_t run) const;
  std::vector<PhaseRecord> phases(std::int64_t run) const;
  std::vector<SegmentRecord> segments(std::int64_t run) const;
  /// Per (arm, replicate, shard) totals, ordered by arm, replicate, shard. Only (arm, replicate)
  /// pairs that were written completely appear.
  std::vector<ShardRecord> shard_totals(std::int64_t run) const;
  /// Per (arm, replicate, shard, level) counters of one breakdown, in that order.
  std::vector<BreakdownRecord> breakdown(std::int64_t run, Breakdown dimension) const;
  /// The plugin libraries the run loaded.
  std::vector<RunPluginRecord> plugins(std::int64_t run) const;
  /// Per (arm, replicate, period, phase, segment) counters, in that order.
  std::vector<MetricRecord> metrics(std::int64_t run) const;
  /// The intent model's calibration rows, by arm, replicate and decile.
  std::vector<CalibrationRecord> calibration(std::int64_t run) const;
  /// The scenario as resolved for the run (YAML, all defaults filled in).
  std::string resolved_config(std::int64_t run) const;

  const std::string& path() const { return path_; }

 private:
  /// Runs of `SELECT … FROM run <where>`, `id` bound to its parameter if given.
  std::vector<RunSummary> query_runs(const std::string& where, std::optional<std::int64_t> id) const;

  std::string path_;
  // SQLite statements mutate the connection's state; reading is logically const.
  mutable SQLite::Database db_;
};

}  // namespace promosim
