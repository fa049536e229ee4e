#pragma once
// The scenario calibration simulates: the user's --scenario, or a small built-in one.
#include <cstdint>
#include <optional>
#include <string>

#include "plugin_registry.hpp"
#include "scenario.hpp"

namespace promosim {

/// The built-in base: quickstart's catalog (2,000 items in 20 categories), 20,000 shoppers of one
/// segment with the default values, a flat day (no hour-of-day profile), three days with no peak,
/// and one arm (popularity, list price).
extern const char* const kBuiltinCalibrationScenario;

struct CalibrationBase {
  Scenario scenario;         ///< resolved; only its first arm is simulated
  PluginRegistry registry;   ///< the plugins its arms may use
  std::string description;   ///< "built-in calibration scenario" or the file's path
};

/// Loads `path`, or the built-in base when it is empty, with `seed` replacing the scenario's
/// seed when given. Throws ScenarioError for a scenario that does not validate.
CalibrationBase load_calibration_base(const std::string& path, std::optional<std::uint64_t> seed);

}  // namespace promosim
