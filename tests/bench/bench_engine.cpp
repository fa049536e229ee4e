// Google Benchmark suite for the engine's hot path: random draws and one shopper's response
// to a slate. Run: build/bin/promosim_bench
#include <benchmark/benchmark.h>

#include <vector>

#include "../support/engine_scenario.hpp"
#include "behaviour_model.hpp"
#include "catalog.hpp"
#include "population.hpp"
#include "promosim/random_stream.hpp"
#include "timeline.hpp"

namespace {

using namespace promosim;

void BM_PhiloxUniform4(benchmark::State& state) {
  std::uint32_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(RandomStream(42, Purpose::kClick, i++, 7).uniform4(0));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PhiloxUniform4);

void BM_SessionResponse(benchmark::State& state) {
  const Scenario scenario = promosim::test::engine_scenario(20000, 100000);
  const Timeline timeline(scenario.timeline);
  const Catalog catalog = Catalog::build(scenario.catalog, {}, 1);
  const Population population = Population::build(scenario.population, scenario.catalog.factor_dim, {}, 1);
  const BehaviourModel model(scenario, catalog, population, timeline, 1);
  std::vector<ItemId> slate(10);
  const std::vector<float> discounts(10, 0.1f);
  std::vector<Event> events;
  MetricCounters counters;
  SessionInput in;
  in.slate = slate.data();
  in.discounts = discounts.data();
  in.slate_size = slate.size();
  for (auto _ : state) {
    for (std::size_t j = 0; j < slate.size(); ++j) slate[j] = static_cast<ItemId>((in.shopper * 31 + j * 977) % 20000);
    events.clear();
    benchmark::DoNotOptimize(model.simulate(in, events, counters));
    in.shopper = (in.shopper + 1) % population.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["sessions/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SessionResponse);

}  // namespace

BENCHMARK_MAIN();
