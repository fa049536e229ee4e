#pragma once
// scenarios/bench.yaml (one million shoppers, 20,000 items, item_knn + logistic_intent +
// elasticity_pricing, twelve six-hour ticks) loaded once for the benchmarks that need the
// real engine, with its world built once on first use: building it takes seconds and is not
// what they measure.
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "arm_plugins.hpp"
#include "arm_simulation.hpp"
#include "plugin_registry.hpp"
#include "scenario.hpp"
#include "scenario_loader.hpp"
#include "timeline.hpp"
#include "world.hpp"

namespace promosim::bench {

struct BenchScenario {
  PluginRegistry registry = PluginRegistry::discover({PROMOSIM_PLUGIN_DIR});
  Scenario scenario = ScenarioLoader(PROMOSIM_SOURCE_DIR "/scenarios/bench.yaml", {}).resolve(registry);
  Timeline timeline{scenario.timeline};

  static BenchScenario& get() {
    static BenchScenario instance;
    return instance;
  }

  /// Replicate 0's shared world (common random numbers), built on first call.
  const World& world() {
    if (!world_) world_ = std::make_unique<World>(scenario, timeline, 0, 0, nullptr);
    return *world_;
  }

  /// The scenario's one arm with freshly created plugins, as `promosim run` does for each
  /// replicate: fit on the history, then every tick.
  ArmOutput run_arm() {
    const World& w = world();
    const std::vector<PhaseView> phases = phase_views(timeline);
    const CreateContext context = arm_create_context(scenario, timeline, w, phases);
    ArmPlugins plugins = make_arm_plugins(registry, scenario.arms[0], context, "benchmark");
    ArmSimulation simulation(scenario, timeline, w, 0, 0, plugins);
    const std::atomic<bool> stop{false};
    return simulation.run([](std::uint64_t) {}, stop);
  }

 private:
  std::unique_ptr<World> world_;
};

}  // namespace promosim::bench
