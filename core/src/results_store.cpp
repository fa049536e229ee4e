#include "results_store.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

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

/// Binds the nine counters to parameters first..first+8 of `statement`.
void bind_counters(SQLite::Statement& statement, int first, const MetricCounters& c) {
  statement.bind(first, as_sql(c.sessions));
  statement.bind(first + 1, as_sql(c.impressions));
  statement.bind(first + 2, as_sql(c.clicks));
  statement.bind(first + 3, as_sql(c.carts));
  statement.bind(first + 4, as_sql(c.purchases));
  statement.bind(first + 5, as_sql(c.converted_sessions));
  statement.bind(first + 6, c.revenue);
  statement.bind(first + 7, c.discount_cost);
  statement.bind(first + 8, c.margin);
}

/// Executes and rewinds a statement whose parameters are all bound, ready for the next row.
void step(SQLite::Statement& statement) {
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

constexpr const char* kCounterColumns =
    "sessions, impressions, clicks, carts, purchases, converted_sessions, revenue, discount_cost, margin";

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
                                 "shards, threads, promosim_version, abi_version, metrics_by, started_at, status) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running')");
    insert_run.bind(1, run.scenario_name);
    insert_run.bind(2, run.scenario_path);
    insert_run.bind(3, run.resolved_config);
    insert_run.bind(4, as_sql(run.seed));  // the uint64 bit pattern; docs/results-schema.md
    insert_run.bind(5, run.replicates);
    insert_run.bind(6, run.shards);
    insert_run.bind(7, run.threads);
    insert_run.bind(8, run.promosim_version);
    insert_run.bind(9, run.abi_version);
    insert_run.bind(10, run.metrics_by);
    insert_run.bind(11, utc_now());
    insert_run.exec();
    const std::int64_t id = db_.getLastInsertRowid();

    SQLite::Statement insert_plugin(db_, "INSERT INTO run_plugin VALUES (?, ?, ?, ?, ?, ?)");
    for (const RunPluginRecord& p : plugins) {
      insert_plugin.bind(1, id);
      insert_plugin.bind(2, p.kind);
      insert_plugin.bind(3, p.name);
      insert_plugin.bind(4, p.version);
      insert_plugin.bind(5, p.path);
      insert_plugin.bind(6, p.abi_version);
      step(insert_plugin);
    }
    SQLite::Statement insert_arm(db_, "INSERT INTO arm VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const ArmRecord& a : arms) {
      insert_arm.bind(1, id);
      insert_arm.bind(2, a.index);
      insert_arm.bind(3, a.name);
      insert_arm.bind(4, a.recommender);
      insert_arm.bind(5, a.intent_model);
      insert_arm.bind(6, a.pricing_policy);
      insert_arm.bind(7, a.params);
      step(insert_arm);
    }
    SQLite::Statement insert_phase(db_, "INSERT INTO phase VALUES (?, ?, ?, ?, ?)");
    for (const PhaseRecord& p : phases) {
      insert_phase.bind(1, id);
      insert_phase.bind(2, p.index);
      insert_phase.bind(3, p.name);
      insert_phase.bind(4, p.first_tick);
      insert_phase.bind(5, p.tick_count);
      step(insert_phase);
    }
    SQLite::Statement insert_segment(db_, "INSERT INTO segment VALUES (?, ?, ?, ?)");
    for (const SegmentRecord& s : segments) {
      insert_segment.bind(1, id);
      insert_segment.bind(2, s.index);
      insert_segment.bind(3, s.name);
      insert_segment.bind(4, as_sql(s.shoppers));
      step(insert_segment);
    }
    transaction.commit();
    return id;
  } catch (const SQLite::Exception& error) {
    throw_results_error(error, path_, "add a run to");
  }
}

void ResultsStore::write_replicate(std::int64_t run, const std::vector<MetricRecord>& metrics,
                                   const std::vector<ShardRecord>& shards,
                                   const std::vector<PluginMetricRecord>& plugin_metrics,
                                   const std::vector<EventRecord>& events) {
  try {
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement insert_metric(db_, std::string("INSERT INTO metric (run, arm_index, replicate, period, "
                                                     "phase_index, segment_index, ") +
                                             kCounterColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const MetricRecord& m : metrics) {
      insert_metric.bind(1, run);
      insert_metric.bind(2, m.arm);
      insert_metric.bind(3, m.replicate);
      insert_metric.bind(4, m.period);
      insert_metric.bind(5, m.phase);
      insert_metric.bind(6, m.segment);
      bind_counters(insert_metric, 7, m.counters);
      step(insert_metric);
    }
    SQLite::Statement insert_shard(db_, std::string("INSERT INTO shard_total (run, arm_index, replicate, shard, ") +
                                            kCounterColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const ShardRecord& s : shards) {
      insert_shard.bind(1, run);
      insert_shard.bind(2, s.arm);
      insert_shard.bind(3, s.replicate);
      insert_shard.bind(4, s.shard);
      bind_counters(insert_shard, 5, s.counters);
      step(insert_shard);
    }
    SQLite::Statement insert_plugin_metric(db_, "INSERT INTO plugin_metric VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (const PluginMetricRecord& p : plugin_metrics) {
      insert_plugin_metric.bind(1, run);
      insert_plugin_metric.bind(2, p.arm);
      insert_plugin_metric.bind(3, p.replicate);
      insert_plugin_metric.bind(4, p.tick);
      insert_plugin_metric.bind(5, p.plugin_kind);
      insert_plugin_metric.bind(6, p.plugin_name);
      insert_plugin_metric.bind(7, p.metric);
      insert_plugin_metric.bind(8, p.value);
      step(insert_plugin_metric);
    }
    SQLite::Statement insert_event(db_, "INSERT INTO event VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const EventRecord& e : events) {
      insert_event.bind(1, run);
      insert_event.bind(2, e.arm);
      insert_event.bind(3, e.replicate);
      insert_event.bind(4, e.event.tick);
      insert_event.bind(5, e.event.shopper);
      insert_event.bind(6, e.event.item);
      insert_event.bind(7, e.event.segment);
      insert_event.bind(8, event_type_name(e.event.type));
      // 255 marks an organic event outside any slate: NULL says "no position" to SQL users.
      if (e.event.position == 255) {
        insert_event.bind(9);
      } else {
        insert_event.bind(9, e.event.position);
      }
      insert_event.bind(10, static_cast<double>(e.event.price_paid));
      insert_event.bind(11, static_cast<double>(e.event.discount));
      step(insert_event);
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
    update.bind(1, to_string(status));
    update.bind(2, utc_now());
    update.bind(3, message);
    update.bind(4, run);
    changed = update.exec();
  } catch (const SQLite::Exception& error) {
    throw_results_error(error, path_, "finish run " + std::to_string(run) + " in");
  }
  if (changed != 1) throw std::invalid_argument("finish_run: no run " + std::to_string(run) + " in " + path_);
}

}  // namespace promosim
