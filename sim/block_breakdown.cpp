#include "block_breakdown.hpp"

namespace promosim {

BlockBreakdown::BlockBreakdown(std::uint32_t shards, std::uint32_t phases, std::uint32_t ticks,
                               std::uint32_t ticks_per_day, std::uint32_t start_hour, std::uint32_t segments)
    : shards_(shards),
      phases_(phases),
      days_((ticks + ticks_per_day - 1) / ticks_per_day),
      ticks_per_day_(ticks_per_day),
      start_hour_(start_hour),
      segments_(segments),
      hour_used_(24, false),
      cells_(std::size_t{shards} * level_count()) {
  for (std::uint32_t t = 0; t < ticks_per_day_; ++t) hour_used_[(start_hour_ + t * 24 / ticks_per_day_) % 24] = true;
}

void BlockBreakdown::add(std::uint32_t shard, std::uint32_t tick, std::uint32_t phase, std::uint32_t segment,
                         const MetricCounters& counters) {
  const std::uint32_t day = tick / ticks_per_day_;
  const std::uint32_t hour = (start_hour_ + (tick % ticks_per_day_) * 24 / ticks_per_day_) % 24;
  cell(shard, phase).add(counters);
  cell(shard, phases_ + day).add(counters);
  cell(shard, phases_ + days_ + hour).add(counters);
  cell(shard, phases_ + days_ + 24 + segment).add(counters);
}

std::vector<BreakdownRecord> BlockBreakdown::records(std::uint32_t arm, std::uint32_t replicate) const {
  std::vector<BreakdownRecord> rows;
  for (std::uint32_t shard = 0; shard < shards_; ++shard) {
    const MetricCounters* cells = &cells_[std::size_t{shard} * level_count()];
    for (std::uint32_t p = 0; p < phases_; ++p) rows.push_back({arm, replicate, shard, Breakdown::kPhase, p, cells[p]});
    cells += phases_;
    for (std::uint32_t d = 0; d < days_; ++d) rows.push_back({arm, replicate, shard, Breakdown::kDay, d, cells[d]});
    cells += days_;
    for (std::uint32_t h = 0; h < 24; ++h) {
      if (hour_used_[h]) rows.push_back({arm, replicate, shard, Breakdown::kHour, h, cells[h]});
    }
    cells += 24;
    for (std::uint32_t s = 0; s < segments_; ++s) rows.push_back({arm, replicate, shard, Breakdown::kSegment, s, cells[s]});
  }
  return rows;
}

}  // namespace promosim
