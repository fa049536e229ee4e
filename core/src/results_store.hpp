#pragma once
// Writes runs into a promosim results database (DESIGN §7, docs/results-schema.md). Each unit
// of work is one transaction: a run's header, then each (arm, replicate) whole or not at all,
// so an interrupted run never looks half-written.
#include <SQLiteCpp/Database.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "results_database.hpp"
#include "results_records.hpp"

namespace promosim {

class ResultsStore {
 public:
  /// Opens `path` for writing, creating it and its schema if absent. Throws UserError (one
  /// line, cause + fix) when the folder does not exist or is not writable; the file exists but
  /// is not a promosim results database (it is then left unchanged); its schema version is
  /// newer than this build's; or another process holds a write lock for longer than
  /// `busy_timeout`. Not thread-safe: one writer thread per store.
  explicit ResultsStore(const std::string& path, std::chrono::milliseconds busy_timeout = kResultsBusyTimeout);

  /// Inserts the run (status 'running', started_at now) with its plugins, arms, phases and
  /// segments in one transaction; returns the new run id (ids grow: the newest run has the
  /// largest).
  std::int64_t begin_run(const RunRecord& run, const std::vector<RunPluginRecord>& plugins,
                         const std::vector<ArmRecord>& arms, const std::vector<PhaseRecord>& phases,
                         const std::vector<SegmentRecord>& segments);

  /// Writes every row of one (arm, replicate) in one transaction: all of them or none. The
  /// arm indices must name arms given to begin_run (foreign keys are enforced).
  void write_replicate(std::int64_t run, const ReplicateRecords& records);

  /// Sets the run's status, ended_at (now) and message. A run never finished stays 'running',
  /// which readers report as incomplete.
  void finish_run(std::int64_t run, RunStatus status, const std::string& message);

  /// The database file this store writes.
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  SQLite::Database db_;
};

}  // namespace promosim
