// The adapters, calibration and off-policy evaluation on the real public datasets in ../shared/data (beside
// the repository, never copied into it), checked against the counts in each dataset's
// PROVENANCE.md. Where ../shared/data is absent these tests pass with a "SKIPPED:" warning; the
// behaviours they cover are also tested on the project's own fixtures
// (tests/unit/test_log_adapters.cpp, tests/unit/test_ope.cpp).
#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>

#include "../support/real_data.hpp"
#include "calibration_base.hpp"
#include "calibration_fit.hpp"
#include "log_adapter.hpp"
#include "log_marginals.hpp"
#include "log_time.hpp"
#include "ope_estimators.hpp"

using namespace promosim;

namespace {

bool present(const std::string& relative) { return test::real_data_present(relative); }

IngestSummary ingest(const std::string& format, const std::string& relative) {
  auto adapter = make_log_adapter(format, "");
  IngestSummary summary;
  const IngestPolicy policy{OnBadRow::kSkip, ShopperPseudonym::from_secret("real-data test secret"), 0};
  adapter->read(test::real_data_path(relative), policy, [](const LoggedEvent&) {}, summary);
  return summary;
}

std::uint64_t kind(const IngestSummary& s, EventKind k) { return s.events_by_kind[static_cast<int>(k)]; }

}  // namespace

TEST_CASE("Real data: REES46 October 2019 head matches PROVENANCE.md") {
  if (!present("rees46_multicat_oct2019_head/2019-Oct.csv")) return;
  const IngestSummary s = ingest("rees46", "rees46_multicat_oct2019_head/2019-Oct.csv");
  CHECK(s.rows_read == 17435);
  CHECK(s.events == 17434);
  CHECK(s.rows_skipped == 1);
  CHECK(s.skipped.count("truncated last line") == 1);
  CHECK(kind(s, EventKind::kView) == 17055);
  CHECK(kind(s, EventKind::kCart) == 165);
  CHECK(kind(s, EventKind::kPurchase) == 214);
  CHECK(s.shoppers == 4504);
  CHECK(s.sessions == 5066);
  CHECK(s.items == 6493);
  CHECK(s.first_time == *parse_utc_datetime("2019-10-01 00:00:00"));
  CHECK(s.last_time == *parse_utc_datetime("2019-10-01 02:50:00"));
}

TEST_CASE("Real data: calibrating to the REES46 head matches its funnel within 10%") {
  if (!present("rees46_multicat_oct2019_head/2019-Oct.csv")) return;
  std::vector<LoggedEvent> events;
  IngestSummary summary;
  const IngestPolicy policy{OnBadRow::kSkip, ShopperPseudonym::from_secret("real-data test secret"), 0};
  make_log_adapter("rees46", "")->read(test::real_data_path("rees46_multicat_oct2019_head/2019-Oct.csv"), policy,
                                       [&](const LoggedEvent& e) { events.push_back(e); }, summary);
  const LogMarginals logged = measure_log_marginals(std::move(events));
  CHECK(logged.sessions == 5066);  // every REES46 session has a view (PROVENANCE.md)
  const CalibrationBase base = load_calibration_base("", 1);
  std::ostringstream progress;
  const CalibrationResult fit = fit_calibration(base.scenario, base.registry, logged, CalibrationOptions{}, progress);
  INFO(progress.str());
  CHECK(std::abs(fit.simulated.view_to_cart / logged.view_to_cart - 1.0) <= 0.10);
  CHECK(std::abs(fit.simulated.cart_to_purchase / logged.cart_to_purchase - 1.0) <= 0.10);
  CHECK(std::abs(fit.simulated.views_mean / logged.views_mean - 1.0) <= 0.10);
}

TEST_CASE("Real data: DIGINETICA SR-GNN sample matches PROVENANCE.md") {
  if (!present("diginetica_srgnn_sample/sample_train-item-views.csv")) return;
  const IngestSummary s = ingest("diginetica", "diginetica_srgnn_sample/sample_train-item-views.csv");
  CHECK(s.rows_read == 12391);
  CHECK(s.events == 12391);
  CHECK(s.sessions == 2986);
  CHECK(s.items == 7139);
  CHECK(s.first_time >= *parse_utc_datetime("2016-01-03"));
  CHECK(s.last_time < *parse_utc_datetime("2016-06-02"));
}

TEST_CASE("Real data: Open Bandit Dataset samples match PROVENANCE.md") {
  struct Log {
    const char* file;
    std::uint64_t items;
    double clicks;
  };
  for (const Log& log : {Log{"random/men/men.csv", 34, 46}, Log{"bts/men/men.csv", 34, 69},
                         Log{"random/women/women.csv", 46, 46}, Log{"bts/women/women.csv", 46, 46}}) {
    const std::string relative = std::string("open_bandit_dataset/") + log.file;
    if (!present(relative)) return;
    double clicks = 0;
    auto adapter = make_log_adapter("obd", "");
    IngestSummary s;
    const IngestPolicy policy{OnBadRow::kFail, ShopperPseudonym::from_secret("real-data test secret"), 0};
    adapter->read(test::real_data_path(relative), policy, [&](const LoggedEvent& e) { clicks += e.reward; }, s);
    INFO(relative);
    CHECK(s.rows_read == 10000);
    CHECK(s.events == 10000);
    CHECK(s.items <= log.items);
    CHECK(clicks == log.clicks);
  }
}

TEST_CASE("Real data: Hillstrom matches PROVENANCE.md") {
  if (!present("hillstrom/hillstrom.csv")) return;
  std::uint64_t arms[3] = {0, 0, 0};
  std::uint64_t converted = 0;
  std::uint64_t visited = 0;
  auto adapter = make_log_adapter("hillstrom", "");
  IngestSummary s;
  const IngestPolicy policy{OnBadRow::kFail, ShopperPseudonym::from_secret("real-data test secret"), 0};
  adapter->read(test::real_data_path("hillstrom/hillstrom.csv"), policy,
                [&](const LoggedEvent& e) {
                  ++arms[e.action];
                  converted += e.kind == EventKind::kPurchase;
                  visited += e.kind == EventKind::kPurchase || e.kind == EventKind::kClick;
                },
                s);
  CHECK(s.rows_read == 64000);
  CHECK(s.events == 64000);
  CHECK(s.shoppers == 64000);
  CHECK(arms[0] == 21306);
  CHECK(arms[1] == 21307);
  CHECK(arms[2] == 21387);
  CHECK(converted == 578);
  // Visit rates 0.182757 / 0.151400 / 0.106167 of the arms' sizes: 3,894 + 3,238 + 2,262.
  CHECK(visited == 9394);
}

TEST_CASE("Real data: MovieLens 100K (RecBole) matches PROVENANCE.md") {
  if (!present("movielens_100k_recbole/ml-100k.inter")) return;
  const IngestSummary s = ingest("movielens", "movielens_100k_recbole/ml-100k.inter");
  CHECK(s.rows_read == 100000);
  CHECK(s.events == 100000);
  CHECK(s.shoppers == 943);
  CHECK(s.items == 1682);
}

TEST_CASE("Real data: ope on Hillstrom: always-policies reproduce the arm visit rates of PROVENANCE.md") {
  if (!present("hillstrom/hillstrom.csv")) return;
  const OpeLog log = OpeLog::read({test::real_data_path("hillstrom/hillstrom.csv"), "hillstrom", "", OnBadRow::kFail, OpeOutcome::kClick});
  REQUIRE(log.rows().size() == 64000);
  RewardModel model(log, {});
  const std::vector<std::uint32_t> ones(log.rows().size(), 1u);
  model.fit(ones);
  const std::pair<const char*, double> arms[] = {
      {"Mens E-Mail", 0.182757}, {"Womens E-Mail", 0.151400}, {"No E-Mail", 0.106167}};
  for (const auto& [arm, visit_rate] : arms) {
    double visits = 0, rows = 0;
    const std::uint32_t action = *log.action_index(arm);
    for (const OpeRow& row : log.rows())
      if (row.action == action) visits += row.outcome, rows += 1;
    const double arm_mean = visits / rows;
    CHECK(arm_mean == Approx(visit_rate).margin(5e-7));
    const OpeEstimates e = estimate_policy_value(log, make_policy(std::string("always:") + arm, log), model, ones,
                                                 kDefaultSwitchThreshold, true);
    for (OpeEstimator which : {OpeEstimator::kReplay, OpeEstimator::kSnips, OpeEstimator::kDm, OpeEstimator::kDr})
      CHECK(e[static_cast<std::size_t>(which)] == Approx(arm_mean).epsilon(1e-12));
    // IPS assumes each arm holds n/3 rows; the arms hold 21,306 to 21,387.
    const double ips = e[static_cast<std::size_t>(OpeEstimator::kIps)];
    CHECK(std::abs(ips - arm_mean) > 1e-6);
    CHECK(ips == Approx(arm_mean).epsilon(0.005));
  }
}

TEST_CASE("Real data: ope on OBD Men: the BTS log's CTR is the truth for the logged: policy") {
  if (!present("open_bandit_dataset/random/men/men.csv")) return;
  const OpeLog log = OpeLog::read(
      {test::real_data_path("open_bandit_dataset/random/men/men.csv"), "obd", "", OnBadRow::kFail, OpeOutcome::kClick});
  CHECK(log.constant_propensity_per_slot());
  CHECK(log.positions() == std::vector<std::int32_t>{1, 2, 3});
  const PolicyOnLog bts = make_policy("logged:" + test::real_data_path("open_bandit_dataset/bts/men/men.csv"), log);
  REQUIRE(bts.truth);
  CHECK(*bts.truth == Approx(0.0069));
  CHECK(bts.truth_rows == 10000);
}
