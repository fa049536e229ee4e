// population.source: logged end to end on tests/fixtures/scenarios/logged_population.yaml. Its
// log (tests/fixtures/logs/rees46_population.csv) spans 00:00-02:00; history_share 0.5 puts
// 00:00-01:00 in the history and stretches 01:00-02:00 over the day's 24 ticks: u1 comes at
// ticks 0 (01:00:00 and 01:00:30) and 12 (01:30), u2 at 23 (02:00, the last instant), u3 at 6
// (01:15) and 18 (01:45), u4 only has history. So every arm has 5 sessions in every replicate.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>
#include <fstream>

#include "../support/cli_runner.hpp"
#include "../support/real_data.hpp"

using Catch::Matchers::Contains;
using promosim::test::fresh_folder;
using promosim::test::run_cli;
using promosim::test::source_path;

namespace {
const std::string kScenario = source_path("fixtures/scenarios/logged_population.yaml");

std::string write_scenario(const std::string& folder, const std::string& text) {
  const std::string path = folder + "/scenario.yaml";
  std::ofstream(path) << text;
  return path;
}
}  // namespace

TEST_CASE("a logged population replays who came when: one session per shopper and active tick") {
  const std::string db = (fresh_folder("logged") / "r.db").string();
  const auto r = run_cli({"run", kScenario, "--out", db, "--no-compare"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("shoppers and items of "));
  CHECK_THAT(r.out, Contains("rees46_population.csv (rees46)"));
  CHECK_THAT(r.out, Contains("20 sessions"));  // 5 x 2 arms x 2 replicates
  const auto csv = run_cli({"compare", db, "--metrics", "sessions", "--format", "csv"});
  REQUIRE(csv.exit_code == 0);
  CHECK_THAT(csv.out, Contains(",popular,sessions,,,popular,5,"));
  CHECK_THAT(csv.out, Contains(",knn_10pct_off,sessions,,,popular,5,"));
  // The log's ingest summary is stored with the run.
  SQLite::Database results(db);
  SQLite::Statement row(results, "SELECT format, rows_read, events, rows_skipped, shoppers, items, first_time, "
                                 "last_time FROM log_ingest WHERE run = 1");
  REQUIRE(row.executeStep());
  CHECK(row.getColumn(0).getString() == "rees46");
  CHECK(row.getColumn(1).getInt64() == 11);
  CHECK(row.getColumn(2).getInt64() == 11);
  CHECK(row.getColumn(3).getInt64() == 0);
  CHECK(row.getColumn(4).getInt64() == 4);
  CHECK(row.getColumn(5).getInt64() == 5);
  CHECK(row.getColumn(7).getInt64() - row.getColumn(6).getInt64() == 7200);
}

TEST_CASE("a logged population gives bit-identical results on 1 and 2 threads") {
  const auto folder = fresh_folder("logged-threads");
  const std::string one = (folder / "1.db").string(), two = (folder / "2.db").string();
  REQUIRE(run_cli({"run", kScenario, "--out", one, "--threads", "1", "--no-compare"}).exit_code == 0);
  REQUIRE(run_cli({"run", kScenario, "--out", two, "--threads", "2", "--no-compare"}).exit_code == 0);
  const auto a = run_cli({"compare", one, "--format", "csv"});
  const auto b = run_cli({"compare", two, "--format", "csv"});
  REQUIRE(a.exit_code == 0);
  CHECK(a.out == b.out);
}

TEST_CASE("a logged population's scenario errors name the key and the fix") {
  const std::string folder = fresh_folder("logged-errors").string();
  const std::string log = source_path("fixtures/logs/rees46_population.csv");
  const std::string base = "name: t\ntimeline: {phases: [{name: p, days: 1}]}\narms: [{name: a, recommender: random}]\n";
  auto r = run_cli({"validate", write_scenario(folder, base + "catalog: {items: 50, categories: 2}\npopulation: "
                                                      "{source: logged, shoppers: 10, log: {path: " + log +
                                                      ", format: rees46}}\n")});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("population.shoppers: not used with population.source: logged (the log's shoppers are "
                             "the population); remove it"));
  CHECK_THAT(r.err, Contains("catalog.items: not used with population.source: logged"));
  r = run_cli({"validate", write_scenario(folder, base + "catalog: {categories: 2}\npopulation: {source: logged}\n")});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("population.log.path: a logged population needs its log file"));
  r = run_cli({"validate", write_scenario(folder, base + "catalog: {items: 50}\npopulation: {shoppers: 10, log: "
                                                      "{path: x.csv}}\n")});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("population.log: a log is only replayed with population.source: logged"));
  r = run_cli({"validate", write_scenario(folder, base + "catalog: {categories: 2}\npopulation: {source: logged, log: "
                                                      "{path: x.csv, format: generic}}\n")});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("population.log.mapping: format generic needs a column mapping"));
}

TEST_CASE("a logged population's log problems stop the run with one line: missing file, no times, few items") {
  const std::string folder = fresh_folder("logged-logs").string();
  const std::string base = "name: t\ntimeline: {phases: [{name: p, days: 1}]}\narms: [{name: a, recommender: random}]\n";
  auto r = run_cli({"run", write_scenario(folder, base + "catalog: {categories: 2}\npopulation: {source: logged, log: "
                                                      "{path: /no/such.csv, format: rees46}}\n")});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("cannot open log file"));
  r = run_cli({"run", write_scenario(folder, base + "catalog: {categories: 2}\npopulation: {source: logged, log: {path: " +
                                                 source_path("fixtures/logs/hillstrom_ope.csv") +
                                                 ", format: hillstrom}}\n")});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("the log has no timestamps"));
  r = run_cli({"run", write_scenario(folder, base + "catalog: {categories: 20}\npopulation: {source: logged, log: {path: " +
                                                 source_path("fixtures/logs/rees46_population.csv") +
                                                 ", format: rees46}}\n")});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("the log has 5 items, fewer than catalog.categories (20); set catalog.categories to at most 5"));
}

TEST_CASE("Real data: the REES46 head as a logged population runs and replays its second half") {
  const std::string log = "rees46_multicat_oct2019_head/2019-Oct.csv";
  if (!promosim::test::real_data_present(log)) return;
  const std::string folder = fresh_folder("logged-rees46").string();
  const std::string scenario = write_scenario(
      folder, "name: rees46\nreplicates: 2\ncatalog: {categories: 20}\npopulation: {source: logged, log: {path: " +
                  promosim::test::real_data_path(log) +
                  ", format: rees46}}\ntimeline: {phases: [{name: p, days: 1}]}\narms: [{name: a, recommender: "
                  "popularity}, {name: b, recommender: item_knn}]\n");
  const auto r = run_cli({"run", scenario, "--out", folder + "/r.db", "--no-compare"});
  REQUIRE(r.exit_code == 0);
  const auto csv = run_cli({"compare", folder + "/r.db", "--metrics", "sessions", "--format", "csv"});
  REQUIRE(csv.exit_code == 0);
  // 7,020 distinct (user_id, tick) pairs among the 17,434 events from 01:25 UTC on, each tick
  // 1/24 of the 01:25-02:50 span: counted from the CSV independently of promosim (csv module,
  // the same split and stretch), for both arms in both replicates.
  CHECK_THAT(csv.out, Contains(",a,sessions,,,a,7020,"));
  CHECK_THAT(csv.out, Contains(",b,sessions,,,a,7020,"));
}
