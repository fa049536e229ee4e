#pragma once
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "plugin_lookup.hpp"
#include "scenario.hpp"

namespace promosim {

/// Validates the parsed scenario `root` (read from `file`, with --set overrides already applied
/// at `override_paths`) in one pass and returns it resolved, every default filled in.
/// Throws ScenarioError listing every problem found.
Scenario resolve_scenario(const std::string& file, const YAML::Node& root,
                          const std::vector<std::string>& override_paths, const PluginLookup& plugins);

/// A path from the scenario (plugin folder, log file), made absolute against the scenario
/// file's folder.
std::string absolute_scenario_path(const std::string& scenario_file, const std::string& path);

}  // namespace promosim
