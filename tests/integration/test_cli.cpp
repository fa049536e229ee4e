// The CLI end to end on a small scenario: run, compare, validate, plugins, schema.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <set>
#include <sstream>

#include "../support/cli_runner.hpp"

using Catch::Matchers::Contains;
using promosim::test::fresh_folder;
using promosim::test::read_file;
using promosim::test::run_cli;
using promosim::test::source_path;

TEST_CASE("run stores a complete run and prints the comparison", "[cli]") {
  const std::string db = (fresh_folder("run") / "tiny.db").string();
  const auto result = run_cli({"run", source_path("fixtures/scenarios/tiny.yaml"), "--out", db});
  INFO(result.out << result.err);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("scenario tiny: 8 arms x 2 replicates"));
  CHECK_THAT(result.out, Contains("run 1 complete:"));
  CHECK_THAT(result.out, Contains("sessions/s"));
  CHECK_THAT(result.out, Contains("peak memory"));
  CHECK_THAT(result.out, Contains("time: worlds "));
  CHECK_THAT(result.out, Contains("sessions/s; decide "));
  CHECK_THAT(result.out, Contains("results: " + db));
  CHECK_THAT(result.out, Contains("popular_discount"));
  CHECK_THAT(result.err, Contains("progress: 100%"));  // not a terminal: plain progress lines

  SQLite::Database database(db, SQLite::OPEN_READONLY);
  CHECK(database.execAndGet("SELECT status FROM run WHERE id = 1").getString() == "complete");
  CHECK(database.execAndGet("SELECT COUNT(*) FROM arm WHERE run = 1").getInt() == 8);
  CHECK(database.execAndGet("SELECT COUNT(*) FROM shard_total WHERE run = 1").getInt() == 8 * 2 * 16);
  CHECK(database.execAndGet("SELECT COUNT(DISTINCT name) FROM run_plugin WHERE run = 1").getInt() == 17);  // all shipped
  // The stored configuration is complete: defaults are filled in.
  CHECK_THAT(database.execAndGet("SELECT resolved_config FROM run WHERE id = 1").getString(),
             Contains("position_decay"));
  // Totals by shard and by period agree.
  CHECK(database.execAndGet("SELECT SUM(clicks) FROM metric WHERE run = 1").getInt64() ==
        database.execAndGet("SELECT SUM(clicks) FROM shard_total WHERE run = 1").getInt64());
  // Funnel invariants.
  CHECK(database.execAndGet("SELECT COUNT(*) FROM metric WHERE clicks > impressions OR carts > clicks OR "
                            "purchases > carts + earlier_cart_purchases + balances_paid OR converted_sessions > sessions OR "
                            "oracle_margin < expected_margin - 1e-9 OR no_promotion_purchases > purchases + sessions OR "
                            "ABS(discount_cost - own_discount_cost - flash_discount_cost - drop_coupon_cost - "
                            "presale_discount_cost) > 1e-6 * (1 + discount_cost)").getInt() == 0);

  // Each breakdown splits every block's totals without losing or adding anything.
  for (const char* dimension : {"phase", "day", "hour", "segment"}) {
    INFO(dimension);
    CHECK(database.execAndGet(std::string("SELECT COUNT(*) FROM (SELECT b.arm_index, b.replicate, b.shard, "
                                          "SUM(b.clicks) AS c, SUM(b.revenue) AS r FROM block_breakdown b WHERE b.run = 1 "
                                          "AND b.dimension = '") + dimension +
                              "' GROUP BY 1, 2, 3) g JOIN shard_total s ON s.run = 1 AND s.arm_index = g.arm_index AND "
                              "s.replicate = g.replicate AND s.shard = g.shard WHERE g.c != s.clicks OR "
                              "ABS(g.r - s.revenue) > 1e-6 * (1 + s.revenue)")
              .getInt() == 0);
  }
  CHECK(database.execAndGet("SELECT COUNT(DISTINCT level) FROM block_breakdown WHERE run = 1 AND dimension = 'hour'")
            .getInt() == 24);

  SECTION("breakdowns by phase, day, hour and segment name their levels") {
    const auto phase = run_cli({"compare", db, "--by", "phase", "--metrics", "ctr"});
    REQUIRE(phase.exit_code == 0);
    CHECK_THAT(phase.out, Contains("CTR (clicks / impressions) by phase"));
    CHECK_THAT(phase.out, Contains("Holm-adjusted across arms x metrics x levels"));
    const auto segment = run_cli({"compare", db, "--by", "segment", "--format", "csv"});
    REQUIRE(segment.exit_code == 0);
    CHECK_THAT(segment.out, Contains(",revenue,segment,hunters,"));
    CHECK_THAT(segment.out, Contains(",margin,segment,"));  // a guard-rail, shown by default with --by
    const auto hour = run_cli({"compare", db, "--by", "hour", "--metrics", "clicks", "--format", "csv"});
    CHECK_THAT(hour.out, Contains(",clicks,hour,00:00,") && Contains(",clicks,hour,23:00,"));
    const auto day = run_cli({"compare", db, "--by", "day", "--metrics", "clicks", "--format", "markdown"});
    CHECK_THAT(day.out, Contains("### clicks by day"));
  }
  SECTION("the report is one HTML file; a bad output path is an error with a fix") {
    const std::string html = (fresh_folder("cli-report") / "r.html").string();
    const auto report = run_cli({"report", db, "-o", html});
    REQUIRE(report.exit_code == 0);
    CHECK_THAT(report.out, Contains("report: " + html + " (run 1, "));
    CHECK_THAT(read_file(html), Contains("<script id=\"promosim-data\" type=\"application/json\">"));
    const auto bad = run_cli({"report", db, "-o", "/nonexistent/folder/r.html"});
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Contains("cannot write the report to '/nonexistent/folder/r.html': check that its folder exists"));
  }

  SECTION("a second run appends to the same database") {
    const auto again = run_cli({"run", source_path("fixtures/scenarios/tiny.yaml"), "--out", db, "--no-compare",
                                "--set", "replicates=1"});
    REQUIRE(again.exit_code == 0);
    CHECK_THAT(again.out, Contains("run 2 complete:"));
    const auto compare = run_cli({"compare", db, "--run", "1", "--baseline", "random"});
    CHECK(compare.exit_code == 0);
    CHECK_THAT(compare.out, Contains("random"));
  }
  SECTION("compare formats") {
    const auto csv = run_cli({"compare", db, "--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    CHECK_THAT(csv.out, Contains("run,arm,metric,breakdown,level,baseline,value,ci_low,ci_high"));
    const auto json = run_cli({"compare", db, "--format", "json"});
    REQUIRE(json.exit_code == 0);
    CHECK(json.out.front() == '{');
    CHECK_THAT(json.out, Contains("\"baseline\""));
  }
  SECTION("offer efficiency only for arms whose own offers are what differs from the baseline") {
    const auto csv = run_cli({"compare", db, "--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    std::istringstream lines(csv.out);
    std::set<std::string> arms_with_rows;
    for (std::string line; std::getline(lines, line);) {
      std::vector<std::string> cells;
      std::stringstream row(line);
      for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
      if (cells.at(2).rfind("incremental_purchases_per_", 0) == 0 && !cells.at(6).empty()) {
        arms_with_rows.insert(cells[1]);
      }
    }
    // popular_discount: the baseline's recommender and a discount of its own. Not random or
    // content_list_price (no offers), nor the coupon and bandit arms (other recommenders).
    CHECK(arms_with_rows == std::set<std::string>{"popular_discount"});
    // Against a baseline with offers of its own, "per extra offer" has no meaning: no rows.
    const auto against_discount = run_cli({"compare", db, "--baseline", "popular_discount", "--format", "csv"});
    REQUIRE(against_discount.exit_code == 0);
    CHECK(against_discount.out.find(",incremental_purchases_per_") == std::string::npos);
  }
  SECTION("intent calibration lists only models whose scores rank sessions") {
    const auto table = run_cli({"compare", db});
    REQUIRE(table.exit_code == 0);
    CHECK_THAT(table.out, Contains("popular_discount (recency_frequency):"));
    CHECK_THAT(table.out, Contains("next_item_bandit (sequence_intent):"));
    CHECK_THAT(table.out, !Contains("(none):"));
  }
}

TEST_CASE("validate reports a good scenario", "[cli]") {
  const auto result = run_cli({"validate", source_path("fixtures/scenarios/tiny.yaml")});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.out, Contains("OK"));
  CHECK_THAT(result.out, Contains("8 arms"));
  CHECK_THAT(result.out, Contains("48 ticks of 60 min"));
}

TEST_CASE("the shipped scenarios validate", "[cli]") {
  for (const char* scenario :
       {"quickstart.yaml", "double11.yaml", "cold_start_launch.yaml", "discount_sweep.yaml", "bench.yaml"}) {
    const auto result = run_cli({"validate", source_path(std::string("../scenarios/") + scenario)});
    INFO(scenario << ": " << result.err);
    CHECK(result.exit_code == 0);
  }
}

TEST_CASE("plugins lists every shipped plugin and describes one", "[cli]") {
  const auto list = run_cli({"plugins"});
  REQUIRE(list.exit_code == 0);
  for (const char* name : {"popularity", "random", "user_knn", "item_knn", "matrix_factorization", "next_item",
                           "content_cold_start", "none", "recency_frequency", "logistic_intent", "sequence_intent",
                           "list_price", "fixed_discount", "elasticity_pricing", "bandit_discount", "threshold_coupon",
                           "intent_targeted_coupon"}) {
    CHECK_THAT(list.out, Contains(name));
  }
  const auto one = run_cli({"plugins", "fixed_discount"});
  REQUIRE(one.exit_code == 0);
  CHECK_THAT(one.out, Contains("fixed_discount (pricing_policy)"));
  CHECK_THAT(one.out, Contains("max_intent (real"));
  CHECK_THAT(one.out, Contains("default 0.1"));
  const auto unknown = run_cli({"plugins", "popularty"});
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Contains("no plugin called 'popularty' (did you mean 'popularity'?)"));
}

TEST_CASE("schema prints the scenario reference checked into docs", "[cli]") {
  const auto result = run_cli({"schema"});
  REQUIRE(result.exit_code == 0);
  CHECK(result.out == read_file(source_path("../docs/scenario-reference.md")));
}

TEST_CASE("discounts never spend more than the budget", "[cli][budget]") {
  const std::string db = (fresh_folder("budget") / "b.db").string();
  for (const char* budget : {"1", "150"}) {
    const auto result = run_cli({"run", source_path("fixtures/scenarios/tiny.yaml"), "--out", db, "--no-compare",
                                 "--set", std::string("budget.discount=") + budget, "--set",
                                 "arms.1.pricing_policy.params.discount=0.5", "--set",
                                 "arms.1.pricing_policy.params.max_intent=1"});
    REQUIRE(result.exit_code == 0);
    SQLite::Database database(db, SQLite::OPEN_READONLY);
    SQLite::Statement spend(database,
                            "SELECT replicate, SUM(own_discount_cost) FROM metric WHERE run = (SELECT MAX(id) FROM run) "
                            "AND arm_index = 1 GROUP BY replicate");
    int replicates = 0;
    while (spend.executeStep()) {
      ++replicates;
      INFO("budget " << budget << ", replicate " << spend.getColumn(0).getInt());
      CHECK(spend.getColumn(1).getDouble() <= std::stod(budget));
      // and is used nearly to the end: a tick whose offers no longer all fit runs its sessions
      // one at a time, each reserving its worst case and paying before the next
      if (std::string(budget) == "150") CHECK(spend.getColumn(1).getDouble() > 100.0);
    }
    CHECK(replicates == 2);
  }
}

TEST_CASE("validate lists the campaign calendar with dates, hours and promotions", "[cli]") {
  const auto dated = run_cli({"validate", source_path("../scenarios/double11.yaml")});
  REQUIRE(dated.exit_code == 0);
  CHECK_THAT(dated.out, Contains("  phase peak_1111: 2026-11-11 00:00, 1 day, traffic x4, peak, opening surge x3 for 1 h\n"));
  CHECK_THAT(dated.out, Contains("  coupon drop: 2026-11-10 20:00, 50% of shoppers, spend 150 get 20 off, valid 28 h\n"));
  CHECK_THAT(dated.out, Contains("  flash sale: 2026-11-11 20:00, 2 h, 60 items at 50% off, 200 units each\n"));
  // Without a start date, days are numbered from the first tick.
  const auto undated = run_cli({"validate", source_path("fixtures/scenarios/tiny.yaml")});
  REQUIRE(undated.exit_code == 0);
  CHECK_THAT(undated.out, Contains("  coupon drop: day 0 12:00, 30% of shoppers, spend 60 get 10 off, valid 24 h\n"));
  CHECK_THAT(undated.out, Contains("  launch: 30 new items, day 1 00:00\n"));
}
