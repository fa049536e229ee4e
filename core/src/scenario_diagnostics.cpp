#include "scenario_diagnostics.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "did_you_mean.hpp"
#include "yaml_scalar.hpp"

namespace promosim {

ScenarioDiagnostics::ScenarioDiagnostics(std::string file, std::vector<std::string> override_paths)
    : file_(std::move(file)), override_paths_(std::move(override_paths)) {}

bool ScenarioDiagnostics::from_override(const std::string& yaml_path) const {
  for (const std::string& o : override_paths_) {
    if (yaml_path.starts_with(o) &&
        (yaml_path.size() == o.size() || yaml_path[o.size()] == '.' || yaml_path[o.size()] == '[')) {
      return true;
    }
  }
  return false;
}

void ScenarioDiagnostics::report(const YAML::Mark& mark, std::string yaml_path, std::string message) {
  const bool located = !mark.is_null() && !from_override(yaml_path);
  diagnostics_.push_back({file_, std::move(yaml_path), located ? mark.line + 1 : 0, located ? mark.column + 1 : 0,
                          std::move(message)});
}

void ScenarioDiagnostics::check_keys(const YAML::Node& map, const std::string& path,
                                     const std::vector<std::string>& known, const std::string& noun,
                                     const std::string& context) {
  if (!map.IsMap()) return;
  std::map<std::string, YAML::Mark> seen;
  for (const auto& entry : map) {
    const YAML::Node& key = entry.first;
    const std::string prefix = path.empty() ? "" : path + ".";
    if (!key.IsScalar()) {
      report(key.Mark(), path, "found " + describe_node(key) + " used as a key; keys are plain names");
      continue;
    }
    const std::string& name = key.Scalar();
    if (const auto [first, inserted] = seen.emplace(name, key.Mark()); !inserted) {
      report(key.Mark(), prefix + name,
             "duplicate " + noun + " '" + name + "' (first given at " + std::to_string(first->second.line + 1) + ":" +
                 std::to_string(first->second.column + 1) + "); remove one of them");
      continue;
    }
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    report(key.Mark(), prefix + name, unknown_key_message(name, known, noun, context));
  }
}

std::string unknown_key_message(const std::string& name, const std::vector<std::string>& known,
                                const std::string& noun, const std::string& context) {
  const std::string fix = known.empty() ? "; there are none, remove it" : "; use one of: " + join(known);
  return "unknown " + noun + " '" + name + "'" + context + did_you_mean(name, known) + fix;
}

void ScenarioDiagnostics::throw_if_any() const {
  if (diagnostics_.empty()) return;
  // File order reads best; --set values (line 0) come first. Stable, so problems at one
  // place keep the order they were found in.
  std::vector<Diagnostic> sorted = diagnostics_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  throw ScenarioError(std::move(sorted));
}

std::vector<std::string> split_choices(std::string_view choices) {
  std::vector<std::string> out;
  for (std::size_t start = 0;;) {
    const std::size_t bar = choices.find('|', start);
    out.emplace_back(choices.substr(start, bar - start));
    if (bar == std::string_view::npos) return out;
    start = bar + 1;
  }
}

std::string join(const std::vector<std::string>& list) {
  std::string text;
  for (const std::string& item : list) text += (text.empty() ? "" : ", ") + item;
  return text;
}

}  // namespace promosim
