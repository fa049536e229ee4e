// Each promotion phenomenon of the behaviour model, turned off and on through the CLI on the
// same small campaign (common random numbers, so the two runs differ only by the switch):
// the effect must go the documented way and have roughly the documented size.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "../support/cli_runner.hpp"

using namespace promosim::test;

namespace {

// Hourly ticks: six warm-up days (pre-heat), a peak day, four cool-down days. The peak starts
// at tick 144 and ends at tick 168. Every phenomenon starts off; each test turns one on.
constexpr int kPeakStart = 144;
constexpr int kPeakEnd = 168;

const char* const kCampaign = R"(name: phenomena
seed: 5
replicates: 1
shards: 8
catalog: {items: 600, categories: 12}
population: {shoppers: 12000, history_days: 2}
timeline:
  phases:
    - {name: warm_up, days: 6, pre_heat: true}
    - {name: peak, days: 1, traffic: 3, peak: true}
    - {name: cool_down, days: 4}
behaviour: {waiting_strength: 0, satiation: 0, cart_ahead_conversion: 0, reference_half_life_days: 0,
            padding_reach: 0, coupon_fatigue: 0, churn_per_visit: 0, purchase_return_boost: 1}
)";

const char* const kListPrice = "arms:\n  - {name: list, recommender: popularity}\n";
const char* const kListAndDiscount =
    "arms:\n  - {name: list, recommender: popularity}\n"
    "  - name: discount\n    recommender: popularity\n"
    "    pricing_policy: {name: fixed_discount, params: {discount: 0.2}}\n";
const char* const kListAndCoupon =
    "arms:\n  - {name: list, recommender: popularity}\n"
    "  - name: coupon\n    recommender: popularity\n"
    "    pricing_policy: {name: coupon_everyone, params: {threshold: 80, value: 15}}\n";

/// Runs the campaign with `arms` and the `--set` overrides; returns the results database.
std::string run(const std::string& arms, const std::vector<std::string>& sets = {}) {
  const auto folder = fresh_folder("phenomena");
  const std::string scenario = (folder / "campaign.yaml").string();
  std::ofstream(scenario) << kCampaign << "plugin_paths: ['" PROMOSIM_TEST_FIXTURE_DIR "/plugins']\n" << arms;
  std::vector<std::string> args{"run", scenario, "--out", (folder / "r.db").string(), "--no-compare"};
  for (const std::string& s : sets) {
    args.push_back("--set");
    args.push_back(s);
  }
  const CliResult result = run_cli(args);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return (folder / "r.db").string();
}

/// SUM(column) over the arm's metric rows with period (tick) in [from, to).
double total(const std::string& db, const std::string& column, int from, int to, int arm = 0) {
  SQLite::Database database(db, SQLite::OPEN_READONLY);
  SQLite::Statement query(database, "SELECT TOTAL(" + column + ") FROM metric WHERE arm_index = ? AND period >= ? "
                                    "AND period < ?");
  query.bind(1, arm);
  query.bind(2, from);
  query.bind(3, to);
  query.executeStep();
  return query.getColumn(0).getDouble();
}

/// Sessions in the given hour of day over the six warm-up days.
double sessions_at_hour(const std::string& db, int hour) {
  double sum = 0.0;
  for (int day = 0; day < 6; ++day) sum += total(db, "sessions", day * 24 + hour, day * 24 + hour + 1);
  return sum;
}

}  // namespace

TEST_CASE("hour-of-day profile: quiet nights, busy evenings; 24 equal numbers make a flat day", "[phenomena]") {
  const std::string profiled = run(kListPrice);
  const double ratio = sessions_at_hour(profiled, 21) / sessions_at_hour(profiled, 4);
  CHECK(ratio > 8.0);  // the default profile has 1.85 at 21:00 against 0.12 at 04:00
  CHECK(ratio < 30.0);
  const std::string flat = run(kListPrice, {"timeline.hourly_traffic=[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]"});
  const double flat_ratio = sessions_at_hour(flat, 21) / sessions_at_hour(flat, 4);
  CHECK(flat_ratio > 0.75);
  CHECK(flat_ratio < 1.33);
}

TEST_CASE("opening surge: the peak's first hour is a spike", "[phenomena]") {
  const auto midnight_jump = [](const std::string& db) {
    return total(db, "sessions", kPeakStart, kPeakStart + 1) / total(db, "sessions", kPeakStart - 24, kPeakStart - 23);
  };
  const double plain = midnight_jump(run(kListPrice));
  CHECK(plain > 2.0);  // the peak's traffic 3
  CHECK(plain < 4.5);
  const double surged = midnight_jump(run(kListPrice, {"timeline.phases.1.opening_surge=4"}));
  CHECK(surged > 3.0 * plain);
}

TEST_CASE("strategic waiting: purchases dip in the days before a peak and come back at it", "[phenomena]") {
  const std::string off = run(kListPrice);
  const std::string on = run(kListPrice, {"behaviour.waiting_strength=1.5"});
  const int dip_from = kPeakStart - 72;  // anticipation_days defaults to 3
  const double before = total(on, "purchases", dip_from, kPeakStart) / total(off, "purchases", dip_from, kPeakStart);
  const double during = total(on, "purchases", kPeakStart, kPeakEnd) / total(off, "purchases", kPeakStart, kPeakEnd);
  const double early = total(on, "purchases", 0, dip_from) / total(off, "purchases", 0, dip_from);
  CHECK(before < 0.85);
  CHECK(during > 1.2);
  CHECK(early == Approx(1.0).margin(0.02));  // nothing changes before the anticipation window
}

TEST_CASE("satiation: the peak's buyers buy less afterwards (post-peak hangover)", "[phenomena]") {
  // Per-session conversion after the peak, against the same in the warm-up's last three days.
  const auto hangover = [](const std::string& db) {
    const double after = total(db, "converted_sessions", kPeakEnd, kPeakEnd + 72) / total(db, "sessions", kPeakEnd, kPeakEnd + 72);
    const double before = total(db, "converted_sessions", kPeakStart - 72, kPeakStart) /
                          total(db, "sessions", kPeakStart - 72, kPeakStart);
    return after / before;
  };
  const double off = hangover(run(kListPrice, {"timeline.phases.1.promotion_sensitivity=2"}));
  const double on = hangover(run(kListPrice, {"timeline.phases.1.promotion_sensitivity=2", "behaviour.satiation=3"}));
  CHECK(off > 0.85);
  CHECK(on < 0.95 * off);
}

TEST_CASE("carting ahead: items carted in the pre-heat are bought at the peak", "[phenomena]") {
  const std::string off = run(kListPrice);
  const std::string on = run(kListPrice, {"behaviour.cart_ahead_conversion=0.5"});
  CHECK(total(on, "purchases", kPeakStart, kPeakEnd) > 1.2 * total(off, "purchases", kPeakStart, kPeakEnd));
  CHECK(total(on, "purchases", 0, kPeakStart) == total(off, "purchases", 0, kPeakStart));  // nothing else moves
}

TEST_CASE("reference prices: a discount that never ends loses its pull", "[phenomena]") {
  // Purchase lift of a permanent 20% discount over list prices, first two days against days 4-5.
  const auto lift = [](const std::string& db, int from, int to) {
    return total(db, "purchases", from, to, 1) / total(db, "purchases", from, to, 0) - 1.0;
  };
  const std::string fixed = run(kListAndDiscount);
  const std::string remembered = run(kListAndDiscount, {"behaviour.reference_half_life_days=1"});
  CHECK(lift(fixed, 0, 48) > 0.2);
  CHECK(lift(fixed, 96, 144) > 0.6 * lift(fixed, 0, 48));
  CHECK(lift(remembered, 96, 144) < 0.6 * lift(remembered, 0, 48));
  CHECK(lift(remembered, 96, 144) < lift(fixed, 96, 144));
}

TEST_CASE("basket padding: shoppers near a coupon tier add an item to reach it", "[phenomena]") {
  const std::string off = run(kListAndCoupon);
  const std::string on = run(kListAndCoupon, {"behaviour.padding_reach=0.5", "behaviour.padding_probability=1"});
  const int end = kPeakEnd + 96;
  CHECK(total(on, "coupons_redeemed", 0, end, 1) > 1.1 * total(off, "coupons_redeemed", 0, end, 1));
  CHECK(total(on, "purchases", 0, end, 1) > total(off, "purchases", 0, end, 1));
  CHECK(total(on, "purchases", 0, end, 0) == total(off, "purchases", 0, end, 0));  // no coupon, no padding
}

TEST_CASE("coupon fatigue: a coupon offered every visit pulls less and less", "[phenomena]") {
  const std::string off = run(kListAndCoupon);
  const std::string on = run(kListAndCoupon, {"behaviour.coupon_fatigue=1"});
  const int end = kPeakEnd + 96;
  const double off_lift = total(off, "carts", 0, end, 1) - total(off, "carts", 0, end, 0);
  const double on_lift = total(on, "carts", 0, end, 1) - total(on, "carts", 0, end, 0);
  CHECK(off_lift > 0.0);
  CHECK(on_lift < 0.8 * off_lift);
}

TEST_CASE("churn and return visits: lost shoppers stop coming, buyers come back sooner", "[phenomena]") {
  const int end = kPeakEnd + 96;
  const std::string base = run(kListPrice);
  const std::string churn = run(kListPrice, {"behaviour.churn_per_visit=0.1"});
  const std::string loyal = run(kListPrice, {"behaviour.purchase_return_boost=3"});
  CHECK(total(churn, "sessions", kPeakEnd, end) < 0.7 * total(base, "sessions", kPeakEnd, end));
  // Each visit with a purchase shortens the next wait threefold: about half a visit more each.
  const double converted = total(base, "converted_sessions", 0, end);
  CHECK(total(loyal, "sessions", 0, end) - total(base, "sessions", 0, end) > 0.25 * converted);
}

TEST_CASE("ground truth: the same sessions without their promotion", "[phenomena]") {
  const std::string db = run(kListAndDiscount);
  const int end = kPeakEnd + 96;
  // Without offers the replay is the session itself.
  CHECK(total(db, "no_promotion_purchases", 0, end, 0) == total(db, "purchases", 0, end, 0));
  CHECK(total(db, "no_promotion_margin", 0, end, 0) == Approx(total(db, "margin", 0, end, 0)));
  // A 20% discount buys more units than its shoppers would have bought at list price.
  CHECK(total(db, "purchases", 0, end, 1) > 1.1 * total(db, "no_promotion_purchases", 0, end, 1));
  CHECK(total(db, "no_promotion_margin", 0, end, 1) > 0.0);
  // The oracle's prices are never worse in expectation; a blanket 20% is not the best price.
  for (int arm = 0; arm < 2; ++arm) {
    CHECK(total(db, "oracle_sessions", 0, end, arm) > 0.0);
    CHECK(total(db, "oracle_margin", 0, end, arm) >= total(db, "expected_margin", 0, end, arm));
  }
  CHECK(total(db, "oracle_margin", 0, end, 1) - total(db, "expected_margin", 0, end, 1) > 0.0);
}

TEST_CASE("stock: no item sells more units than it has; sold-out items are shown but not bought", "[phenomena]") {
  const std::string db = run(kListPrice, {"catalog.stock_per_item=3", "output.event_sample=1"});
  SQLite::Database database(db, SQLite::OPEN_READONLY);
  CHECK(database.execAndGet("SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM event WHERE type = 'purchase' "
                            "GROUP BY item)").getInt() == 3);
  CHECK(total(db, "sold_out_impressions", 0, kPeakEnd + 96) > 0.0);
  const std::string unlimited = run(kListPrice);
  CHECK(total(unlimited, "sold_out_impressions", 0, kPeakEnd + 96) == 0.0);
  CHECK(total(db, "purchases", 0, kPeakEnd + 96) < total(unlimited, "purchases", 0, kPeakEnd + 96));
}

TEST_CASE("flash sales: deep discounts on a few items while their units last, paid by the platform", "[phenomena]") {
  // Two hours from midnight of the peak, 30 items at 60% off, 5 units each; the arms' budget is 1.
  const std::vector<std::string> sale{"timeline.flash_sales=[{phase: peak, hours: 2, items: 30, discount: 0.6, stock: 5}]",
                                      "budget.discount=1", "output.event_sample=1"};
  const std::string db = run(kListAndDiscount, sale);
  const int end = kPeakEnd + 96;
  for (int arm = 0; arm < 2; ++arm) {
    INFO("arm " << arm);
    const double units = total(db, "flash_units_sold", 0, end, arm);
    CHECK(units > 0.0);
    CHECK(units <= 30 * 5);
    CHECK(total(db, "flash_units_sold", kPeakStart, kPeakStart + 2, arm) == units);  // only in its window
    CHECK(total(db, "flash_discount_cost", 0, end, arm) > 0.0);
  }
  // The arm's own discounts stay within its budget of 1: everything else it spent is the sale's.
  CHECK(total(db, "own_discount_cost", 0, end, 1) <= 1.0);
  CHECK(total(db, "own_discount_cost", 0, end, 1) + total(db, "flash_discount_cost", 0, end, 1) ==
        Approx(total(db, "discount_cost", 0, end, 1)));
  SQLite::Database database(db, SQLite::OPEN_READONLY);
  CHECK(database.execAndGet("SELECT COUNT(*) FROM event WHERE type = 'purchase' AND ABS(discount - 0.6) < 1e-6 "
                            "AND tick >= 146").getInt() == 0);
}

TEST_CASE("coupon drops: receivers come to use a one-off platform coupon", "[phenomena]") {
  // Half the shoppers get "spend 80, get 15 off" at the peak's start, valid a day; 30% come for it.
  const std::string with_drop = run(kListPrice, {"timeline.coupon_drops=[{phase: peak, share: 0.5, threshold: 80, "
                                                 "value: 15, valid_hours: 24, visit_lift: 0.3}]"});
  const std::string without = run(kListPrice);
  const double redeemed = total(with_drop, "drop_coupons_redeemed", 0, kPeakEnd + 96);
  CHECK(redeemed > 0.0);
  CHECK(total(with_drop, "drop_coupons_redeemed", kPeakStart, kPeakEnd) == redeemed);  // only while valid
  CHECK(redeemed < 0.5 * 12000);  // one use per receiver at most
  // 30% of 6,000 receivers is about 1,800 extra visits on the peak day.
  const double extra = total(with_drop, "sessions", kPeakStart, kPeakEnd) - total(without, "sessions", kPeakStart, kPeakEnd);
  CHECK(extra > 1200.0);
  CHECK(extra < 2400.0);
  CHECK(total(with_drop, "purchases", kPeakStart, kPeakEnd) > total(without, "purchases", kPeakStart, kPeakEnd));
  CHECK(total(with_drop, "drop_coupon_cost", 0, kPeakEnd + 96) == Approx(15.0 * redeemed));
}

TEST_CASE("pre-sales: deposits in the warm-up, balances paid at the peak", "[phenomena]") {
  const std::string presale = run(kListPrice, {"timeline.presales=[{deposit_phase: warm_up, balance_phase: peak, "
                                               "items: 60, price_cut: 0.2, deposit: 0.1, balance_rate: 0.9}]"});
  const std::string without = run(kListPrice);
  const int end = kPeakEnd + 96;
  const double deposits = total(presale, "deposits", 0, end);
  const double balances = total(presale, "balances_paid", 0, end);
  CHECK(total(presale, "deposits", 0, kPeakStart) == deposits);    // taken in the warm-up only
  CHECK(total(presale, "balances_paid", kPeakStart, kPeakEnd) == balances);  // paid at the peak only
  CHECK(deposits > 50.0);
  // 90% of the depositors who come back on the peak day (most of them: three times the traffic).
  CHECK(balances > 0.3 * deposits);
  CHECK(balances < 0.9 * deposits);
  // Committed early, bought at the peak.
  CHECK(total(presale, "purchases", kPeakStart, kPeakEnd) > total(without, "purchases", kPeakStart, kPeakEnd));
  CHECK(total(presale, "presale_discount_cost", 0, end) > 0.0);
}

TEST_CASE("budget pools and per-shopper caps bound what the arm gives where", "[phenomena]") {
  const int end = kPeakEnd + 96;
  const std::string free = run(kListAndDiscount);
  const std::string pooled = run(kListAndDiscount, {"budget.pools=[{phase: peak, amount: 300}]"});
  // The peak's pool caps the peak; the other phases spend as before.
  CHECK(total(free, "own_discount_cost", kPeakStart, kPeakEnd, 1) > 600.0);
  CHECK(total(pooled, "own_discount_cost", kPeakStart, kPeakEnd, 1) <= 300.0);
  // and is used up: once offers no longer all fit, sessions reserve and pay one at a time
  CHECK(total(pooled, "own_discount_cost", kPeakStart, kPeakEnd, 1) > 280.0);
  CHECK(total(pooled, "own_discount_cost", 0, kPeakStart, 1) == total(free, "own_discount_cost", 0, kPeakStart, 1));

  const std::string capped = run(kListAndDiscount, {"budget.per_shopper=15", "output.event_sample=1"});
  SQLite::Database database(capped, SQLite::OPEN_READONLY);
  const double most = database
                          .execAndGet("SELECT MAX(given) FROM (SELECT SUM(price_paid / (1 - discount) - price_paid) "
                                      "AS given FROM event WHERE type = 'purchase' AND arm_index = 1 GROUP BY shopper)")
                          .getDouble();
  CHECK(most <= 15.0 + 1e-3);
  CHECK(most > 5.0);
  CHECK(total(capped, "own_discount_cost", 0, end, 1) < total(free, "own_discount_cost", 0, end, 1));
}

TEST_CASE("double11.yaml: the hourly results show the pre-peak dip, the midnight spike and the hangover",
          "[phenomena][scenarios]") {
  // The shipped scenario at a tenth of its shoppers and one replicate: the same calendar.
  const auto folder = fresh_folder("double11");
  const std::string db = (folder / "d.db").string();
  const CliResult result = run_cli({"run", source_path("../scenarios/double11.yaml"), "--out", db, "--no-compare",
                                    "--set", "population.shoppers=20000", "--set", "replicates=1"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const auto conversion = [&](int from, int to) {
    return total(db, "converted_sessions", from, to) / total(db, "sessions", from, to);
  };
  constexpr int kPeak = 7 * 24;  // 11.11 00:00
  const double warm_up = conversion(0, kPeak - 72);
  CHECK(conversion(kPeak - 48, kPeak) < 0.85 * warm_up);             // shoppers wait for the peak
  CHECK(conversion(kPeak, kPeak + 24) > 1.3 * warm_up);              // and buy in it
  CHECK(total(db, "sessions", kPeak, kPeak + 1) > 3.0 * total(db, "sessions", kPeak + 3, kPeak + 4));  // midnight
  CHECK(total(db, "purchases", kPeak, kPeak + 1) > 4.0 * total(db, "purchases", kPeak - 24, kPeak - 23));
  CHECK(conversion(kPeak + 24, kPeak + 72) < 0.8 * warm_up);         // stocked up: the hangover
}
