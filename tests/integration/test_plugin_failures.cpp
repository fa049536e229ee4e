// A plugin that fails, at any stage, fails the run with a message naming the plugin, the
// method and where; the run is stored as failed and what finished before stays readable.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "../support/cli_runner.hpp"
#include "promosim/version.hpp"

using Catch::Matchers::Contains;
using promosim::test::fresh_folder;
using promosim::test::run_cli;
namespace fs = std::filesystem;

namespace {

std::string scenario(const std::string& plugin_folder, const std::string& second_arm) {
  const fs::path file = fresh_folder("failing") / "s.yaml";
  std::ofstream(file) << "name: failing\nseed: 5\nreplicates: 2\nshards: 4\n"
                         "plugin_paths: ['" << plugin_folder << "']\n"
                         "catalog: {items: 100, categories: 4}\n"
                         "population: {shoppers: 400, history_days: 1}\n"
                         "timeline:\n  phases:\n    - {name: only, days: 1}\n"
                         "arms:\n  - name: fine\n    recommender: popularity\n"
                         "  - name: broken\n    recommender: " << second_arm << "\n";
  return file.string();
}

}  // namespace

TEST_CASE("a plugin that throws fails the run, named, and the run is stored as failed", "[cli][plugin-failure]") {
  const std::string fixtures = std::string(PROMOSIM_TEST_FIXTURE_DIR) + "/plugins";
  struct Case {
    const char* method;
    const char* where;
  };
  for (const Case& c : {Case{"create", "arm 'broken', replicate 0"}, Case{"fit", "arm 'broken', replicate 0, tick 0"},
                        Case{"recommend", "arm 'broken', replicate 0, tick 3"},
                        Case{"observe", "arm 'broken', replicate 0, tick 3"}}) {
    const std::string db = (fresh_folder("failing-db") / "r.db").string();
    const std::string file =
        scenario(fixtures, std::string("{name: throwing, params: {throw_in: ") + c.method + ", at_tick: 3}}");
    const auto result = run_cli({"run", file, "--out", db});
    INFO(c.method << ": " << result.err);
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.err, Contains(std::string("recommender plugin 'throwing' failed in ") + c.method + " (" +
                                    c.where + "): deliberate failure in " + c.method));
    CHECK_THAT(result.err, Contains("fix the plugin"));

    SQLite::Database database(db, SQLite::OPEN_READONLY);
    CHECK(database.execAndGet("SELECT status FROM run WHERE id = 1").getString() == "failed");
    CHECK_THAT(database.execAndGet("SELECT message FROM run WHERE id = 1").getString(), Contains(c.method));
    // The arm that ran before the failure is stored whole; the failing one not at all.
    CHECK(database.execAndGet("SELECT COUNT(*) FROM shard_total WHERE run = 1 AND arm_index = 0").getInt() == 4);
    CHECK(database.execAndGet("SELECT COUNT(*) FROM shard_total WHERE run = 1 AND arm_index = 1").getInt() == 0);
    const auto compare = run_cli({"compare", db});
    CHECK_THAT(compare.out + compare.err, Contains("failed"));
  }
}

TEST_CASE("a plugin built for another ABI is refused before anything runs", "[cli][plugin-failure]") {
  const std::string broken = std::string(PROMOSIM_TEST_FIXTURE_DIR) + "/broken";
  const std::string db = (fresh_folder("abi-db") / "r.db").string();
  const auto result = run_cli({"run", scenario(broken, "popularity"), "--out", db});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Contains("bad_abi.so does not fit this promosim: plugin ABI version is 999 in the plugin but " + std::to_string(promosim::kAbiVersion)));
  CHECK_THAT(result.err, Contains("rebuild the plugin"));
  CHECK_FALSE(fs::exists(db));
}
