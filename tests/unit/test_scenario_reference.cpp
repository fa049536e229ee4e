// docs/scenario-reference.md is generated from the schema declarations; it must not drift.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "scenario_schema.hpp"
#include "test_scenario_support.hpp"

using namespace promosim;

TEST_CASE("docs/scenario-reference.md is the generated scenario reference", "[scenario]") {
  const std::string path = std::string(PROMOSIM_TEST_SOURCE_DIR) + "/../docs/scenario-reference.md";
  // The regeneration path for when the CLI does not build: run this test with the variable set.
  if (std::getenv("PROMOSIM_WRITE_REFERENCE") != nullptr) {
    std::ofstream(path, std::ios::binary) << scenario_reference_markdown();
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  INFO(path << " is out of date with core/src/scenario_schema.cpp; regenerate it with "
               "`promosim schema > docs/scenario-reference.md`, or run "
               "`PROMOSIM_WRITE_REFERENCE=1 promosim_unit_tests \"[scenario]\"`");
  const bool up_to_date = text.str() == scenario_reference_markdown();  // not CHECK(a == b): both are long
  CHECK(up_to_date);
}

TEST_CASE("the reference has a row for every declared key with its default", "[scenario]") {
  std::istringstream reference(scenario_reference_markdown());
  std::vector<std::string> lines;
  for (std::string line; std::getline(reference, line);) lines.push_back(line);
  for (const KeySpec& spec : scenario_keys()) {
    const std::string key = "| `" + std::string(leaf_key(spec.path)) + "` | ";
    const std::string fallback = spec.default_yaml != nullptr ? "`" + std::string(spec.default_yaml) + "`" : "*required*";
    INFO(spec.path << " should have a row starting " << key << " with default " << fallback);
    CHECK(std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
      return line.starts_with(key) && line.find(" | " + fallback + " | ") != std::string::npos;
    }));
  }
}
