#include "scenario_loader.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenario_diagnostics.hpp"
#include "scenario_override.hpp"
#include "scenario_resolve.hpp"
#include "yaml_scalar.hpp"

namespace promosim {
namespace {

[[noreturn]] void fail_file(const std::string& path, const std::string& message, int line = 0, int column = 0) {
  throw ScenarioError({Diagnostic{path, "", line, column, message}});
}

std::string read_text(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    fail_file(path, "is a folder, not a scenario file; give the path of a .yaml file");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    fail_file(path, std::string("cannot read the scenario file (") + std::strerror(errno) + "); check the path");
  }
  return text.str();
}

}  // namespace

ScenarioLoader::ScenarioLoader(const std::string& path, const std::vector<std::string>& overrides)
    : ScenarioLoader(FromText{}, path, read_text(path), overrides) {}

ScenarioLoader ScenarioLoader::from_text(const std::string& origin, const std::string& text,
                                         const std::vector<std::string>& overrides) {
  return ScenarioLoader(FromText{}, origin, text, overrides);
}

ScenarioLoader::ScenarioLoader(FromText, const std::string& path, const std::string& text,
                               const std::vector<std::string>& overrides)
    : path_(path) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    fail_file(path, "the scenario file is empty; start from scenarios/quickstart.yaml");
  }
  if (text.find('\0') != std::string::npos) {
    fail_file(path, "is not a text file; give the path of a YAML scenario");
  }
  try {
    root_ = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    fail_file(path, "malformed YAML: " + e.msg + "; fix the syntax here (indentation, brackets, quotes)",
              e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.is_null() ? 0 : e.mark.column + 1);
  }
  ScenarioDiagnostics diagnostics(path, {});
  for (const std::string& override_text : overrides) {
    if (auto applied = apply_override(root_, override_text, diagnostics)) override_paths_.push_back(std::move(*applied));
  }
  diagnostics.throw_if_any();
}

std::vector<std::string> ScenarioLoader::plugin_paths() const {
  std::vector<std::string> folders;
  const YAML::Node list = find_entry(root_, "plugin_paths").first;
  if (list.IsSequence()) {
    for (const YAML::Node& folder : list) {
      if (folder.IsScalar()) folders.push_back(absolute_scenario_path(path_, folder.Scalar()));
    }
  }
  return folders;
}

Scenario ScenarioLoader::resolve(const PluginLookup& plugins) const {
  // resolve_scenario reads the tree through const access only, so root_ stays as parsed (and
  // keeps its marks, which YAML::Clone would drop).
  return resolve_scenario(path_, root_, override_paths_, plugins);
}

}  // namespace promosim
