// The serial tick barrier's bookkeeping at scenarios/bench.yaml's size (64 shards, 4
// segments, 12 ticks of 6 h in 3 phases):
//   stage/metric_accumulation        one MetricCounters::add of a segment's counters, the
//                                    unit of all metric accumulation: simulate_shard adds each
//                                    segment into the shard's run total, the barrier each
//                                    (shard, segment) into the tick's rows and breakdown cells;
//                                    time per add, items_per_second adds per second
//   stage/barrier_merge/sessions:N   what ArmSimulation::record_tick does with a tick of N
//                                    sessions (71,000: a warm-up tick; 214,000: a peak tick):
//                                    adds the 64 shards' per-segment counters into the tick's
//                                    rows and into the BlockBreakdown, and concatenates their
//                                    event and session-outcome buffers in shard order; time per
//                                    tick. record_tick is private, so this repeats its steps
//                                    with the same public types. Not included: budget spends
//                                    (bench.yaml sets no budget) and event sampling (it samples none).
// The rest of the barrier stage in session_loop's barrier_s is the plugins' observe() of the
// tick, offers, and remembered prices.
// Run: build/bin/promosim_bench --benchmark_filter='stage/(metric_accumulation|barrier_merge)'
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "block_breakdown.hpp"
#include "metric_counters.hpp"
#include "promosim/session_batch.hpp"

namespace {

using namespace promosim;

constexpr std::uint32_t kShards = 64, kSegments = 4, kPhases = 3, kTicks = 12, kTicksPerDay = 4;
// Clicks + carts + purchases per session in bench.yaml's run (session_loop's events/session).
constexpr double kEventsPerSession = 1.26;

/// A plausible session's worth of counts, all fields non-zero so no add is skipped.
MetricCounters some_counters(std::uint64_t n) {
  MetricCounters c;
  for (const CounterField& f : kCounterFields) {
    if (f.count != nullptr) c.*f.count = n;
    else c.*f.amount = 1.5 * static_cast<double>(n);
  }
  return c;
}

void metric_accumulation(benchmark::State& state) {
  std::vector<MetricCounters> segments;
  for (std::uint32_t s = 0; s < kSegments; ++s) segments.push_back(some_counters(s + 1));
  MetricCounters total;
  std::uint32_t s = 0;
  for (auto _ : state) {
    total.add(segments[s++ % kSegments]);
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(metric_accumulation)->Name("stage/metric_accumulation");

/// One shard's buffers at the end of a tick's responses.
struct ShardBuffers {
  std::vector<MetricCounters> segments;
  std::vector<Event> events;
  std::vector<SessionOutcome> outcomes;
};

void barrier_merge(benchmark::State& state) {
  const auto sessions = static_cast<std::size_t>(state.range(0));
  std::vector<ShardBuffers> shards(kShards);
  for (std::uint32_t i = 0; i < kShards; ++i) {
    for (std::uint32_t s = 0; s < kSegments; ++s) shards[i].segments.push_back(some_counters(i + s));
    shards[i].events.resize(static_cast<std::size_t>(static_cast<double>(sessions) * kEventsPerSession / kShards));
    shards[i].outcomes.resize(sessions / kShards);
  }
  BlockBreakdown breakdown(kShards, kPhases, kTicks, kTicksPerDay, 0, kSegments);
  std::vector<MetricCounters> rows(kSegments);
  // The engine keeps these between ticks, so their capacity is reused.
  std::vector<Event> tick_events;
  std::vector<SessionOutcome> tick_sessions;
  std::uint32_t tick = 0;
  for (auto _ : state) {
    const std::uint32_t phase = tick / (kTicks / kPhases);
    tick_events.clear();
    tick_sessions.clear();
    std::uint64_t merged = 0;
    for (std::uint32_t i = 0; i < kShards; ++i) {
      const ShardBuffers& shard = shards[i];
      for (std::uint32_t s = 0; s < kSegments; ++s) {
        rows[s].add(shard.segments[s]);
        breakdown.add(i, tick, phase, s, shard.segments[s]);
        merged += shard.segments[s].sessions;
      }
      tick_events.insert(tick_events.end(), shard.events.begin(), shard.events.end());
      tick_sessions.insert(tick_sessions.end(), shard.outcomes.begin(), shard.outcomes.end());
    }
    benchmark::DoNotOptimize(merged);
    benchmark::DoNotOptimize(tick_events.data());
    benchmark::DoNotOptimize(tick_sessions.data());
    tick = (tick + 1) % kTicks;
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["events"] = static_cast<double>(tick_events.size());
}
BENCHMARK(barrier_merge)->Name("stage/barrier_merge")->ArgName("sessions")->Arg(71000)->Arg(214000)->Unit(benchmark::kMicrosecond);

}  // namespace
