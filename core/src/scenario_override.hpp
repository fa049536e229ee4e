#pragma once
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>

#include "scenario_diagnostics.hpp"

namespace promosim {

/// Applies one --set override, "dotted.path=value", to the parsed scenario `root`. List
/// entries are addressed by index ("arms.0.name"); missing map keys along the path are created.
/// The value is parsed as YAML, so "[a, b]" and "{name: x}" set lists and maps. Returns the
/// path in diagnostic form ("arms[0].name"), or nullopt after reporting a malformed override.
std::optional<std::string> apply_override(YAML::Node& root, std::string_view text, ScenarioDiagnostics& diagnostics);

}  // namespace promosim
