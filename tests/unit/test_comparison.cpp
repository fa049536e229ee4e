// `promosim compare` on a small synthetic run: two identical arms (A/A) and a treatment whose
// clicks per block are known, so values and lifts can be checked by hand.
#include <catch2/catch.hpp>

#include <cctype>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "../support/cli_runner.hpp"
#include "../support/user_error_text.hpp"
#include "comparison.hpp"
#include "comparison_report.hpp"
#include <nlohmann/json.hpp>
#include "results_store.hpp"
#include "statistics.hpp"

using Catch::Matchers::Contains;
using namespace promosim;
using promosim::test::error_of;
using promosim::test::fresh_folder;

namespace {

constexpr std::uint32_t kReplicates = 2, kShards = 4;

/// Block (r, s) of the control arms; the treatment adds 2 or 3 clicks (d = 2, 3, 2, 3 per
/// replicate: +10 clicks per replicate) and a discount.
MetricCounters block(std::uint32_t r, std::uint32_t s, bool treated) {
  MetricCounters c;
  c.sessions = 100 + 10 * r + s;
  c.impressions = 10 * c.sessions;
  c.clicks = c.impressions / 20 + (treated ? 2 + s % 2 : 0);
  c.carts = c.clicks / 2;
  c.purchases = c.carts / 2;
  c.converted_sessions = c.purchases;
  c.revenue = 25.0 * static_cast<double>(c.purchases);
  c.discount_cost = treated ? 2.5 * static_cast<double>(c.purchases) : 0.0;
  c.margin = 0.3 * c.revenue - c.discount_cost;
  return c;
}

/// Writes a run of arms control, control_copy (identical) and treatment. `treatment_replicates`
/// < kReplicates leaves the treatment's later replicates unwritten, as in an interrupted run.
std::string write_run(RunStatus status, const std::string& message, std::uint32_t treatment_replicates = kReplicates,
                      std::string path = "", const std::string& streams = "common") {
  if (path.empty()) path = (fresh_folder("compare") / "r.db").string();
  ResultsStore store(path);
  RunRecord run{"promo \"A\"\tB", "s.yaml", "seed: 7\n", "tick", 7, kReplicates, kShards, 2, "0.1.0", 1};
  run.random_streams = streams;
  const std::int64_t id = store.begin_run(
      run, {},
      {{0, "control", "popularity", "none", "list_price", ""},
       {1, "control_copy", "popularity", "none", "list_price", ""},
       {2, "treatment", "popularity", "none", "fixed_discount", ""}},
      {{0, "all", 0, 10}}, {{0, "everyone", 1000}});
  for (std::uint32_t r = 0; r < kReplicates; ++r) {
    for (std::uint32_t arm = 0; arm < 3; ++arm) {
      if (arm == 2 && r >= treatment_replicates) continue;
      ReplicateRecords records;
      for (std::uint32_t s = 0; s < kShards; ++s) {
        records.shards.push_back({arm, r, s, block(r, s, arm == 2)});
        // One phase: its breakdown is the whole block.
        records.breakdowns.push_back({arm, r, s, Breakdown::kPhase, 0, block(r, s, arm == 2)});
      }
      store.write_replicate(id, records);
    }
  }
  store.finish_run(id, status, message);
  return path;
}

std::string compare(const std::string& path, const std::string& format, const std::string& baseline = "") {
  CompareOptions options;
  options.format = format;
  options.baseline = baseline;
  return compare_results(ResultsReader(path), options);
}

/// CSV rows as cells, keyed "arm/metric".
std::map<std::string, std::vector<std::string>> csv_rows(const std::string& csv, std::string& header) {
  std::istringstream lines(csv);
  std::getline(lines, header);
  std::map<std::string, std::vector<std::string>> rows;
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    if (line.back() == ',') cells.emplace_back();
    rows[cells.at(1) + "/" + cells.at(2)] = cells;
  }
  return rows;
}

/// A strict JSON syntax check (RFC 8259 grammar, no extensions).
class JsonChecker {
 public:
  explicit JsonChecker(const std::string& text) : text_(text) {}
  bool valid() {
    bool ok = value();
    skip();
    return ok && at_ == text_.size();
  }

 private:
  void skip() {
    while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
  }
  bool literal(const std::string& word) {
    if (text_.compare(at_, word.size(), word) != 0) return false;
    at_ += word.size();
    return true;
  }
  bool string() {
    if (!literal("\"")) return false;
    while (at_ < text_.size() && text_[at_] != '"') {
      const unsigned char c = static_cast<unsigned char>(text_[at_++]);
      if (c < 0x20) return false;
      if (c == '\\') {
        if (at_ >= text_.size() || std::string("\"\\/bfnrtu").find(text_[at_]) == std::string::npos) return false;
        at_ += text_[at_] == 'u' ? 5 : 1;
      }
    }
    return literal("\"");
  }
  bool number() {
    const std::size_t start = at_;
    while (at_ < text_.size() && std::string("+-0123456789.eE").find(text_[at_]) != std::string::npos) ++at_;
    if (at_ == start) return false;
    std::size_t used = 0;
    std::stod(text_.substr(start, at_ - start), &used);
    return used == at_ - start;
  }
  bool sequence(char close, const std::function<bool()>& item) {
    skip();
    if (literal(std::string(1, close))) return true;
    do {
      skip();
      if (!item()) return false;
      skip();
    } while (literal(","));
    return literal(std::string(1, close));
  }
  bool value() {
    skip();
    if (literal("{")) {
      return sequence('}', [this] {
        if (!string()) return false;
        skip();
        return literal(":") && value();
      });
    }
    if (literal("[")) return sequence(']', [this] { return value(); });
    if (at_ < text_.size() && text_[at_] == '"') return string();
    return literal("true") || literal("false") || literal("null") || number();
  }
  const std::string& text_;
  std::size_t at_ = 0;
};

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("csv: per-arm values with CIs and paired lifts; A/A lift is exactly zero", "[compare]") {
  const std::string path = write_run(RunStatus::kComplete, "");
  std::string header;
  const auto rows = csv_rows(compare(path, "csv"), header);
  CHECK(header == "run,arm,metric,breakdown,level,baseline,value,ci_low,ci_high,abs_lift,abs_low,abs_high,rel_lift,"
                  "rel_low,rel_high,p_value,heterogeneity_p,p_adjusted,crn_variance_ratio,replicates_needed,verdict");
  REQUIRE(rows.size() == 3 * kComparedMetrics.size());
  for (const char* metric : {"sessions", "impressions", "clicks", "ctr", "carts", "purchases", "conversion_rate",
                             "revenue", "discount_cost", "margin"}) {
    INFO(metric);
    const std::vector<std::string>& copy = rows.at(std::string("control_copy/") + metric);
    REQUIRE(copy.size() == 21);
    CHECK(copy[5] == "control");
    for (std::size_t c = 9; c <= 11; ++c) CHECK(std::stod(copy[c]) == 0.0);  // abs lift with CI
    // Relative lift with CI; none against a baseline of 0 (no discounts).
    for (std::size_t c = 12; c <= 14; ++c) CHECK((std::stod(copy[6]) == 0.0 ? copy[c].empty() : std::stod(copy[c]) == 0.0));
    CHECK(std::stod(copy[15]) == 1.0);
    CHECK(copy[20] == "no difference");
    // The baseline has no lift against itself: empty cells, not zeros.
    const std::vector<std::string>& base = rows.at(std::string("control/") + metric);
    for (std::size_t c = 9; c <= 19; ++c) CHECK(base[c].empty());
    CHECK(base[20] == "baseline");
  }
  // Clicks per replicate: control 202 and 222 (mean 212), treatment +10 each.
  const std::vector<std::string>& clicks = rows.at("control/clicks");
  CHECK(std::stod(clicks[6]) == 212.0);
  CHECK(std::stod(clicks[7]) == Approx(212.0 - 12.7062047 * 10.0));  // t(1 df) · sd 14.142 / √2
  const std::vector<std::string>& lift = rows.at("treatment/clicks");
  CHECK(std::stod(lift[6]) == 222.0);
  CHECK(std::stod(lift[9]) == 10.0);
  // d = 2,3,2,3,2,3,2,3: SE = sqrt(8 · var(d)) / 2 = sqrt(16/7) / 2; t(7 df) = 2.364624.
  CHECK(std::stod(lift[10]) == Approx(10.0 - 2.36462425 * 0.75592895).epsilon(1e-6));
  CHECK(std::stod(lift[11]) == Approx(10.0 + 2.36462425 * 0.75592895).epsilon(1e-6));
  CHECK(std::stod(lift[12]) == Approx(20.0 / 424.0).epsilon(1e-9));
  CHECK(std::stod(lift[15]) == Approx(3.29707134e-6).epsilon(1e-6));  // t = 13.23, 7 df
  CHECK(lift[20] == "better");
  // No discount in the control: its relative lift is undefined (empty), the absolute one is not.
  const std::vector<std::string>& discount = rows.at("treatment/discount_cost");
  CHECK(std::stod(discount[9]) > 0.0);
  CHECK(discount[12].empty());
  CHECK(discount[20] == "worse");  // a cost that rose
}

TEST_CASE("json is valid, escapes strings and uses null where there is no number", "[compare]") {
  const std::string path = write_run(RunStatus::kComplete, "");
  const std::string json = compare(path, "json");
  CHECK(JsonChecker(json).valid());
  CHECK_THAT(json, Contains("\"scenario\":\"promo \\\"A\\\"\\tB\""));
  const nlohmann::json doc = nlohmann::json::parse(json);
  CHECK(doc["baseline"] == "control");
  CHECK(doc["run"]["partial"] == false);
  CHECK(doc["correction"] == "holm");
  // Every A/A row has exactly zero lift, relative too except where the baseline is zero (no
  // discounts, coupons or launches: 0 against 0 has no ratio), and a rate with nothing to
  // count (coupon redemption, new-item CTR, oracle regret) has no numbers.
  int zero_rows = 0, undefined_rows = 0;
  for (const nlohmann::json& row : doc["metrics"]) {
    if (row["arm"] != "control_copy") continue;
    INFO(row.dump());
    if (row["value"].is_null()) {
      for (const char* key : {"abs_lift", "abs_low", "abs_high", "rel_lift", "rel_low", "rel_high", "p_value"}) {
        CHECK(row[key].is_null());
      }
      ++undefined_rows;
      continue;
    }
    for (const char* key : {"abs_lift", "abs_low", "abs_high"}) CHECK(row[key] == 0.0);
    CHECK(row["p_value"] == 1.0);
    CHECK(row["verdict"] == "no difference");
    const bool zero_baseline = row["value"] == 0.0;
    for (const char* key : {"rel_lift", "rel_low", "rel_high"}) {
      const bool expected = zero_baseline ? row[key].is_null() : row[key] == 0.0;
      CHECK(expected);
    }
    ++zero_rows;
  }
  const int metrics = static_cast<int>(kComparedMetrics.size());
  constexpr int kUndefined = 3;
  CHECK(undefined_rows == kUndefined);
  CHECK(zero_rows == metrics - kUndefined);
  CHECK(doc["metrics"].size() == std::size_t(3 * metrics));
}

TEST_CASE("table names the run and formats numbers for people", "[compare]") {
  const std::string path = write_run(RunStatus::kComplete, "");
  const std::string table = compare(path, "table", "treatment");
  CHECK_THAT(table, Contains("run 1: scenario 'promo \"A\"\tB', status complete, 2 replicates x 4 shards, seed 7"));
  CHECK(table.find("PARTIAL") == std::string::npos);
  CHECK_THAT(table, Contains("baseline: treatment\n"));
  CHECK_THAT(table, Contains("CTR (clicks / impressions)"));
  CHECK_THAT(table, Contains("baseline\n"));
  CHECK_THAT(table, Contains("%"));
  // Against the treatment both control arms lose 10 clicks per replicate, 13 SEs from zero.
  CHECK(count(table, "<0.0001") >= 2);
}

TEST_CASE("a failed or interrupted run is labelled partial and compared on what was stored", "[compare]") {
  SECTION("failed") {
    const std::string path = write_run(RunStatus::kFailed, "pricing_policy plugin 'x' failed in price");
    const std::string table = compare(path, "table");
    CHECK_THAT(table, Contains("!!! PARTIAL RESULTS: run 1 FAILED: pricing_policy plugin 'x' failed in price"));
    CHECK_THAT(compare(path, "json"), Contains("\"partial\":true"));
  }
  SECTION("interrupted before the treatment's second replicate") {
    const std::string path = write_run(RunStatus::kInterrupted, "interrupted during arm 'treatment', replicate 1", 1);
    const std::string table = compare(path, "table");
    CHECK_THAT(table, Contains("!!! PARTIAL RESULTS: run 1 was INTERRUPTED"));
    // Every arm is compared on the replicates all arms completed: replicate 0.
    CHECK_THAT(table, Contains("control 1/2, control_copy 1/2, treatment 1/2"));
    std::string header;
    const auto rows = csv_rows(compare(path, "csv"), header);
    // Paired on replicate 0 only: clicks 202 vs 212, and the control's value is replicate 0's too.
    CHECK(std::stod(rows.at("control/clicks")[6]) == 202.0);
    CHECK(std::stod(rows.at("treatment/clicks")[6]) == 212.0);
    CHECK(std::stod(rows.at("treatment/clicks")[9]) == 10.0);
    CHECK(rows.at("treatment/clicks")[7].empty());  // one replicate: no CI across replicates
  }
}

TEST_CASE("compare explains unknown arms, formats and runs, and runs without results", "[compare]") {
  const std::string path = write_run(RunStatus::kComplete, "");
  CHECK(error_of([&] { compare(path, "table", "contrl"); }) ==
        "no arm called 'contrl' in run 1 (did you mean 'control'?); the arms are control, control_copy, treatment");
  CHECK(error_of([&] { compare(path, "jsn"); }) == "unknown format 'jsn' (did you mean 'json'?); use table, markdown, csv, json");
  CompareOptions options;
  options.runs = {4};
  CHECK(error_of([&] { compare_results(ResultsReader(path), options); }) ==
        "no run 4 in '" + path + "'; the runs there are 1");

  ResultsStore store(path);
  const std::int64_t empty = store.begin_run({"s", "s.yaml", "", "tick", 1, 1, 1, 1, "0.1.0", 1}, {},
                                             {{0, "only", "a", "b", "c", ""}}, {}, {});
  store.finish_run(empty, RunStatus::kInterrupted, "");
  CHECK(error_of([&] { compare(path, "table"); }) ==
        "run 2 has no stored results (status interrupted: it stopped before any arm finished a replicate); run the "
        "scenario again");
}

namespace {

CompareOptions options_for(const std::string& format) {
  CompareOptions options;
  options.format = format;
  return options;
}

}  // namespace

TEST_CASE("p-values are Holm-adjusted across arms x metrics and give verdicts", "[compare]") {
  const std::string path = write_run(RunStatus::kComplete, "");
  std::string header;
  const auto rows = csv_rows(compare(path, "csv"), header);
  std::vector<double> raw;
  std::vector<std::string> keys;
  for (const auto& [key, cells] : rows) {
    if (cells.at(15).empty()) continue;
    raw.push_back(std::stod(cells[15]));
    keys.push_back(key);
  }
  REQUIRE(raw.size() > 10);
  const std::vector<double> holm = holm_adjust(raw);
  for (std::size_t i = 0; i < raw.size(); ++i) {
    INFO(keys[i]);
    CHECK(std::stod(rows.at(keys[i])[17]) == Approx(holm[i]).epsilon(1e-12));
  }
  // Benjamini-Hochberg on request, over the same family.
  CompareOptions bh = options_for("csv");
  bh.correction = "bh";
  const auto bh_rows = csv_rows(compare_results(ResultsReader(path), bh), header);
  const std::vector<double> expected = benjamini_hochberg_adjust(raw);
  for (std::size_t i = 0; i < raw.size(); ++i) CHECK(std::stod(bh_rows.at(keys[i])[17]) == Approx(expected[i]).epsilon(1e-12));
  // Replicates to detect +0.1%: the relative lift's SE scaled as in docs/statistics.md.
  CompareOptions small = options_for("csv");
  small.detect = 0.001;
  const std::vector<std::string> clicks = csv_rows(compare_results(ResultsReader(path), small), header).at("treatment/clicks");
  const double se = (std::stod(clicks[14]) - std::stod(clicks[13])) / (2.0 * t_critical(0.95, 7));
  CHECK(std::stod(clicks[19]) == Approx(double(*replicates_to_detect(se, 2, 0.001))).margin(1.0));
  CHECK(std::stod(clicks[19]) > 100.0);
}

TEST_CASE("the decision names the winner and the guard-rail it loses on", "[compare]") {
  const std::string path = write_run(RunStatus::kComplete, "");
  // Revenue: +75 per replicate is not significant among 36 Holm-adjusted lifts.
  const std::string table = compare(path, "table");
  CHECK_THAT(table, Contains("decision on revenue (primary metric)\n  winner         none: no arm is better than control\n"
                             "  no difference  treatment, control_copy\n"));
  // Clicks: +10 per replicate, 13 SEs; bought with discounts the control does not give.
  CompareOptions clicks = options_for("table");
  clicks.primary = "clicks";
  const std::string on_clicks = compare_results(ResultsReader(path), clicks);
  CHECK_THAT(on_clicks, Contains("decision on clicks (primary metric)\n  winner         treatment +4.72% ["));
  CHECK_THAT(on_clicks, Contains("  better         treatment\n  no difference  control_copy\n"));
  CHECK_THAT(on_clicks, Contains("  GUARD-RAIL     treatment is better on clicks but worse on margin: -29.41% ["));
  CHECK_THAT(on_clicks, Contains("  GUARD-RAIL     treatment is better on clicks but worse on discount_cost: +"));
  clicks.guardrails = {"revenue"};
  CHECK(compare_results(ResultsReader(path), clicks).find("GUARD-RAIL") == std::string::npos);
}

TEST_CASE("markdown renders the same sections as pipe tables", "[compare]") {
  const std::string path = write_run(RunStatus::kComplete, "");
  CompareOptions options = options_for("markdown");
  options.metrics = {"clicks"};
  const std::string md = compare_results(ResultsReader(path), options);
  CHECK_THAT(md, Contains("## promosim comparison: promo \"A\"\tB"));
  CHECK_THAT(md, Contains("### clicks\n\n| arm | value | 95% CI | lift |"));
  CHECK_THAT(md, Contains("| --- | ---: |"));
  CHECK_THAT(md, Contains("| treatment | 222 |"));
}

TEST_CASE("a breakdown with one level equals the totals' comparison", "[compare]") {
  const std::string path = write_run(RunStatus::kComplete, "");
  CompareOptions options = options_for("csv");
  options.by = "phase";
  options.metrics = {"clicks", "ctr"};
  std::string header;
  const std::string csv = compare_results(ResultsReader(path), options);
  std::map<std::string, std::vector<std::string>> totals, levels;
  std::istringstream lines(csv);
  std::getline(lines, header);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    cells.resize(21);
    (cells[3].empty() ? totals : levels)[cells[1] + "/" + cells[2]] = cells;
  }
  REQUIRE(levels.size() == 6);
  for (const auto& [key, cells] : levels) {
    INFO(key);
    CHECK(cells[3] == "phase");
    CHECK(cells[4] == "all");
    for (std::size_t c = 6; c <= 15; ++c) CHECK(cells[c] == totals.at(key)[c]);  // values, CIs, lifts, raw p
  }
  options.by = "weekday";
  CHECK(error_of([&] { compare_results(ResultsReader(path), options); }) ==
        "unknown breakdown 'weekday'; use phase, day, hour, segment");
  options.by = "";
  options.metrics = {"revenu"};
  CHECK(error_of([&] { compare_results(ResultsReader(path), options); }).rfind(
            "unknown metric 'revenu' (did you mean 'revenue'?); use sessions, impressions", 0) == 0);
}

TEST_CASE("several runs compare in one table; an independent run measures what pairing gained", "[compare]") {
  const std::string path = write_run(RunStatus::kComplete, "");
  write_run(RunStatus::kComplete, "", kReplicates, path, "independent");
  CompareOptions options = options_for("json");
  options.runs = {1, 2};
  options.metrics = {"clicks"};
  const nlohmann::json doc = nlohmann::json::parse(compare_results(ResultsReader(path), options));
  REQUIRE(doc["arms"].size() == 6);
  CHECK(doc["baseline"] == "control@1");
  CHECK(doc["arms"][3]["label"] == "control@2");
  CHECK(doc["arms"][2]["paired"] == true);
  CHECK(doc["arms"][5]["paired"] == false);  // other random streams than the baseline's
  // Same blocks in both runs: the measured ratio is the CRN estimate of the common run.
  // control_copy has no spread to compare (its paired SE is 0): only the treatment's ratio.
  REQUIRE(doc["measured_variance_ratios"].size() == 1);
  const nlohmann::json& measured = doc["measured_variance_ratios"][0];
  CHECK(measured["arm"] == "treatment");
  double estimated = 0.0;
  for (const nlohmann::json& row : doc["metrics"]) {
    if (row["arm"] == "treatment@1") estimated = row["crn_variance_ratio"];
  }
  CHECK(measured["variance_ratio"].get<double>() == Approx(estimated).epsilon(1e-12));
  CHECK(estimated > 1.0);

  ResultsStore store(path);
  const std::int64_t other = store.begin_run({"other", "o.yaml", "seed: 7\n", "tick", 7, 1, 1, 1, "0.1.0", 1}, {},
                                             {{0, "only", "a", "b", "c", ""}}, {}, {});
  options.runs = {1, other};
  CHECK(error_of([&] { compare_results(ResultsReader(path), options); }) ==
        "run 3 in '" + path + "' is of scenario 'other', run 1 in '" + path +
            "' of 'promo \"A\"\tB'; compare runs of one scenario");
}
