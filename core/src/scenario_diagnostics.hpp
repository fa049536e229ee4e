#pragma once
// Collects every problem found while reading a scenario, with its location, so they can be
// reported together in one ScenarioError.
#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

#include "scenario_error.hpp"

namespace promosim {

class ScenarioDiagnostics {
 public:
  /// `override_paths` are the YAML paths set by --set (e.g. "arms[0].name"): problems at or
  /// below them are located at "--set", since their line numbers would point nowhere.
  ScenarioDiagnostics(std::string file, std::vector<std::string> override_paths);

  /// Records a problem with the value at `yaml_path`, located by `mark` (0-based, as yaml-cpp
  /// gives it). A null mark (a node created by an override) is located at "--set" as well.
  void report(const YAML::Mark& mark, std::string yaml_path, std::string message);

  /// Reports every key of `map` (at `path`) that is not in `known` (with a did-you-mean),
  /// and every key given twice: yaml-cpp silently keeps the first of duplicate keys. `noun`
  /// and `context` word the message: "unknown parameter 'x' for recommender 'y'".
  void check_keys(const YAML::Node& map, const std::string& path, const std::vector<std::string>& known,
                  const std::string& noun = "key", const std::string& context = "");

  /// Throws ScenarioError with everything reported so far, if anything was.
  void throw_if_any() const;

 private:
  bool from_override(const std::string& yaml_path) const;

  std::string file_;
  std::vector<std::string> override_paths_;
  std::vector<Diagnostic> diagnostics_;
};

/// The message check_keys() gives for a key `name` not in `known`: "unknown parameter 'decy'
/// for recommender 'popularity' (did you mean 'decay'?); use one of: decay, mode".
std::string unknown_key_message(const std::string& name, const std::vector<std::string>& known,
                                const std::string& noun = "key", const std::string& context = "");

/// `list` joined with ", ": "a, b, c".
std::string join(const std::vector<std::string>& list);

/// The values of a '|'-separated choice list: "tick|day" -> {"tick", "day"}.
std::vector<std::string> split_choices(std::string_view choices);

}  // namespace promosim
