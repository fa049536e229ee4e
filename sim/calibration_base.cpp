#include "calibration_base.hpp"

#include "user_error.hpp"

#include <vector>

#include "scenario_loader.hpp"

namespace promosim {

const char* const kBuiltinCalibrationScenario = R"(name: calibration
description: promosim calibrate's built-in base scenario
seed: 1
replicates: 1
catalog:
  items: 2000
  categories: 20
  price: {dist: lognormal, median: 80, sigma: 0.7}
  margin_rate: {dist: uniform, min: 0.2, max: 0.5}
population:
  shoppers: 20000
  history_days: 2
  segments:
    - {name: everyone, share: 1}
timeline:
  tick_minutes: 60
  hourly_traffic: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
  phases:
    - {name: steady, days: 3}
arms:
  - {name: popularity_list_price, recommender: popularity}
output:
  oracle_sample: 0
)";

CalibrationBase load_calibration_base(const std::string& path, std::optional<std::uint64_t> seed) {
  std::vector<std::string> overrides;
  if (seed) overrides.push_back("seed=" + std::to_string(*seed));
  const ScenarioLoader loader = path.empty()
                                    ? ScenarioLoader::from_text("<built-in calibration scenario>",
                                                                kBuiltinCalibrationScenario, overrides)
                                    : ScenarioLoader(path, overrides);
  PluginRegistry registry = PluginRegistry::discover(PluginRegistry::search_path(loader.plugin_paths()));
  Scenario scenario = loader.resolve(registry);
  if (scenario.population.logged) {
    throw UserError("--scenario " + path + ": its population is replayed from a log, whose prices and arrivals "
                    "calibrate cannot move; use a scenario with a synthetic population (the fragment then fits it)");
  }
  return {std::move(scenario), std::move(registry), path.empty() ? "built-in calibration scenario" : path};
}

}  // namespace promosim
