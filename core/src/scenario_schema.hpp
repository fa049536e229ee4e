#pragma once
// The scenario schema: every key declared once (scenario_schema.cpp). The validator looks
// keys up here for their type, default and range; the reference is generated from the same
// table, so the two cannot disagree.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scenario_key_spec.hpp"

namespace promosim {

/// Where the keys of a plugin choice written as a map are declared, for each arm's
/// recommender, intent_model and pricing_policy slot.
inline constexpr std::string_view kPluginChoicePath = "arms[].<slot>";

/// Every declared key, parents before children, in the order the resolved YAML and the
/// reference list them.
std::span<const KeySpec> scenario_keys();

/// The declaration at `path` (e.g. "catalog.items", "arms[].name"). Throws std::logic_error
/// for an undeclared path: that is a bug in the validator, not a user error.
const KeySpec& scenario_key(std::string_view path);

/// Names of the keys declared directly under `parent` ("" for the top level, "arms[]" for an
/// arm), in declaration order.
std::vector<std::string> scenario_child_keys(std::string_view parent);

/// The part of `path` before its last key ("" for a top-level key).
std::string_view parent_path(std::string_view path);

/// The last key of `path`.
std::string_view leaf_key(std::string_view path);

/// What a value of `spec` must be, as a message ends: "an integer in [1, 1000]", "one of:
/// tick, day", "a name of letters, digits, '_' and '-'".
std::string key_expectation(const KeySpec& spec);

}  // namespace promosim
