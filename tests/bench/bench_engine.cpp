// Google Benchmark suite for the engine's hot path: random draws and one shopper's response
// to a slate. Run: build/bin/promosim_bench
#include <benchmark/benchmark.h>

#include <vector>

#include "behaviour_model.hpp"
#include "catalog.hpp"
#include "population.hpp"
#include "promosim/random_stream.hpp"
#include "timeline.hpp"

namespace {

using namespace promosim;

Scenario bench_scenario() {
  Scenario s;
  s.catalog.items = 20000;
  s.catalog.categories = 100;
  s.catalog.factor_dim = 8;
  s.catalog.price = {Distribution::Family::kLognormal, 100.0, 0.8};
  s.catalog.margin_rate = {Distribution::Family::kUniform, 0.15, 0.45};
  s.catalog.category_spread = 0.5;
  s.catalog.quality_sd = 0.25;
  s.population.shoppers = 100000;
  s.population.segments.push_back({"everyone", 1.0, 0.3, 1.5, 1.0, 0.3, 1.0});
  s.timeline.tick_minutes = 60;
  s.timeline.phases.push_back({"only", 1.0, 1.0, 1.0, 1.0});
  s.behaviour = {10, 0.85, -4.3, -3.0, 2.0, 1.0};
  return s;
}

void BM_PhiloxUniform4(benchmark::State& state) {
  std::uint32_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(RandomStream(42, Purpose::kClick, i++, 7).uniform4(0));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PhiloxUniform4);

void BM_SessionResponse(benchmark::State& state) {
  const Scenario scenario = bench_scenario();
  const Timeline timeline(scenario.timeline);
  const Catalog catalog = Catalog::build(scenario.catalog, 1);
  const Population population = Population::build(scenario.population, scenario.catalog.factor_dim, 1);
  const BehaviourModel model(scenario, catalog, population, timeline, 1);
  std::vector<ItemId> slate(10);
  const std::vector<float> discounts(10, 0.1f);
  std::vector<Event> events;
  MetricCounters counters;
  ShopperId s = 0;
  for (auto _ : state) {
    for (std::size_t j = 0; j < slate.size(); ++j) slate[j] = static_cast<ItemId>((s * 31 + j * 977) % 20000);
    events.clear();
    benchmark::DoNotOptimize(model.simulate(s, 0, slate.data(), discounts.data(), slate.size(), events, counters));
    s = (s + 1) % population.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["sessions/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SessionResponse);

}  // namespace

BENCHMARK_MAIN();
