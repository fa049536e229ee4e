// `promosim calibrate` end to end: the fit converges on a synthetic log, its fragment merged
// into quickstart validates, the same seed writes the same fragment, and bad input (unknown
// format, unreadable file, a log without views) is one line on stderr and exit 2.
#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "../support/cli_runner.hpp"

using Catch::Matchers::Contains;
using promosim::test::fresh_folder;
using promosim::test::read_file;
using promosim::test::run_cli;
using promosim::test::source_path;

namespace {

promosim::test::CliResult calibrate(const std::string& out, const std::string& log = "calibrate_synthetic.csv",
                                    const std::string& seed = "5") {
  return run_cli({"calibrate", source_path("fixtures/logs/" + log), "--format", "generic", "--mapping",
                  source_path("fixtures/logs/calibrate_mapping.yaml"), "--scenario",
                  source_path("fixtures/scenarios/calibrate_small.yaml"), "--seed", seed, "--out", out});
}

/// Merges `fragment` into `base`: maps key by key, anything else (lists too) replaced.
void merge(YAML::Node base, const YAML::Node& fragment) {
  for (const auto& entry : fragment) {
    const std::string key = entry.first.as<std::string>();
    if (entry.second.IsMap() && base[key] && base[key].IsMap()) {
      merge(base[key], entry.second);
    } else {
      base[key] = entry.second;
    }
  }
}

}  // namespace

TEST_CASE("calibrate fits a synthetic log and its fragment, merged into quickstart, validates") {
  const auto dir = fresh_folder("calibrate");
  const std::string fragment = (dir / "fragment.yaml").string();
  const auto r = calibrate(fragment);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("view->cart (session-item)"));
  CHECK_THAT(r.out, Contains("fit: converged"));
  CHECK_THAT(r.out, Contains("KS statistic, views per session:"));
  CHECK_THAT(r.out, Contains("CTR by position: n/a: the log has no positions"));
  CHECK_THAT(r.err, Contains("iteration  1:"));
  const std::string text = read_file(fragment);
  CHECK_THAT(text, Contains("# log:   "));
  CHECK_THAT(text, Contains("calibrate_synthetic.csv (generic), 1756 rows read"));
  CHECK_THAT(text, Contains("# span:  "));
  CHECK_THAT(text, Contains("# fitted: view->cart"));

  YAML::Node scenario = YAML::LoadFile(std::string(PROMOSIM_SOURCE_DIR) + "/scenarios/quickstart.yaml");
  merge(scenario, YAML::Load(text));
  CHECK(scenario["behaviour"]["click_bias"].as<double>() != -4.3);
  CHECK(scenario["population"]["segments"].size() == 1);
  const std::string merged = (dir / "quickstart_calibrated.yaml").string();
  std::ofstream(merged) << YAML::Dump(scenario);
  const auto v = run_cli({"validate", merged});
  INFO(v.err);
  CHECK(v.exit_code == 0);
  std::filesystem::remove_all(dir);
}

TEST_CASE("calibrate with the same seed writes the same fragment") {
  const auto dir = fresh_folder("calibrate-seed");
  const std::string first = (dir / "first.yaml").string(), second = (dir / "second.yaml").string();
  REQUIRE(calibrate(first).exit_code == 0);
  REQUIRE(calibrate(second).exit_code == 0);
  CHECK(read_file(first) == read_file(second));
  std::filesystem::remove_all(dir);
}

TEST_CASE("calibrate refuses bad input with one line on stderr and exit 2") {
  const auto dir = fresh_folder("calibrate-bad");
  const std::string out = (dir / "fragment.yaml").string();
  const auto one_line = [](const std::string& err) { return std::count(err.begin(), err.end(), '\n') == 1; };

  auto r = run_cli({"calibrate", source_path("fixtures/logs/calibrate_synthetic.csv"), "--format", "nosuch", "--out", out});
  CHECK(r.exit_code == 2);
  CHECK(one_line(r.err));
  CHECK_THAT(r.err, Contains("nosuch"));

  r = run_cli({"calibrate", "/no/such/log.csv", "--format", "rees46", "--out", out});
  CHECK(r.exit_code == 2);
  CHECK(one_line(r.err));
  CHECK_THAT(r.err, Contains("cannot open log file"));

  r = calibrate(out, "calibrate_no_views.csv");
  CHECK(r.exit_code == 2);
  CHECK(one_line(r.err));
  CHECK_THAT(r.err, Contains("no view or click events"));
  CHECK_FALSE(std::filesystem::exists(out));
  std::filesystem::remove_all(dir);
}
