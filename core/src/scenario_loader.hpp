#pragma once
// Entry point of DESIGN §4: a scenario file (+ --set overrides) in, a resolved and fully
// validated Scenario out, or one ScenarioError listing every problem with its location.
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "plugin_lookup.hpp"
#include "scenario.hpp"
#include "scenario_error.hpp"

namespace promosim {

/// Loading is split in two so the caller can discover plugins (from the scenario's own
/// plugin_paths) between parsing and validation. resolve() leaves the loader unchanged and
/// may be called again, e.g. with another PluginLookup.
class ScenarioLoader {
 public:
  /// Reads and parses the YAML file at `path` and applies `overrides` in order
  /// ("dotted.path=value", list indices as numbers, e.g.
  /// "arms.0.pricing_policy.params.discount=0.2"; the value is parsed as a YAML scalar or flow
  /// node). Throws ScenarioError for an unreadable file, malformed YAML (with the parser's
  /// line:col) or malformed overrides (all of them at once).
  ScenarioLoader(const std::string& path, const std::vector<std::string>& overrides);

  /// The same from YAML `text` held in memory (a built-in scenario); `origin` names it in
  /// error messages and is the folder relative plugin_paths start from.
  static ScenarioLoader from_text(const std::string& origin, const std::string& text,
                                  const std::vector<std::string>& overrides);

  /// The scenario's plugin_paths, made absolute against the scenario file's folder. Best
  /// effort, no validation (resolve() validates), so plugins can be discovered first.
  std::vector<std::string> plugin_paths() const;

  /// Validates everything in one pass, collecting every problem, and returns the scenario with
  /// every default filled in, including every declared parameter of each plugin, and
  /// resolved_yaml: the whole configuration with every key explicit, enough to reproduce the
  /// run. Throws ScenarioError with every problem found.
  Scenario resolve(const PluginLookup& plugins) const;

 private:
  struct FromText {};
  ScenarioLoader(FromText, const std::string& origin, const std::string& text,
                 const std::vector<std::string>& overrides);

  std::string path_;
  YAML::Node root_;
  std::vector<std::string> override_paths_;  ///< diagnostic form, e.g. "arms[0].name"
};

/// Markdown reference of every scenario key (path, type, default, range or choices, doc),
/// generated from the declarations the validator uses. docs/scenario-reference.md holds its
/// output; `promosim schema` prints it.
std::string scenario_reference_markdown();

}  // namespace promosim
