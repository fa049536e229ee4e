// `promosim ope` end to end on the project's fixtures: the table, CSV and JSON on stdout and
// exit 0; unknown policies and actions, a logged: file of another format and a log without
// propensities: one line on stderr with the fix and exit 2.
#include <catch2/catch.hpp>

#include <algorithm>

#include "../support/cli_runner.hpp"

using Catch::Matchers::Contains;
using promosim::test::run_cli;
using promosim::test::source_path;

namespace {
const std::string kHillstrom = source_path("fixtures/logs/hillstrom_ope.csv");
const std::string kRandom = source_path("fixtures/logs/obd_ope_random.csv");
const std::string kBts = source_path("fixtures/logs/obd_ope_bts.csv");

std::size_t line_count(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }
}  // namespace

TEST_CASE("ope prints a table per policy with intervals and diagnostics, and needs no pseudonym key") {
  ::unsetenv("PROMOSIM_PSEUDONYM_KEY");
  const auto r = run_cli({"ope", kHillstrom, "--format", "hillstrom", "--outcome", "click", "--bootstrap", "100",
                          "--policy", "always:Mens E-Mail", "--policy",
                          "rules:mens=1&womens=0->Mens E-Mail;womens=1->Womens E-Mail;->No E-Mail"});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK_THAT(r.out, Contains("policy always:Mens E-Mail"));
  CHECK_THAT(r.out, Contains("  snips          0.500000"));
  CHECK_THAT(r.out, Contains("  ips            0.600000"));
  CHECK_THAT(r.out, Contains("  dr             0.533333"));
  CHECK_THAT(r.out, Contains("effective sample size 4 (40.0% of 10 rows)"));
  CHECK_THAT(r.out, Contains("100 resamples of rows, seed 1"));
}

TEST_CASE("ope logged: prints the on-policy truth and each estimator's relative error; output is reproducible") {
  const std::vector<std::string> args = {"ope", kRandom, "--format", "obd", "--policy", "logged:" + kBts,
                                         "--outcome", "click", "--bootstrap", "50", "--seed", "3"};
  const auto r = run_cli(args);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("(on-policy truth 0.500000 from 4 rows)"));
  CHECK_THAT(r.out, Contains("rel_error"));
  CHECK_THAT(r.out, Contains("0.875"));  // IPS 0.9375 against 0.5
  CHECK(run_cli(args).out == r.out);
  auto csv_args = args;
  csv_args.insert(csv_args.end(), {"--output-format", "csv"});
  const auto csv = run_cli(csv_args);
  CHECK(csv.exit_code == 0);
  CHECK(line_count(csv.out) == 7);
  CHECK_THAT(csv.out, Contains(",ips,0.937500000,"));
  auto json_args = args;
  json_args.insert(json_args.end(), {"--output-format", "json"});
  const auto json = run_cli(json_args);
  CHECK(json.exit_code == 0);
  CHECK_THAT(json.out, Contains("\"truth\": 0.5"));
}

TEST_CASE("ope says replay does not apply when the logging propensities vary") {
  const auto r = run_cli({"ope", kBts, "--format", "obd", "--policy", "uniform", "--bootstrap", "0"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("replay     n/a (logging policy not uniform)"));
}

TEST_CASE("ope rejects bad policies and logs with one line and exit 2") {
  const auto check = [](const std::vector<std::string>& args, const std::string& expected) {
    const auto r = run_cli(args);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains(expected));
    CHECK(line_count(r.err) == 1);
    CHECK(r.out.empty());
  };
  check({"ope", kHillstrom, "--format", "hillstrom", "--policy", "best"}, "use uniform, always:ACTION, logged:PATH");
  check({"ope", kHillstrom, "--format", "hillstrom", "--policy", "always:Mens"},
        "no action 'Mens' in");
  check({"ope", kHillstrom, "--format", "hillstrom", "--policy", "logged:" + kBts}, "not a hillstrom log");
  check({"ope", source_path("fixtures/logs/generic_events.csv"), "--format", "generic", "--mapping",
         source_path("fixtures/logs/generic_mapping.yaml"), "--policy", "uniform", "--outcome", "click"},
        "no logging propensity");
  check({"ope", kHillstrom, "--format", "hillstrom", "--policy", "uniform", "--model-features", "gender"},
        "no feature 'gender'");
  check({"ope", kHillstrom, "--format", "hillstrom", "--policy", "uniform", "--outcome", "visit"},
        "--outcome 'visit'");
}

TEST_CASE("ope recommender: evaluates a plugin fitted on the --train log by its slate per position") {
  // popularity fitted on the BTS fixture's clicks (item 0 once, item 1 once; ties to the lower
  // index) shows item 0 at position 1 and item 1 at position 2. In the Random fixture, rows 0 and
  // 6 (item 0 at 1, clicked) and rows 4 (clicked) and 7 (not) of item 1 at 2 match: replay and
  // SNIPS 3/4; IPS (3 + 3 + 3 + 0) / 8 rows.
  const auto r = run_cli({"ope", kRandom, "--format", "obd", "--outcome", "click", "--bootstrap", "0", "--train", kBts,
                          "--policy", "recommender:popularity"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("policy recommender:popularity"));
  CHECK_THAT(r.out, Contains("  replay         0.750000"));
  CHECK_THAT(r.out, Contains("  snips          0.750000"));
  CHECK_THAT(r.out, Contains("  ips            1.125000"));
  CHECK_THAT(r.out, Contains("unsupported: 0.00%"));
}

TEST_CASE("ope recommender: needs --train and a known plugin") {
  auto r = run_cli({"ope", kRandom, "--format", "obd", "--policy", "recommender:popularity"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("needs --train LOG"));
  r = run_cli({"ope", kRandom, "--format", "obd", "--train", kBts, "--policy", "recommender:popularty"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("unknown recommender plugin 'popularty' (did you mean 'popularity'?)"));
}
