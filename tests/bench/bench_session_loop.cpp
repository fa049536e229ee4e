// The platform's session loop at scenarios/bench.yaml's size, the number DESIGN §11 is about:
//   session_loop/threads:N   one arm x replicate of the scenario (about 1.37 M sessions in 12
//                            ticks) on N TBB threads. Time is the session loop alone (decide +
//                            respond + barrier, from the run's own stage clock): the world is
//                            built once outside timing and the plugins' fit on the history is
//                            reported as a counter, not timed.
// Counters: sessions/s (sessions / loop seconds); decide_s, respond_s, barrier_s and fit_s
// (seconds per run); clicks/session and purchases/session (to compare the work with the
// baseline's); events/session (clicks + carts + purchases, the events the barrier merges);
// shopper_state_bytes (the engine's memory per shopper during a run).
// Compare with bare_loop/threads:N (bench_bare_loop.cpp), the framework-free baseline.
// Run: build/bin/promosim_bench --benchmark_filter=session_loop
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include "bench_scenario.hpp"
#include "shopper_state.hpp"

namespace {

using namespace promosim;

void session_loop(benchmark::State& state) {
  const auto threads = static_cast<std::size_t>(state.range(0));
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  bench::BenchScenario& bench = bench::BenchScenario::get();
  bench.world();  // built before the first timed run
  StageTimes total;
  std::uint64_t sessions = 0, clicks = 0, purchases = 0, events = 0;
  for (auto _ : state) {
    // Fresh plugins every iteration, as every replicate of `promosim run` gets.
    const ArmOutput out = bench.run_arm();
    state.SetIterationTime(out.times.loop());
    total.add(out.times);
    sessions += out.sessions;
    for (const ShardRecord& shard : out.records.shards) {
      clicks += shard.counters.clicks;
      purchases += shard.counters.purchases;
      events += shard.counters.clicks + shard.counters.carts + shard.counters.purchases;
    }
  }
  const auto runs = static_cast<double>(state.iterations());
  state.counters["sessions/s"] = static_cast<double>(sessions) / total.loop();
  state.counters["sessions"] = static_cast<double>(sessions) / runs;
  state.counters["decide_s"] = total.decide / runs;
  state.counters["respond_s"] = total.respond / runs;
  state.counters["barrier_s"] = total.barrier / runs;
  state.counters["fit_s"] = total.fit / runs;
  const auto per_session = [&](std::uint64_t n) { return static_cast<double>(n) / static_cast<double>(sessions); };
  state.counters["clicks/session"] = per_session(clicks);
  state.counters["purchases/session"] = per_session(purchases);
  state.counters["events/session"] = per_session(events);
  state.counters["shopper_state_bytes"] = sizeof(ShopperState);
}
BENCHMARK(session_loop)->ArgName("threads")->Arg(1)->Arg(2)->Iterations(2)->UseManualTime()->Unit(benchmark::kSecond);

}  // namespace
