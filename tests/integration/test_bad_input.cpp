// Every kind of bad input a user can give gets a one-line cause and fix, a non-zero exit,
// and leaves stored results consistent and truthfully labelled.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "../support/cli_runner.hpp"

using Catch::Matchers::Contains;
using promosim::test::fresh_folder;
using promosim::test::read_file;
using promosim::test::run_cli;
using promosim::test::source_path;
namespace fs = std::filesystem;

namespace {

constexpr const char* kValid = R"(name: bad
seed: 3
replicates: 1
shards: 4
catalog: {items: 100, categories: 4}
population: {shoppers: 400, history_days: 1}
timeline:
  phases:
    - {name: only, days: 1}
arms:
  - name: a
    recommender: popularity
)";

fs::path write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

/// Writes kValid with `from` replaced by `to` into a fresh folder; returns the file.
std::string scenario_with(const std::string& from, const std::string& to) {
  std::string text = kValid;
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return write_file(fresh_folder("bad") / "bad.yaml", text).string();
}

std::string status_of(const std::string& db, int run) {
  SQLite::Database database(db, SQLite::OPEN_READONLY);
  return database.execAndGet("SELECT status FROM run WHERE id = " + std::to_string(run)).getString();
}

}  // namespace

TEST_CASE("scenario errors are reported with location and a fix", "[cli][bad-input]") {
  struct Case {
    const char* from;
    const char* to;
    const char* message;
  };
  const Case cases[] = {
      {"seed: 3", "seed: [3", "bad.yaml:"},                                      // malformed YAML
      {"seed: 3", "sead: 3", "unknown key 'sead' (did you mean 'seed'?)"},       // unknown key
      {"replicates: 1", "replicates: many", "replicates"},                       // wrong type
      {"replicates: 1", "replicates: 0", "replicates"},                          // out of range
      {"name: bad\n", "", "'name'"},                                             // missing required field
      {"recommender: popularity", "recommender: popularty", "(did you mean 'popularity'?)"},
      {"recommender: popularity", "recommender: fixed_discount", "'fixed_discount' is a pricing_policy plugin"},
  };
  for (const Case& c : cases) {
    const std::string file = scenario_with(c.from, c.to);
    for (const char* command : {"validate", "run"}) {
      const auto result = run_cli({command, file});
      INFO(command << " with '" << c.to << "': " << result.err);
      CHECK(result.exit_code == 2);
      CHECK_THAT(result.err, Contains(c.message));
      CHECK(result.out.empty());
    }
  }
}

TEST_CASE("several scenario errors are reported in one pass", "[cli][bad-input]") {
  std::string text = kValid;
  text.replace(text.find("seed: 3"), 7, "sead: 3");
  text.replace(text.find("replicates: 1"), 13, "replicates: 0");
  const auto file = write_file(fresh_folder("multi") / "multi.yaml", text);
  const auto result = run_cli({"validate", file.string()});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Contains("sead"));
  CHECK_THAT(result.err, Contains("replicates"));
  CHECK_THAT(result.err, Contains("multi.yaml:2:1"));
}

TEST_CASE("a file that is not a plugin in the plugin path is refused", "[cli][bad-input]") {
  const fs::path dir = fresh_folder("notplugin");
  fs::create_directories(dir / "plugins");
  write_file(dir / "plugins" / "fake.so", "this is not a shared library\n");
  std::string text = kValid;
  text += "plugin_paths: [plugins]\n";
  const auto file = write_file(dir / "s.yaml", text);
  const auto result = run_cli({"validate", file.string()});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Contains("fake.so"));
  CHECK_THAT(result.err, Contains("not a shared library"));
}

TEST_CASE("an output path that cannot be written is refused before any work", "[cli][bad-input]") {
  const fs::path dir = fresh_folder("unwritable");
  write_file(dir / "file.txt", "x");
  const auto result = run_cli({"run", source_path("fixtures/scenarios/tiny.yaml"), "--out",
                               (dir / "file.txt" / "out.db").string()});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Contains("out.db"));
  CHECK(result.err.find('\n') == result.err.size() - 1);  // one line
}

TEST_CASE("a results file that is not a promosim database is left alone", "[cli][bad-input]") {
  const fs::path dir = fresh_folder("foreign");
  const fs::path text_file = write_file(dir / "notes.db", "my notes, not a database\n");
  {
    SQLite::Database other((dir / "other.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    other.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)");
  }
  const std::string other_before = read_file(dir / "other.db");
  for (const fs::path& target : {text_file, dir / "other.db"}) {
    const std::string before = read_file(target);
    const auto run = run_cli({"run", source_path("fixtures/scenarios/tiny.yaml"), "--out", target.string()});
    INFO(run.err);
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Contains("not a promosim results database"));
    const auto compare = run_cli({"compare", target.string()});
    CHECK(compare.exit_code == 2);
    CHECK_THAT(compare.err, Contains("not a promosim results database"));
    CHECK(read_file(target) == before);
  }
  CHECK(read_file(dir / "other.db") == other_before);
}

TEST_CASE("a locked results database is reported, not waited on forever", "[cli][bad-input]") {
  const fs::path dir = fresh_folder("locked");
  const std::string db = (dir / "r.db").string();
  REQUIRE(run_cli({"run", source_path("fixtures/scenarios/tiny.yaml"), "--out", db, "--no-compare",
                   "--set", "replicates=1"}).exit_code == 0);
  SQLite::Database holder(db, SQLite::OPEN_READWRITE);
  holder.exec("BEGIN EXCLUSIVE");
  const auto result = run_cli({"run", source_path("fixtures/scenarios/tiny.yaml"), "--out", db});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Contains("locked"));
  holder.exec("ROLLBACK");
  CHECK(status_of(db, 1) == "complete");
}

TEST_CASE("unknown baseline arm in compare gets a did-you-mean", "[cli][bad-input]") {
  const std::string db = (fresh_folder("baseline") / "r.db").string();
  REQUIRE(run_cli({"run", source_path("fixtures/scenarios/tiny.yaml"), "--out", db, "--no-compare",
                   "--set", "replicates=1"}).exit_code == 0);
  const auto result = run_cli({"compare", db, "--baseline", "populr"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Contains("(did you mean 'popular'?)"));
}

TEST_CASE("an empty or binary scenario file is named as such", "[cli][bad-input]") {
  const fs::path dir = fresh_folder("empty");
  const auto empty = run_cli({"validate", write_file(dir / "empty.yaml", "\n  \n").string()});
  CHECK(empty.exit_code == 2);
  CHECK_THAT(empty.err, Contains("the scenario file is empty"));
  const auto binary = run_cli({"validate", write_file(dir / "b.yaml", std::string("\x7f" "ELF\0\0", 6)).string()});
  CHECK(binary.exit_code == 2);
  CHECK_THAT(binary.err, Contains("is not a text file"));
  const auto missing = run_cli({"validate", (dir / "nope.yaml").string()});
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Contains("cannot read the scenario file"));
}
