#pragma once
// Parameter sweeps (DESIGN §4, "parameter sweeps expand to arms"): each `sweep` entry gives
// plugin choices as an arm does, plus a grid of values or a list of cases; every combination or
// case becomes an arm, held to the rules of an arm written by hand.
#include <cstddef>
#include <vector>

#include "plugin_lookup.hpp"
#include "scenario.hpp"
#include "scenario_map_reader.hpp"

namespace promosim {

/// Most arms a scenario may have, written and generated together: a grid multiplies quickly,
/// and every arm costs a whole simulation per replicate.
inline constexpr std::size_t kMaxArms = 256;

/// Reads `sweep` from the top-level map `top` and returns the arms it generates, in order, to
/// follow `written` (the arms read from `arms`; a name "" marks one whose name was invalid).
/// Their resolved form (each with `sweep: NAME`) is appended to the resolved `arms` list; the
/// caller drops `sweep` itself from the resolved YAML, so a stored run re-loads to the same
/// arms. Also reports a scenario with no arm at all, and one with more than kMaxArms.
std::vector<ArmConfig> read_sweeps(ScenarioMapReader& top, const std::vector<ArmConfig>& written,
                                   const PluginLookup& plugins);

}  // namespace promosim
