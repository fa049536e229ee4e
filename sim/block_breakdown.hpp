#pragma once
// Each statistics block's counters split by phase, day, hour of day and segment, so that
// `promosim compare --by …` pairs breakdowns by (replicate, shard) block exactly as it pairs
// the totals (docs/statistics.md). One accumulator per (shard, level): a few hundred small
// rows per (arm, replicate), independent of the number of ticks or shoppers.
#include <cstdint>
#include <vector>

#include "metric_counters.hpp"
#include "results_records.hpp"

namespace promosim {

class BlockBreakdown {
 public:
  /// `start_hour`: the hour of day the first tick starts at (timeline.start_hour).
  BlockBreakdown(std::uint32_t shards, std::uint32_t phases, std::uint32_t ticks, std::uint32_t ticks_per_day,
                 std::uint32_t start_hour, std::uint32_t segments);

  /// Adds one tick's counters of `segment`'s sessions in `shard`.
  void add(std::uint32_t shard, std::uint32_t tick, std::uint32_t phase, std::uint32_t segment,
           const MetricCounters& counters);

  /// The rows of every (shard, dimension, level) the timeline covers, zeros included; hours of
  /// the day no tick starts in (ticks longer than an hour) have none.
  std::vector<BreakdownRecord> records(std::uint32_t arm, std::uint32_t replicate) const;

 private:
  std::uint32_t level_count() const { return phases_ + days_ + 24 + segments_; }
  MetricCounters& cell(std::uint32_t shard, std::uint32_t offset) { return cells_[shard * level_count() + offset]; }

  std::uint32_t shards_, phases_, days_, ticks_per_day_, start_hour_, segments_;
  std::vector<bool> hour_used_;
  std::vector<MetricCounters> cells_;  // [shard][phase levels | day levels | 24 hours | segment levels]
};

}  // namespace promosim
