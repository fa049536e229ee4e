#include "results_reader.hpp"

#include <SQLiteCpp/Statement.h>

#include <utility>

#include "user_error.hpp"

namespace promosim {
namespace {

std::uint32_t as_u32(const SQLite::Column& column) { return static_cast<std::uint32_t>(column.getInt64()); }
std::uint64_t as_u64(const SQLite::Column& column) { return static_cast<std::uint64_t>(column.getInt64()); }

/// Reads the counters, in kCounterFields order, from the current row's columns from `first` on.
MetricCounters read_counters(SQLite::Statement& row, int first) {
  MetricCounters c;
  for (const CounterField& f : kCounterFields) {
    const SQLite::Column column = row.getColumn(first++);
    if (f.count != nullptr) {
      c.*f.count = as_u64(column);
    } else {
      c.*f.amount = column.getDouble();
    }
  }
  return c;
}

/// Runs `sql` (with `id` bound to its one parameter, if given) and converts each row with
/// `read`; SQLite failures become the store's errors.
template <class Read>
auto select(SQLite::Database& db, const std::string& path, const std::string& sql, std::optional<std::int64_t> id,
            Read read) {
  std::vector<decltype(read(std::declval<SQLite::Statement&>()))> rows;
  try {
    SQLite::Statement query(db, sql);
    if (id) query.bind(1, *id);
    while (query.executeStep()) rows.push_back(read(query));
  } catch (const SQLite::Exception& error) {
    throw_results_error(error, path, "read");
  }
  return rows;
}

}  // namespace

ResultsReader::ResultsReader(const std::string& path, std::chrono::milliseconds busy_timeout)
    : path_(path), db_(open_results_database(path, ResultsAccess::kRead, busy_timeout)) {}

std::vector<RunSummary> ResultsReader::query_runs(const std::string& where, std::optional<std::int64_t> id) const {
  return select(db_, path_,
                "SELECT id, scenario_name, status, started_at, COALESCE(ended_at, ''), message, metrics_by, "
                "replicates, shards, threads, seed, random_streams, scenario_path, promosim_version, abi_version "
                "FROM run " + where,
                id, [](SQLite::Statement& row) {
                  RunSummary r;
                  r.id = row.getColumn(0).getInt64();
                  r.scenario_name = row.getColumn(1).getString();
                  r.status = row.getColumn(2).getString();
                  r.started_at = row.getColumn(3).getString();
                  r.ended_at = row.getColumn(4).getString();
                  r.message = row.getColumn(5).getString();
                  r.metrics_by = row.getColumn(6).getString();
                  r.replicates = as_u32(row.getColumn(7));
                  r.shards = as_u32(row.getColumn(8));
                  r.threads = as_u32(row.getColumn(9));
                  r.seed = as_u64(row.getColumn(10));  // stored as the int64 bit pattern
                  r.random_streams = row.getColumn(11).getString();
                  r.scenario_path = row.getColumn(12).getString();
                  r.promosim_version = row.getColumn(13).getString();
                  r.abi_version = as_u32(row.getColumn(14));
                  return r;
                });
}

std::vector<RunSummary> ResultsReader::runs() const { return query_runs("ORDER BY id", std::nullopt); }

RunSummary ResultsReader::run(std::int64_t id) const {
  std::vector<RunSummary> found = query_runs("WHERE id = ?", id);
  if (!found.empty()) return found.front();
  std::string ids;
  for (const RunSummary& r : runs()) ids += (ids.empty() ? "" : ", ") + std::to_string(r.id);
  const std::string missing = "no run " + std::to_string(id) + " in '" + path_ + "'";
  if (ids.empty()) throw UserError(missing + ", which holds no runs yet; run a scenario first");
  throw UserError(missing + "; the runs there are " + ids);
}

std::optional<RunSummary> ResultsReader::latest_run() const {
  std::vector<RunSummary> found = query_runs("ORDER BY id DESC LIMIT 1", std::nullopt);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<ArmRecord> ResultsReader::arms(std::int64_t run) const {
  return select(db_, path_,
                "SELECT arm_index, name, recommender, intent_model, pricing_policy, params, sweep FROM arm "
                "WHERE run = ? ORDER BY arm_index",
                run, [](SQLite::Statement& row) {
                  return ArmRecord{as_u32(row.getColumn(0)), row.getColumn(1).getString(),
                                   row.getColumn(2).getString(), row.getColumn(3).getString(),
                                   row.getColumn(4).getString(), row.getColumn(5).getString(),
                                   row.getColumn(6).getString()};
                });
}

std::vector<PhaseRecord> ResultsReader::phases(std::int64_t run) const {
  return select(db_, path_,
                "SELECT phase_index, name, first_tick, tick_count FROM phase WHERE run = ? ORDER BY phase_index", run,
                [](SQLite::Statement& row) {
                  return PhaseRecord{as_u32(row.getColumn(0)), row.getColumn(1).getString(),
                                     as_u32(row.getColumn(2)), as_u32(row.getColumn(3))};
                });
}

std::vector<SegmentRecord> ResultsReader::segments(std::int64_t run) const {
  return select(db_, path_,
                "SELECT segment_index, name, shoppers FROM segment WHERE run = ? ORDER BY segment_index", run,
                [](SQLite::Statement& row) {
                  return SegmentRecord{as_u32(row.getColumn(0)), row.getColumn(1).getString(),
                                       as_u64(row.getColumn(2))};
                });
}

std::vector<ShardRecord> ResultsReader::shard_totals(std::int64_t run) const {
  return select(db_, path_,
                std::string("SELECT arm_index, replicate, shard, ") + counter_columns() +
                    " FROM shard_total WHERE run = ? ORDER BY arm_index, replicate, shard",
                run, [](SQLite::Statement& row) {
                  return ShardRecord{as_u32(row.getColumn(0)), as_u32(row.getColumn(1)), as_u32(row.getColumn(2)),
                                     read_counters(row, 3)};
                });
}

std::vector<BreakdownRecord> ResultsReader::breakdown(std::int64_t run, Breakdown dimension) const {
  return select(db_, path_,
                std::string("SELECT arm_index, replicate, shard, level, ") + counter_columns() +
                    " FROM block_breakdown WHERE run = ? AND dimension = '" + to_string(dimension) +
                    "' ORDER BY arm_index, replicate, shard, level",
                run, [dimension](SQLite::Statement& row) {
                  return BreakdownRecord{as_u32(row.getColumn(0)), as_u32(row.getColumn(1)), as_u32(row.getColumn(2)),
                                         dimension, as_u32(row.getColumn(3)), read_counters(row, 4)};
                });
}

std::vector<RunPluginRecord> ResultsReader::plugins(std::int64_t run) const {
  return select(db_, path_,
                "SELECT kind, name, version, path, abi_version FROM run_plugin WHERE run = ? ORDER BY rowid", run,
                [](SQLite::Statement& row) {
                  return RunPluginRecord{row.getColumn(0).getString(), row.getColumn(1).getString(),
                                         row.getColumn(2).getString(), row.getColumn(3).getString(),
                                         as_u32(row.getColumn(4))};
                });
}

std::vector<MetricRecord> ResultsReader::metrics(std::int64_t run) const {
  return select(db_, path_,
                std::string("SELECT arm_index, replicate, period, phase_index, segment_index, ") + counter_columns() +
                    " FROM metric WHERE run = ? ORDER BY arm_index, replicate, period, phase_index, segment_index",
                run, [](SQLite::Statement& row) {
                  return MetricRecord{as_u32(row.getColumn(0)), as_u32(row.getColumn(1)), as_u32(row.getColumn(2)),
                                      as_u32(row.getColumn(3)), as_u32(row.getColumn(4)), read_counters(row, 5)};
                });
}

std::vector<CalibrationRecord> ResultsReader::calibration(std::int64_t run) const {
  return select(db_, path_,
                "SELECT arm_index, replicate, decile, sessions, mean_predicted, converted FROM intent_calibration "
                "WHERE run = ? ORDER BY arm_index, replicate, decile",
                run, [](SQLite::Statement& row) {
                  return CalibrationRecord{as_u32(row.getColumn(0)), as_u32(row.getColumn(1)),
                                           as_u32(row.getColumn(2)), as_u64(row.getColumn(3)),
                                           row.getColumn(4).getDouble(), as_u64(row.getColumn(5))};
                });
}

std::string ResultsReader::resolved_config(std::int64_t run) const {
  const std::vector<std::string> config = select(db_, path_, "SELECT resolved_config FROM run WHERE id = ?", run,
                                                 [](SQLite::Statement& row) { return row.getColumn(0).getString(); });
  if (config.empty()) this->run(run);  // throws the UserError that lists the runs there are
  return config.at(0);
}

}  // namespace promosim
