// `promosim ingest` end to end: the summary on stdout and exit 0; a bad row under
// --on-bad-row fail, a missing key or a wrong format: one line on stderr and exit 2.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "../support/cli_runner.hpp"
#include "../support/pseudonym_key.hpp"

using Catch::Matchers::Contains;
using promosim::test::PseudonymKeyInEnvironment;
using promosim::test::run_cli;
using promosim::test::source_path;

TEST_CASE("ingest prints the summary and exits 0, skipping and counting bad rows") {
  PseudonymKeyInEnvironment key;
  const auto r = run_cli({"ingest", source_path("fixtures/logs/rees46_small.csv"), "--format", "rees46"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("rows read:    12"));
  CHECK_THAT(r.out, Contains("rows skipped: 6"));
  CHECK_THAT(r.out, Contains("truncated last line: 1 (first at "));
  CHECK_THAT(r.out, Contains("rees46_small.csv:13"));
  CHECK_THAT(r.out, Contains("shoppers:     3"));
  CHECK_THAT(r.out, !Contains("u1"));
}

TEST_CASE("ingest with a mapping reads a generic CSV, and --limit stops early") {
  PseudonymKeyInEnvironment key;
  const auto r = run_cli({"ingest", source_path("fixtures/logs/generic_events.csv"), "--format", "generic", "--mapping",
                          source_path("fixtures/logs/generic_mapping.yaml"), "--limit", "3"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("rows read:    3 (stopped at --limit)"));
  CHECK_THAT(r.out, Contains("events:       3"));
}

TEST_CASE("ingest --on-bad-row fail exits 2 naming file:line and the fix") {
  PseudonymKeyInEnvironment key;
  const auto r = run_cli(
      {"ingest", source_path("fixtures/logs/hillstrom_small.csv"), "--format", "hillstrom", "--on-bad-row", "fail"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("hillstrom_small.csv:6: unknown event type"));
  CHECK_THAT(r.err, Contains("--on-bad-row skip"));
  CHECK(r.out.empty());
}

TEST_CASE("ingest refuses to run without a pseudonym key, on a wrong format and on a missing file") {
  ::unsetenv("PROMOSIM_PSEUDONYM_KEY");
  auto r = run_cli({"ingest", source_path("fixtures/logs/rees46_small.csv"), "--format", "rees46"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("PROMOSIM_PSEUDONYM_KEY"));
  PseudonymKeyInEnvironment key;
  r = run_cli({"ingest", source_path("fixtures/logs/rees46_small.csv"), "--format", "hillstrom"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("not a hillstrom log"));
  r = run_cli({"ingest", "/no/such/file.csv", "--format", "rees46"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("cannot open log file"));
  r = run_cli({"ingest", source_path("fixtures/logs/rees46_small.csv"), "--format", "rees46", "--on-bad-row", "maybe"});
  CHECK(r.exit_code == 2);
}
