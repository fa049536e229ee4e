#include <iostream>

#include "commands.hpp"
#include "number_format.hpp"
#include "plugin_registry.hpp"
#include "scenario_loader.hpp"
#include "timeline.hpp"

namespace promosim::cli {

int validate_command(const std::string& path, const std::vector<std::string>& overrides) {
  const ScenarioLoader loader(path, overrides);
  const PluginRegistry registry = PluginRegistry::discover(PluginRegistry::search_path(loader.plugin_paths()));
  const Scenario scenario = loader.resolve(registry);
  const Timeline timeline(scenario.timeline);
  std::cout << path << ": OK — scenario '" << scenario.name << "', " << scenario.arms.size() << " arms, "
            << scenario.replicates << " replicates, " << with_separators(scenario.population.shoppers)
            << " shoppers, " << with_separators(scenario.catalog.items) << " items, " << timeline.phase_count()
            << " phases, " << timeline.tick_count() << " ticks of " << scenario.timeline.tick_minutes << " min\n";
  return kExitOk;
}

}  // namespace promosim::cli
