#pragma once
#include <string_view>

#include "plugin_lookup.hpp"
#include "scenario.hpp"
#include "scenario_map_reader.hpp"

namespace promosim {

/// Reads the plugin choice `key` of an arm, written as a bare plugin name or as {name, params}.
/// The plugin must exist in `kind`'s slot and its params must match the descriptor's
/// ParamSpecs (names, types, ranges, choices); the returned ParameterSet holds every declared
/// parameter in declaration order, defaults where not given. Params of an unknown plugin are
/// not looked at: their names cannot be checked. Problems go to the arm's diagnostics.
PluginChoice read_plugin_choice(ScenarioMapReader& arm, std::string_view key, PluginKind kind,
                                const PluginLookup& plugins);

// The pieces read_plugin_choice() checks with, shared with sweeps (scenario_sweep.cpp) so a
// generated arm is held to exactly the rules of one written by hand.

/// Why `name` does not fill the `kind` slot: an unknown name (with a did-you-mean and the
/// slot's plugins), or a plugin of another kind.
std::string unknown_plugin(const std::string& name, PluginKind kind, const PluginLookup& plugins);

/// Checks one given parameter value against `spec` and, if it is acceptable, appends it to
/// `params`; returns the problem (cause and fix), or "".
std::string add_given(ParameterSet& params, const ParamSpec& spec, const YAML::Node& value);

/// `params` as the resolved YAML writes them: {decay: 0.9, mode: windowed, round: false}.
YAML::Node resolved_params(const ParameterSet& params);

}  // namespace promosim
