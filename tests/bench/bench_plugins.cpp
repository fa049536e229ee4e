// Google Benchmark suite for every shipped plugin, at the size of scenarios/double11.yaml
// (20,000 items, 200,000 shoppers, 7 days of organic history):
//   plugin/<kind>/<name>/fit      one fit() on the history (plus create), in seconds
//   plugin/<kind>/<name>/decide   one decision call on a batch of 1,000 sessions at the peak;
//                                 items_per_second is sessions per second, so 1e9 / it is ns
//                                 per session
// Plugins are found in the build's plugin folder, so a new plugin is measured without an edit
// here. Run: build/bin/promosim_bench --benchmark_filter=plugin/
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "../support/engine_scenario.hpp"
#include "parameter_defaults.hpp"
#include "plugin_instance.hpp"
#include "plugin_registry.hpp"
#include "promosim/sdk.hpp"
#include "timeline.hpp"
#include "world.hpp"

namespace {

using namespace promosim;

constexpr std::size_t kBatch = 1000;
constexpr std::size_t kSlate = 10;

/// The double11-sized world every plugin is measured in, built once.
struct BenchWorld {
  Scenario scenario = [] {
    Scenario s = promosim::test::engine_scenario(20000, 200000);
    s.population.history_days = 7;
    s.shards = 64;
    return s;
  }();
  Timeline timeline{scenario.timeline};
  World world{scenario, timeline, 0};
  std::vector<PhaseView> phases;
  std::vector<SessionView> sessions;  // kBatch returning shoppers spread over the population
  DecisionContext context;

  BenchWorld() {
    for (std::uint16_t p = 0; p < timeline.phase_count(); ++p) {
      phases.push_back({timeline.phase_config(p).name.c_str(), timeline.phase_first_tick(p),
                        timeline.phase_tick_count(p), timeline.phase_config(p).traffic});
    }
    const std::size_t step = world.population().size() / kBatch;
    for (std::size_t i = 0; i < kBatch; ++i) sessions.push_back(world.initial_state()[i * step].view);
    context.catalog = &world.catalog().view();
    context.tick = timeline.phase_first_tick(1);
    context.tick_count = timeline.tick_count();
    context.ticks_per_day = timeline.ticks_per_day();
    context.phase = 1;
    context.phase_name = phases[1].name;
    context.budget_remaining = 1e6;
    context.random_key = world.key();
  }

  static const BenchWorld& get() {
    static const BenchWorld instance;
    return instance;
  }
};

/// One plugin instance created with its defaults and fitted on the world's history.
template <class Interface>
struct FittedPlugin {
  ParameterSet params;
  CreateContext create;
  PluginInstance<Interface> instance;

  explicit FittedPlugin(const PluginEntry& entry) : params(default_parameters(*entry.descriptor)) {
    const BenchWorld& w = BenchWorld::get();
    create.params = &params;
    create.catalog = &w.world.catalog().view();
    create.shopper_count = w.world.population().size();
    create.segment_count = static_cast<std::uint32_t>(w.scenario.population.segments.size());
    create.slate_size = kSlate;
    create.tick_count = w.timeline.tick_count();
    create.ticks_per_day = w.timeline.ticks_per_day();
    create.random_key = w.world.key();
    create.phases = w.phases.data();
    create.phase_count = static_cast<std::uint32_t>(w.phases.size());
    create.discount_budget = 1e6;
    instance = PluginInstance<Interface>(entry.library, *entry.descriptor, create, "benchmark");
    if (instance.has(kLearnsFromHistory)) {
      LearnContext learn;
      learn.catalog = create.catalog;
      learn.ticks_per_day = create.ticks_per_day;
      learn.sessions = w.world.history_sessions().data();
      learn.session_count = w.world.history_sessions().size();
      instance->fit(learn, {w.world.history_events().data(), w.world.history_events().size()});
    }
  }
};

void decide(const Recommender& plugin, const SessionBatch& batch, std::vector<ItemId>& slates) {
  plugin.recommend(batch, kSlate, slates.data());
}
void decide(const IntentModel& plugin, const SessionBatch& batch, std::vector<float>& intent) {
  plugin.predict(batch, intent.data());
}

/// Pricing inputs: a slate per session spread over the catalog and intents spread over [0, 0.2].
struct PricingBuffers {
  std::vector<ItemId> slates;
  std::vector<float> intent, discounts;
  std::vector<CouponOffer> coupons;
  PricingBuffers() : intent(kBatch), discounts(kBatch * kSlate), coupons(kBatch) {
    const std::uint32_t items = BenchWorld::get().world.catalog().item_count();
    for (std::size_t i = 0; i < kBatch; ++i) {
      intent[i] = 0.2f * static_cast<float>(i % 100) / 100.0f;
      for (std::size_t j = 0; j < kSlate; ++j) slates.push_back(static_cast<ItemId>((i * 131 + j * 17) % items));
    }
  }
};
void decide(const PricingPolicy& plugin, const SessionBatch& batch, PricingBuffers& buffers) {
  plugin.price(batch, buffers.intent.data(), kSlate, buffers.slates.data(), buffers.discounts.data(),
               buffers.coupons.data());
}

template <class Interface>
auto make_buffers() {
  if constexpr (std::is_same_v<Interface, Recommender>) {
    return std::vector<ItemId>(kBatch * kSlate);
  } else if constexpr (std::is_same_v<Interface, IntentModel>) {
    return std::vector<float>(kBatch);
  } else {
    return PricingBuffers{};
  }
}

template <class Interface>
void register_plugin(const PluginEntry& entry) {
  const std::string prefix = std::string("plugin/") + to_string(entry.descriptor->kind) + "/" + entry.descriptor->name;
  benchmark::RegisterBenchmark((prefix + "/fit").c_str(), [entry](benchmark::State& state) {
    BenchWorld::get();  // built before timing starts
    for (auto _ : state) benchmark::DoNotOptimize(FittedPlugin<Interface>(entry).instance.operator->());
  })->Unit(benchmark::kMillisecond)->Iterations(1);
  benchmark::RegisterBenchmark((prefix + "/decide").c_str(), [entry](benchmark::State& state) {
    const FittedPlugin<Interface> plugin(entry);
    const BenchWorld& w = BenchWorld::get();
    const SessionBatch batch{&w.context, w.sessions.data(), w.sessions.size()};
    auto buffers = make_buffers<Interface>();
    for (auto _ : state) {
      decide(plugin.instance.get(), batch, buffers);
      benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kBatch));
  })->Unit(benchmark::kMicrosecond);
}

/// Registers both benchmarks of every plugin in the build's plugin folder at start-up.
const bool kRegistered = [] {
  static const PluginRegistry registry = PluginRegistry::discover({PROMOSIM_PLUGIN_DIR});
  for (const PluginEntry& entry : registry.entries()) {
    switch (entry.descriptor->kind) {
      case PluginKind::kRecommender: register_plugin<Recommender>(entry); break;
      case PluginKind::kIntentModel: register_plugin<IntentModel>(entry); break;
      case PluginKind::kPricingPolicy: register_plugin<PricingPolicy>(entry); break;
    }
  }
  return true;
}();

}  // namespace
