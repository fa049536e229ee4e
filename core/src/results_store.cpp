#include "results_store.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <SQLiteCpp/VariadicBind.h>

#include <ctime>
#include <stdexcept>

namespace promosim {
namespace {

/// Now as ISO-8601 UTC, e.g. "2024-11-11T08:30:00Z".
std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

std::int64_t as_sql(std::uint64_t value) { return static_cast<std::int64_t>(value); }

/// An INSERT of `keys` (comma-separated) followed by every counter column into `table`.
std::string insert_with_counters(const std::string& table, const std::string& keys, int key_count) {
  std::string placeholders;
  const int columns = key_count + static_cast<int>(std::size(kCounterFields));
  for (int i = 0; i < columns; ++i) placeholders += i == 0 ? "?" : ", ?";
  return "INSERT INTO " + table + " (" + keys + ", " + counter_columns() + ") VALUES (" + placeholders + ")";
}

/// Binds `keys`, then the counters, executes the statement and rewinds it for the next row.
template <class... Keys>
void insert_counters(SQLite::Statement& statement, const MetricCounters& c, const Keys&... keys) {
  SQLite::bind(statement, keys...);
  int index = static_cast<int>(sizeof...(Keys));
  for (const CounterField& f : kCounterFields) {
    ++index;
    if (f.count != nullptr) {
      statement.bind(index, as_sql(c.*f.count));
    } else {
      statement.bind(index, c.*f.amount);
    }
  }
  statement.exec();
  statement.reset();
}

/// Binds `values` to the statement's parameters in order, executes it and rewinds it for the
/// next row.
template <class... Values>
void insert_row(SQLite::Statement& statement, const std::tuple<Values...>& values) {
  SQLite::bind(statement, values);
  statement.exec();
  statement.reset();
}

const char* event_type_name(EventType type) {
  switch (type) {
    case EventType::kClick: return "click";
    case EventType::kCart: return "cart";
    case EventType::kPurchase: return "purchase";
  }
  throw std::invalid_argument("unknown event type " + std::to_string(static_cast<int>(type)));
}

}  // namespace

ResultsStore::ResultsStore(const std::string& path, std::chrono::milliseconds busy_timeout)
    : path_(path), db_(open_results_database(path, ResultsAccess::kWrite, busy_timeout)) {}

std::int64_t ResultsStore::begin_run(const RunRecord& run, const std::vector<RunPluginRecord>& plugins,
                                     const std::vector<ArmRecord>& arms, const std::vector<PhaseRecord>& phases,
                                     const std::vector<SegmentRecord>& segments) {
  try {
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement insert_run(db_,
                                 "INSERT INTO run (scenario_name, scenario_path, resolved_config, seed, replicates, "
                                 "shards, threads, promosim_version, abi_version, metrics_by, random_streams, started_at, "
                                 "status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running')");
    // seed is stored as the uint64's bit pattern; see docs/results-schema.md.
    SQLite::bind(insert_run, run.scenario_name, run.scenario_path, run.resolved_config, as_sql(run.seed),
                 run.replicates, run.shards, run.threads, run.promosim_version, run.abi_version, run.metrics_by,
                 run.random_streams, utc_now());
    insert_run.exec();
    const std::int64_t id = db_.getLastInsertRowid();

    if (const auto& log = run.population_log) {
      SQLite::Statement insert_log(db_, "INSERT INTO log_ingest VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      insert_row(insert_log, std::make_tuple(id, log->path, log->format, as_sql(log->rows_read), as_sql(log->events),
                                             as_sql(log->rows_skipped), log->skipped, as_sql(log->shoppers),
                                             as_sql(log->sessions), as_sql(log->items), log->first_time, log->last_time));
    }
    SQLite::Statement insert_plugin(db_, "INSERT INTO run_plugin VALUES (?, ?, ?, ?, ?, ?)");
    for (const RunPluginRecord& p : plugins) {
      insert_row(insert_plugin, std::make_tuple(id, p.kind, p.name, p.version, p.path, p.abi_version));
    }
    SQLite::Statement insert_arm(db_, "INSERT INTO arm VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (const ArmRecord& a : arms) {
      insert_row(insert_arm, std::make_tuple(id, a.index, a.name, a.recommender, a.intent_model, a.pricing_policy,
                                             a.params, a.sweep));
    }
    SQLite::Statement insert_phase(db_, "INSERT INTO phase VALUES (?, ?, ?, ?, ?)");
    for (const PhaseRecord& p : phases) {
      insert_row(insert_phase, std::make_tuple(id, p.index, p.name, p.first_tick, p.tick_count));
    }
    SQLite::Statement insert_segment(db_, "INSERT INTO segment VALUES (?, ?, ?, ?)");
    for (const SegmentRecord& s : segments) {
      insert_row(insert_segment, std::make_tuple(id, s.index, s.name, as_sql(s.shoppers)));
    }
    transaction.commit();
    return id;
  } catch (const SQLite::Exception& error) {
    throw_results_error(error, path_, "add a run to");
  }
}

void ResultsStore::write_replicate(std::int64_t run, const ReplicateRecords& records) {
  try {
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement insert_metric(
        db_, insert_with_counters("metric", "run, arm_index, replicate, period, phase_index, segment_index", 6));
    for (const MetricRecord& m : records.metrics) {
      insert_counters(insert_metric, m.counters, run, m.arm, m.replicate, m.period, m.phase, m.segment);
    }
    SQLite::Statement insert_shard(db_, insert_with_counters("shard_total", "run, arm_index, replicate, shard", 4));
    for (const ShardRecord& s : records.shards) insert_counters(insert_shard, s.counters, run, s.arm, s.replicate, s.shard);
    SQLite::Statement insert_breakdown(
        db_, insert_with_counters("block_breakdown", "run, dimension, arm_index, replicate, shard, level", 6));
    for (const BreakdownRecord& b : records.breakdowns) {
      insert_counters(insert_breakdown, b.counters, run, to_string(b.dimension), b.arm, b.replicate, b.shard, b.level);
    }
    SQLite::Statement insert_plugin_metric(db_, "INSERT INTO plugin_metric VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (const PluginMetricRecord& p : records.plugin_metrics) {
      insert_row(insert_plugin_metric,
                 std::make_tuple(run, p.arm, p.replicate, p.tick, p.plugin_kind, p.plugin_name, p.metric, p.value));
    }
    SQLite::Statement insert_event(db_, "INSERT INTO event VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const EventRecord& e : records.events) {
      SQLite::bind(insert_event, run, e.arm, e.replicate, e.event.tick, e.event.shopper, e.event.item, e.event.segment,
                   event_type_name(e.event.type));
      // 255 marks an organic event outside any slate: NULL says "no position" to SQL users.
      if (e.event.position == 255) {
        insert_event.bind(9);
      } else {
        insert_event.bind(9, e.event.position);
      }
      insert_event.bind(10, static_cast<double>(e.event.price_paid));
      insert_event.bind(11, static_cast<double>(e.event.discount));
      insert_event.exec();
      insert_event.reset();
    }
    SQLite::Statement insert_calibration(db_, "INSERT INTO intent_calibration VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const CalibrationRecord& c : records.calibration) {
      insert_row(insert_calibration, std::make_tuple(run, c.arm, c.replicate, c.decile, as_sql(c.sessions),
                                                     c.mean_predicted, as_sql(c.converted)));
    }
    transaction.commit();
  } catch (const SQLite::Exception& error) {
    throw_results_error(error, path_, "write run " + std::to_string(run) + " to");
  }
}

void ResultsStore::finish_run(std::int64_t run, RunStatus status, const std::string& message) {
  int changed = 0;
  try {
    SQLite::Statement update(db_, "UPDATE run SET status = ?, ended_at = ?, message = ? WHERE id = ?");
    SQLite::bind(update, to_string(status), utc_now(), message, run);
    changed = update.exec();
  } catch (const SQLite::Exception& error) {
    throw_results_error(error, path_, "finish run " + std::to_string(run) + " in");
  }
  if (changed != 1) throw std::invalid_argument("finish_run: no run " + std::to_string(run) + " in " + path_);
}

}  // namespace promosim
