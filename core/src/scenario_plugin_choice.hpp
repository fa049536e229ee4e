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

}  // namespace promosim
