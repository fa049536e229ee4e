// `promosim evaluate` end to end on a hand-checked MovieLens-format fixture
// (tests/fixtures/logs/movielens_evaluate.inter), and on MovieLens-100K where ../shared/data is
// present. Fixture: training counts make the popularity ranking 12 (5 events), 11 (3), 15 (1),
// then the unscored 13, 14 in id order. Held out: u1 -> 13 (seen 11, 12: rank 2), u2 -> 13
// (seen 11: rank 3), u3 -> 14 (seen 11, 12: rank 3), u4 -> 11 (the tie at t=500 keeps file
// order, seen 12: rank 1); u5 has one interaction, u6's last item repeats.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "../support/cli_runner.hpp"
#include "../support/real_data.hpp"

using Catch::Matchers::Contains;
using promosim::test::run_cli;
using promosim::test::source_path;

namespace {

promosim::test::CliResult evaluate(std::vector<std::string> extra) {
  std::vector<std::string> args{"evaluate", source_path("fixtures/logs/movielens_evaluate.inter"), "--format",
                                "movielens"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_cli(args);
}
}  // namespace

TEST_CASE("evaluate scores popularity by leave-last-out with seen items excluded, with no pseudonym key set") {
  ::unsetenv("PROMOSIM_PSEUDONYM_KEY");
  auto r = evaluate({"--recommender", "popularity", "--k", "2"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("13 interactions, 6 shoppers, 5 items"));
  CHECK_THAT(r.out, Contains("tested:  4 shoppers (not tested: 1 with one interaction, 1 whose last item repeats"));
  // HR@2: u1 and u4 = 2/4; NDCG@2: (1/log2(3) + 1) / 4.
  CHECK_THAT(r.out, Contains("popularity   0.5000 ["));
  CHECK_THAT(r.out, Contains("0.4077 ["));
  r = evaluate({"--recommender", "popularity"});
  REQUIRE(r.exit_code == 0);
  // NDCG@10: (1/log2(3) + 1/2 + 1/2 + 1) / 4.
  CHECK_THAT(r.out, Contains("popularity   1.0000 [0.5101, 1.0000]  0.6577 ["));
}

TEST_CASE("evaluate with more sampled negatives than unseen items ranks like the full catalog") {
  const auto r = evaluate({"--recommender", "popularity", "--k", "2", "--negatives", "100"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("among 100 sampled unseen items"));
  CHECK_THAT(r.out, Contains("popularity   0.5000 ["));
  CHECK_THAT(r.out, Contains("0.4077 ["));
}

TEST_CASE("evaluate pairs every recommender with the first and labels rows as given") {
  const auto r = evaluate({"--recommender", "popularity", "--recommender", "{name: popularity, params: {click_weight: 0}}",
                           "--k", "2"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("baseline: popularity (differences are paired"));
  // With no click weight every score is 0 and the ranking is item order 11..15: u1 and u4 find
  // their item first, u2 and u3 second, so HR@2 is 1 against the baseline's 0.5; the paired
  // differences (0, 1, 1, 0) have mean 0.5 and a t(3) interval of 0.5 ± 3.1824 × 0.2887.
  CHECK_THAT(r.out, Contains("{name: popularity, params: {click_weight: 0}}  1.0000 [0.5101, 1.0000]  0.8155 ["));
  CHECK_THAT(r.out, Contains("+0.5000 [-0.4187, +1.4187]"));
}

TEST_CASE("evaluate rejects unknown plugins, bad parameters, --k 0 and logs without repeat shoppers") {
  auto r = evaluate({"--recommender", "popularty"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("unknown recommender plugin 'popularty' (did you mean 'popularity'?)"));
  r = evaluate({"--recommender", "{name: item_knn, params: {neighbours: -3}}"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("neighbours"));
  r = evaluate({"--recommender", "{name: item_knn"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("is not a plugin name or a YAML map"));
  r = evaluate({"--recommender", "popularity", "--k", "0"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--k 0 ranks nothing"));
  r = run_cli({"evaluate", source_path("fixtures/logs/movielens_evaluate.inter"), "--format", "movielens",
               "--recommender", "popularity", "--limit", "1"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("nothing to hold out"));
}

TEST_CASE("Real data: on MovieLens-100K popularity gives HR@10 0.0859 and NDCG@10 0.0449; item_knn and "
          "matrix_factorization beat it") {
  const std::string log = "movielens_100k_recbole/ml-100k.inter";
  if (!promosim::test::real_data_present(log)) return;
  const auto r = run_cli({"evaluate", promosim::test::real_data_path(log), "--format", "movielens", "--recommender",
                          "popularity", "--recommender", "item_knn", "--recommender",
                          "{name: matrix_factorization, params: {regularisation: 30}}"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("tested:  943 shoppers"));
  CHECK_THAT(r.out, Contains("popularity  ") && Contains("0.0859 [") && Contains("0.0449 ["));
  // The paired differences' lower bounds are above 0 (the sign of a positive interval is '+').
  CHECK_THAT(r.out, Contains("item_knn  ") && Contains("0.1665 [") && Contains("+0.0806 [+0.0596, +0.1016]"));
  CHECK_THAT(r.out, Contains("+0.0541 [+0.0291, +0.0791]"));
}
