#pragma once
// Shared by the scenario tests: a PluginLookup over a few static descriptors, and helpers that
// write a YAML text to a file and load it.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "plugin_lookup.hpp"
#include "scenario_loader.hpp"

namespace promosim::test {

inline constexpr ParamSpec kPopularityParams[] = {
    ParamSpec::real("decay", 0.9, 0.0, 1.0, "", "weight of yesterday's counts"),
    ParamSpec::integer("window_hours", 24, 1, 720, "h", "counting window"),
    ParamSpec::choice("mode", "all_time", "all_time|windowed", "what is counted"),
};
/// Shares a name with a popularity parameter: sweeps must tell the two apart in arm names.
inline constexpr ParamSpec kRecencyParams[] = {
    ParamSpec::real("decay", 0.5, 0.0, 1.0, "", "weight of older visits"),
};
inline constexpr ParamSpec kDiscountParams[] = {
    ParamSpec::real("discount", 0.1, 0.0, 0.9, "", "share of the list price taken off"),
    ParamSpec::real("max_intent", 1.0, 0.0, 1.0, "", "discount only below this intent"),
    ParamSpec::boolean("round_prices", false, "round to .99"),
};

inline PluginDescriptor fake_plugin(PluginKind kind, const char* name, const ParamSpec* params = nullptr,
                                    std::uint32_t count = 0) {
  PluginDescriptor d;
  d.kind = kind;
  d.name = name;
  d.version = "1.0.0";
  d.description = "test plugin";
  d.params = params;
  d.param_count = count;
  return d;
}

/// popularity and random recommenders, none and recency_frequency intent models, list_price
/// and fixed_discount pricing policies.
class FakePlugins : public PluginLookup {
 public:
  FakePlugins()
      : plugins_{fake_plugin(PluginKind::kRecommender, "popularity", kPopularityParams, 3),
                 fake_plugin(PluginKind::kRecommender, "random"),
                 fake_plugin(PluginKind::kIntentModel, "none"),
                 fake_plugin(PluginKind::kIntentModel, "recency_frequency", kRecencyParams, 1),
                 fake_plugin(PluginKind::kPricingPolicy, "list_price"),
                 fake_plugin(PluginKind::kPricingPolicy, "fixed_discount", kDiscountParams, 3)} {}

  const PluginDescriptor* find(PluginKind kind, std::string_view name) const override {
    for (const PluginDescriptor& d : plugins_) {
      if (d.kind == kind && name == d.name) return &d;
    }
    return nullptr;
  }
  const PluginDescriptor* find_any_kind(std::string_view name) const override {
    for (const PluginDescriptor& d : plugins_) {
      if (name == d.name) return &d;
    }
    return nullptr;
  }
  std::vector<std::string> names(PluginKind kind) const override {
    std::vector<std::string> out;
    for (const PluginDescriptor& d : plugins_) {
      if (d.kind == kind) out.emplace_back(d.name);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::vector<PluginDescriptor> plugins_;
};

/// A folder of its own for this test process's scenario files.
inline std::filesystem::path scratch_folder() {
  const auto dir = std::filesystem::temp_directory_path() / ("promosim-scenario-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

/// Writes `yaml` to `name` in the scratch folder; returns the path.
inline std::string write_scenario(const std::string& yaml, const std::string& name = "s.yaml") {
  const std::filesystem::path path = scratch_folder() / name;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << yaml;
  return path.string();
}

inline std::string fixture(const std::string& name) {
  return std::string(PROMOSIM_TEST_SOURCE_DIR) + "/unit/fixtures/scenarios/" + name;
}

inline Scenario resolve_file(const std::string& path, const std::vector<std::string>& overrides = {}) {
  return ScenarioLoader(path, overrides).resolve(FakePlugins());
}

inline Scenario resolve_text(const std::string& yaml, const std::vector<std::string>& overrides = {}) {
  return resolve_file(write_scenario(yaml), overrides);
}

/// The diagnostics of loading and resolving `yaml`, each as "LINE:COL PATH: message" ("--set"
/// for override values); fails the test if it resolves.
inline std::vector<std::string> errors_of(const std::string& yaml, const std::vector<std::string>& overrides = {}) {
  try {
    resolve_text(yaml, overrides);
  } catch (const ScenarioError& e) {
    std::vector<std::string> out;
    for (const Diagnostic& d : e.diagnostics()) {
      const std::string where = d.line > 0 ? std::to_string(d.line) + ":" + std::to_string(d.column) : "--set";
      out.push_back(where + " " + d.yaml_path + ": " + d.message);
    }
    return out;
  }
  FAIL("the scenario resolved without errors:\n" << yaml);
  return {};
}

}  // namespace promosim::test
