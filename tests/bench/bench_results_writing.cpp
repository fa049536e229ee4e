// Storing one (arm, replicate) of scenarios/bench.yaml, taken from a real run of its arm
// (metric rows by tick and segment, 64 shard totals, block breakdowns, calibration and the
// plugins' metrics; bench.yaml samples no events), into a temporary SQLite file:
//   stage/results_writing/write_replicate   ResultsStore::write_replicate, one transaction;
//                                           time per replicate, counter rows/s
//   stage/results_writing/replicate_writer  the same through ReplicateWriter, as `promosim run`
//                                           writes: write_call_s is how long write() keeps the
//                                           simulation waiting, wait_s how long the background
//                                           write still takes after it returned; write() is
//                                           what the run pays, wait() overlaps the next replicate
// The run that provides the records (world build, fit, 12 ticks) happens once, before timing.
// Run: build/bin/promosim_bench --benchmark_filter=stage/results_writing
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_scenario.hpp"
#include "promosim/version.hpp"
#include "replicate_writer.hpp"
#include "results_store.hpp"

namespace {

using namespace promosim;
using Clock = std::chrono::steady_clock;

const ReplicateRecords& bench_records() {
  static const ReplicateRecords records = bench::BenchScenario::get().run_arm().records;
  return records;
}

std::size_t row_count(const ReplicateRecords& r) {
  return r.metrics.size() + r.shards.size() + r.plugin_metrics.size() + r.events.size() + r.calibration.size() +
         r.breakdowns.size();
}

/// A results database in the temporary folder, removed (with its journal) when done.
struct TemporaryStore {
  std::string path = (std::filesystem::temp_directory_path() /
                      ("promosim_bench_results_" + std::to_string(getpid()) + ".sqlite")).string();
  ResultsStore store{path};

  ~TemporaryStore() {
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }

  /// A new run of the bench scenario's shape to write one replicate into.
  std::int64_t begin_run() {
    const bench::BenchScenario& bench = bench::BenchScenario::get();
    const Scenario& s = bench.scenario;
    RunRecord run{s.name, s.source_path, s.resolved_yaml, s.output.metrics_by, s.seed, s.replicates, s.shards, 1,
                  kCoreVersion, kAbiVersion};
    std::vector<PhaseRecord> phases;
    for (std::uint16_t p = 0; p < bench.timeline.phase_count(); ++p) {
      phases.push_back({p, bench.timeline.phase_config(p).name, bench.timeline.phase_first_tick(p),
                        bench.timeline.phase_tick_count(p)});
    }
    std::vector<SegmentRecord> segments;
    for (std::uint32_t i = 0; i < s.population.segments.size(); ++i) segments.push_back({i, s.population.segments[i].name, 0});
    return store.begin_run(run, {}, {{0, s.arms[0].name, "item_knn", "logistic_intent", "elasticity_pricing", ""}}, phases,
                           segments);
  }
};

double seconds(Clock::time_point from, Clock::time_point to) { return std::chrono::duration<double>(to - from).count(); }

void write_replicate(benchmark::State& state) {
  const ReplicateRecords& records = bench_records();
  TemporaryStore db;
  double total = 0.0;
  for (auto _ : state) {
    const std::int64_t run = db.begin_run();
    const Clock::time_point start = Clock::now();
    db.store.write_replicate(run, records);
    const double elapsed = seconds(start, Clock::now());
    state.SetIterationTime(elapsed);
    total += elapsed;
  }
  // Rates computed here: Google Benchmark's kIsRate divides by CPU time, not the manual time.
  state.counters["rows"] = static_cast<double>(row_count(records));
  state.counters["rows/s"] = static_cast<double>(row_count(records)) * static_cast<double>(state.iterations()) / total;
}
BENCHMARK(write_replicate)->Name("stage/results_writing/write_replicate")->UseManualTime()->Unit(benchmark::kMillisecond);

void replicate_writer(benchmark::State& state) {
  const ReplicateRecords& records = bench_records();
  TemporaryStore db;
  double write_call = 0.0, wait = 0.0;
  for (auto _ : state) {
    const std::int64_t run = db.begin_run();
    ReplicateRecords copy = records;  // write() takes the records; the run hands over its own
    ReplicateWriter writer(db.store, run);
    const Clock::time_point start = Clock::now();
    writer.write(std::move(copy));
    const Clock::time_point returned = Clock::now();
    writer.wait();
    const Clock::time_point written = Clock::now();
    write_call += seconds(start, returned);
    wait += seconds(returned, written);
    state.SetIterationTime(seconds(start, written));
  }
  const auto n = static_cast<double>(state.iterations());
  state.counters["write_call_s"] = write_call / n;
  state.counters["wait_s"] = wait / n;
  state.counters["rows/s"] = static_cast<double>(row_count(records)) * n / (write_call + wait);
}
BENCHMARK(replicate_writer)->Name("stage/results_writing/replicate_writer")->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace
