#pragma once
// The rows of a results database (docs/results-schema.md), as plain structs the engine fills
// and ResultsStore / ResultsReader move in and out of SQLite. Indices are 0-based positions in
// the scenario (arm order, phase order, segment order).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "metric_counters.hpp"
#include "promosim/types.hpp"

namespace promosim {

/// The run-level facts recorded when a run starts.
/// The log a logged population was read from: its ingest summary (docs/event-log.md).
struct LogIngestRecord {
  std::string path, format;
  std::uint64_t rows_read = 0, events = 0, rows_skipped = 0;
  std::string skipped;  ///< "reason: count (first at file:line)" per reason, "; " between; "" if none
  std::uint64_t shoppers = 0, sessions = 0, items = 0;
  std::int64_t first_time = 0, last_time = 0;  ///< seconds since 1970 UTC
};

struct RunRecord {
  std::string scenario_name, scenario_path;
  std::string resolved_config;  ///< the scenario as YAML with every default filled in
  std::string metrics_by;       ///< "tick" or "day": what metric.period counts
  std::uint64_t seed = 0;
  std::uint32_t replicates = 0, shards = 0, threads = 0;
  std::string promosim_version;
  std::uint32_t abi_version = 0;
  std::string random_streams = "common";  ///< "common" (arms share random numbers) or "independent"
  std::optional<LogIngestRecord> population_log = std::nullopt;  ///< set for population.source: logged
};

/// One plugin library a run used.
struct RunPluginRecord {
  std::string kind, name, version, path;
  std::uint32_t abi_version = 0;
};

struct ArmRecord {
  std::uint32_t index = 0;
  std::string name, recommender, intent_model, pricing_policy;
  std::string params;  ///< YAML of the three plugin choices with all their parameters
  std::string sweep = {};  ///< the scenario sweep that generated the arm; "" for a hand-written arm
};

struct PhaseRecord {
  std::uint32_t index = 0;
  std::string name;
  std::uint32_t first_tick = 0, tick_count = 0;
};

struct SegmentRecord {
  std::uint32_t index = 0;
  std::string name;
  std::uint64_t shoppers = 0;
};

/// Counters of one (arm, replicate, period, phase, segment) cell.
struct MetricRecord {
  std::uint32_t arm = 0, replicate = 0;
  std::uint32_t period = 0;  ///< tick index or day index, per RunRecord::metrics_by
  std::uint32_t phase = 0, segment = 0;
  MetricCounters counters;
};

/// Counters of one (arm, replicate, shard) over the whole timeline: a paired-statistics block.
struct ShardRecord {
  std::uint32_t arm = 0, replicate = 0, shard = 0;
  MetricCounters counters;
};

/// The dimensions a block's counters are broken down by (block_breakdown.dimension).
enum class Breakdown : std::uint8_t { kPhase, kDay, kHour, kSegment };

/// "phase", "day", "hour" or "segment".
inline constexpr const char* to_string(Breakdown dimension) {
  switch (dimension) {
    case Breakdown::kPhase: return "phase";
    case Breakdown::kDay: return "day";
    case Breakdown::kHour: return "hour";
    case Breakdown::kSegment: return "segment";
  }
  return "phase";
}

/// Counters of one (arm, replicate, shard) block in one level of a breakdown: a phase index,
/// a day of the timeline, an hour of the day (0-23) or a segment index.
struct BreakdownRecord {
  std::uint32_t arm = 0, replicate = 0, shard = 0;
  Breakdown dimension = Breakdown::kPhase;
  std::uint32_t level = 0;
  MetricCounters counters;
};

/// One value a plugin reported for a tick.
struct PluginMetricRecord {
  std::uint32_t arm = 0, replicate = 0, tick = 0;
  std::string plugin_kind, plugin_name, metric;
  double value = 0.0;
};

/// One sampled shopper event.
struct EventRecord {
  std::uint32_t arm = 0, replicate = 0;
  Event event{};
};

/// How the intent model's scores compare with what happened: one decile of an (arm,
/// replicate)'s sessions ranked by predicted purchase probability.
struct CalibrationRecord {
  std::uint32_t arm = 0, replicate = 0, decile = 0;  ///< decile 0 holds the lowest scores
  std::uint64_t sessions = 0;
  double mean_predicted = 0.0;
  std::uint64_t converted = 0;  ///< sessions with at least one purchase
};

/// Everything one (arm, replicate) adds to a run.
struct ReplicateRecords {
  std::vector<MetricRecord> metrics;
  std::vector<ShardRecord> shards;
  std::vector<PluginMetricRecord> plugin_metrics;
  std::vector<EventRecord> events;
  std::vector<CalibrationRecord> calibration;
  std::vector<BreakdownRecord> breakdowns = {};
};

/// Lifecycle of a run. A run that never reaches finish_run (the process died) stays kRunning.
enum class RunStatus { kRunning, kComplete, kFailed, kInterrupted };

/// The value stored in run.status: "running", "complete", "failed" or "interrupted".
inline constexpr const char* to_string(RunStatus status) {
  switch (status) {
    case RunStatus::kRunning: return "running";
    case RunStatus::kComplete: return "complete";
    case RunStatus::kFailed: return "failed";
    case RunStatus::kInterrupted: return "interrupted";
  }
  return "running";
}

}  // namespace promosim
