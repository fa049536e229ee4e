#include <iostream>

#include "commands.hpp"
#include "plugin_registry.hpp"
#include "scenario_loader.hpp"
#include "scenario_calendar.hpp"
#include "scenario_summary.hpp"

namespace promosim::cli {

int validate_command(const std::string& path, const std::vector<std::string>& overrides) {
  const ScenarioLoader loader(path, overrides);
  const PluginRegistry registry = PluginRegistry::discover(PluginRegistry::search_path(loader.plugin_paths()));
  const Scenario scenario = loader.resolve(registry);
  std::cout << path << ": OK — scenario '" << scenario.name << "': " << scenario_summary(scenario) << "\n"
            << scenario_calendar(scenario);
  return kExitOk;
}

}  // namespace promosim::cli
