// Off-policy evaluation against values worked by hand on tests/fixtures/logs/hillstrom_ope.csv
// (10 customers: Mens arm rows 1,2,3,10 with visits 1,0,1,0; Womens rows 4,5,9 with 1,0,0;
// No E-Mail rows 6,7,8 with 1,0,0; propensity 1/3) and obd_ope_random.csv / obd_ope_bts.csv.
#include <tbb/task_arena.h>

#include <catch2/catch.hpp>
#include <cmath>

#include "log_adapter.hpp"
#include "ope_bootstrap.hpp"
#include "user_error.hpp"

using namespace promosim;
using Catch::Matchers::Contains;

namespace {

std::string fixture(const std::string& name) { return std::string(PROMOSIM_TEST_SOURCE_DIR) + "/fixtures/logs/" + name; }

OpeLog hillstrom(OpeOutcome outcome = OpeOutcome::kClick) {
  return OpeLog::read({fixture("hillstrom_ope.csv"), "hillstrom", "", OnBadRow::kFail, outcome});
}

OpeLog obd_random() {
  return OpeLog::read({fixture("obd_ope_random.csv"), "obd", "", OnBadRow::kFail, OpeOutcome::kClick});
}

OpeEstimates point(const OpeLog& log, const std::string& spec, double switch_threshold = kDefaultSwitchThreshold,
                   const std::vector<std::size_t>& features = {}) {
  const PolicyOnLog policy = make_policy(spec, log);
  RewardModel model(log, features);
  const std::vector<std::uint32_t> ones(log.rows().size(), 1u);
  model.fit(ones);
  return estimate_policy_value(log, policy, model, ones, switch_threshold, log.constant_propensity_per_slot());
}

double at(const OpeEstimates& e, OpeEstimator which) { return e[static_cast<std::size_t>(which)]; }

}  // namespace

TEST_CASE("ope: the log keeps raw action ids, positions and the chosen outcome") {
  const OpeLog log = hillstrom();
  CHECK(log.actions() == std::vector<std::string>{"Mens E-Mail", "Womens E-Mail", "No E-Mail"});
  CHECK(log.positions() == std::vector<std::int32_t>{-1});
  CHECK(log.mean_outcome() == Approx(0.4));
  CHECK(hillstrom(OpeOutcome::kPurchase).mean_outcome() == Approx(0.2));
  CHECK(hillstrom(OpeOutcome::kReward).mean_outcome() == Approx(8.0));
  CHECK(log.constant_propensity_per_slot());
  const OpeLog obd = obd_random();
  CHECK(obd.positions() == std::vector<std::int32_t>{1, 2});
  CHECK(obd.actions() == std::vector<std::string>{"0", "1", "2"});
  CHECK(obd.feature_names() == std::vector<std::string>{"user_feature_0", "user_feature_1", "user_feature_2", "user_feature_3"});
  CHECK(obd.feature_levels(0) == std::vector<std::string>{"a", "f"});
  CHECK(obd.feature_code(2, 0) == 1);
}

TEST_CASE("ope: always-policies on a randomised test: replay, SNIPS, DM and DR give the arm mean; IPS does not") {
  const OpeLog log = hillstrom();
  const auto mens = point(log, "always:Mens E-Mail");
  for (OpeEstimator e : {OpeEstimator::kReplay, OpeEstimator::kSnips, OpeEstimator::kDm, OpeEstimator::kDr,
                         OpeEstimator::kSwitchDr})
    CHECK(at(mens, e) == Approx(0.5).epsilon(1e-12));
  // IPS divides by all 10 rows: 3 × 2 visits / 10, because the Mens arm has 4 rows, not 10/3.
  CHECK(at(mens, OpeEstimator::kIps) == Approx(0.6));
  const auto womens = point(log, "always:Womens E-Mail");
  CHECK(at(womens, OpeEstimator::kSnips) == Approx(1.0 / 3));
  CHECK(at(womens, OpeEstimator::kDr) == Approx(1.0 / 3).epsilon(1e-12));
  CHECK(at(womens, OpeEstimator::kIps) == Approx(0.3));
  const auto spend = point(hillstrom(OpeOutcome::kReward), "always:Mens E-Mail");
  CHECK(at(spend, OpeEstimator::kDm) == Approx(12.5));
  CHECK(at(spend, OpeEstimator::kIps) == Approx(15.0));
}

TEST_CASE("ope: a targeting rule policy, estimator by estimator") {
  // Chooses Mens for rows 1,5,6, Womens for 2,3,4,7,9,10 and No E-Mail for row 8; it agrees with
  // the log on rows 1 (visit), 4 (visit), 8 and 9, each with weight 3.
  const OpeLog log = hillstrom();
  const std::string rules = "rules:mens=1&womens=0->Mens E-Mail;womens=1->Womens E-Mail;->No E-Mail";
  const auto e = point(log, rules);
  CHECK(at(e, OpeEstimator::kReplay) == Approx(0.5));
  CHECK(at(e, OpeEstimator::kIps) == Approx(0.6));
  CHECK(at(e, OpeEstimator::kSnips) == Approx(0.5));
  // q̂ = arm means 1/2, 1/3, 1/3: DM = (3 × 1/2 + 6 × 1/3 + 1/3) / 10.
  CHECK(at(e, OpeEstimator::kDm) == Approx(0.3833333333));
  // Residual terms 3(1 − 1/2) + 3(1 − 1/3) + 3(0 − 1/3) + 3(0 − 1/3) = 1.5, over 10 rows.
  CHECK(at(e, OpeEstimator::kDr) == Approx(0.5333333333));
  CHECK(at(e, OpeEstimator::kSwitchDr) == Approx(0.5333333333));
  // Every weight (3) is above τ = 2: Switch-DR is DM.
  CHECK(at(point(log, rules, 2.0), OpeEstimator::kSwitchDr) == Approx(0.3833333333));
  // Spaces around names and arrows are allowed.
  const auto spaced = point(log, "rules: mens = 1 & womens = 0 -> Mens E-Mail ; womens=1->Womens E-Mail; -> No E-Mail");
  CHECK(at(spaced, OpeEstimator::kDr) == Approx(0.5333333333));
  // Numeric comparisons: history > 300 are rows 6 and 9.
  const auto rich = point(log, "rules:history>300->Mens E-Mail;->No E-Mail");
  CHECK(at(rich, OpeEstimator::kReplay) == Approx(0.0));  // rows 6, 9 were not sent Mens; agreement: rows 7, 8
}

TEST_CASE("ope: uniform policy and DM's shrunk cell means per position") {
  const OpeLog log = hillstrom();
  const auto uniform = point(log, "uniform");
  CHECK(at(uniform, OpeEstimator::kIps) == Approx(0.4));
  CHECK(at(uniform, OpeEstimator::kDm) == Approx(7.0 / 18));
  // obd_ope_bts.csv chose item 0 at position 1 always, items 0 and 1 half each at position 2.
  const OpeLog obd = obd_random();
  const auto logged = point(obd, "logged:" + fixture("obd_ope_bts.csv"));
  CHECK(at(logged, OpeEstimator::kIps) == Approx(0.9375));
  CHECK(at(logged, OpeEstimator::kSnips) == Approx(7.5 / 10.5));
  CHECK(at(logged, OpeEstimator::kReplay) == Approx(2.5 / 3.5));
  // Cells (position, item) shrunk toward the item's mean with pseudo-count 10: item 0 at
  // position 1 is (2 + 10·2/3)/12, at position 2 (0 + 10·2/3)/11; item 1 at position 2 (1 + 10/3)/12.
  const double dm = (4 * (2 + 20.0 / 3) / 12 + 4 * 0.5 * ((20.0 / 3) / 11 + (1 + 10.0 / 3) / 12)) / 8;
  CHECK(at(logged, OpeEstimator::kDm) == Approx(dm));
  const PolicyOnLog policy = make_policy("logged:" + fixture("obd_ope_bts.csv"), obd);
  REQUIRE(policy.truth);
  CHECK(*policy.truth == Approx(0.5));
}

TEST_CASE("ope: weight diagnostics") {
  const OpeLog log = hillstrom();
  const WeightDiagnostics d = diagnose_weights(log, make_policy("always:Mens E-Mail", log), 2.0);
  CHECK(d.rows == 10);
  CHECK(d.effective_sample_size == Approx(4.0));  // (4 × 3)² / (4 × 9)
  CHECK(d.ess_share == Approx(0.4));
  CHECK(d.max_weight == Approx(3.0));
  CHECK(d.mean_weight == Approx(1.2));
  CHECK(d.above_switch == 4);
  CHECK(d.unsupported == 0.0);
  // Item 2 appears at both positions of the random log, so always showing it is supported there.
  const OpeLog obd = obd_random();
  CHECK(make_policy("always:2", obd).unsupported == 0.0);
  // The other way round: the random policy puts 1/2 of position 1's mass and 1/4 of position 2's
  // on items the BTS log never shows there (items 1, 2 at position 1; item 2 at position 2),
  // and each BTS position has 2 rows.
  const OpeLog bts = OpeLog::read({fixture("obd_ope_bts.csv"), "obd", "", OnBadRow::kFail, OpeOutcome::kClick});
  const PolicyOnLog from_random = make_policy("logged:" + fixture("obd_ope_random.csv"), bts);
  CHECK(from_random.unsupported == Approx((2 * 0.5 + 2 * 0.25) / 4));
}

TEST_CASE("ope: the bootstrap is deterministic for a seed and its interval contains the estimate") {
  const OpeLog log = obd_random();
  const PolicyOnLog policy = make_policy("logged:" + fixture("obd_ope_bts.csv"), log);
  OpeSettings settings;
  settings.resamples = 200;
  settings.seed = 7;
  const PolicyEvaluation a = evaluate_policy(log, policy, settings);
  const PolicyEvaluation b = evaluate_policy(log, policy, settings);
  for (OpeEstimator e : kOpeEstimators) {
    const auto i = static_cast<std::size_t>(e);
    CHECK(a.estimates[i].low == b.estimates[i].low);
    CHECK(a.estimates[i].high == b.estimates[i].high);
    REQUIRE(a.estimates[i].available);
    CHECK(a.estimates[i].low <= a.estimates[i].estimate);
    CHECK(a.estimates[i].estimate <= a.estimates[i].high);
  }
  // The same intervals on one thread: each resample depends on (seed, index) only.
  PolicyEvaluation single;
  tbb::task_arena(1).execute([&] { single = evaluate_policy(log, policy, settings); });
  for (std::size_t i = 0; i < kOpeEstimatorCount; ++i) {
    CHECK(single.estimates[i].low == a.estimates[i].low);
    CHECK(single.estimates[i].high == a.estimates[i].high);
  }
  settings.seed = 8;
  const PolicyEvaluation c = evaluate_policy(log, policy, settings);
  CHECK(c.estimates[1].low != a.estimates[1].low);
  std::vector<std::uint32_t> counts(8);
  bootstrap_counts(7, 3, counts);
  std::uint32_t total = 0;
  for (std::uint32_t k : counts) total += k;
  CHECK(total == 8);
}

TEST_CASE("ope: percentile interval interpolates between order statistics and ignores undefined values") {
  const auto [low, high] = percentile_interval({4, 1, 3, 2, 5, std::nan("")}, 0.5);
  CHECK(low == Approx(2.0));
  CHECK(high == Approx(4.0));
  CHECK(std::isnan(percentile_interval({1.0}, 0.95).first));
}

TEST_CASE("ope: replay needs a context-free logging policy") {
  const OpeLog bts = OpeLog::read({fixture("obd_ope_bts.csv"), "obd", "", OnBadRow::kFail, OpeOutcome::kClick});
  CHECK_FALSE(bts.constant_propensity_per_slot());
  CHECK(std::isnan(at(point(bts, "uniform"), OpeEstimator::kReplay)));
}

TEST_CASE("ope: bad policies and logs are user errors with a fix") {
  const OpeLog log = hillstrom();
  CHECK_THROWS_WITH(make_policy("alwys:Mens E-Mail", log), Contains("did you mean 'always'"));
  CHECK_THROWS_WITH(make_policy("always:Mens Email", log), Contains("did you mean 'Mens E-Mail'"));
  CHECK_THROWS_WITH(make_policy("rules:men=1->Mens E-Mail;->No E-Mail", log), Contains("did you mean 'mens'"));
  CHECK_THROWS_WITH(make_policy("rules:channel=web->Mens E-Mail;->No E-Mail", log), Contains("did you mean 'Web'"));
  CHECK_THROWS_WITH(make_policy("rules:mens=1->Mens E-Mail", log), Contains("5 of 10 rows match no rule"));
  CHECK_THROWS_WITH(make_policy("logged:" + fixture("obd_ope_bts.csv"), log), Contains("not a hillstrom log"));
  CHECK_THROWS_WITH(OpeLog::read({fixture("generic_events.csv"), "generic", fixture("generic_mapping.yaml"),
                                  OnBadRow::kSkip, OpeOutcome::kClick}),
                    Contains("no logging propensity"));
  CHECK_THROWS_AS(parse_ope_outcome("visits"), UserError);
}
