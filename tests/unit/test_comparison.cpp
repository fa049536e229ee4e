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
#include "results_store.hpp"

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
std::string write_run(RunStatus status, const std::string& message, std::uint32_t treatment_replicates = kReplicates) {
  const std::string path = (fresh_folder("compare") / "r.db").string();
  ResultsStore store(path);
  const std::int64_t id = store.begin_run(
      {"promo \"A\"\tB", "s.yaml", "seed: 7\n", "tick", 7, kReplicates, kShards, 2, "0.1.0", 1}, {},
      {{0, "control", "popularity", "none", "list_price", ""},
       {1, "control_copy", "popularity", "none", "list_price", ""},
       {2, "treatment", "popularity", "none", "fixed_discount", ""}},
      {{0, "all", 0, 10}}, {{0, "everyone", 1000}});
  for (std::uint32_t r = 0; r < kReplicates; ++r) {
    for (std::uint32_t arm = 0; arm < 3; ++arm) {
      if (arm == 2 && r >= treatment_replicates) continue;
      ReplicateRecords records;
      for (std::uint32_t s = 0; s < kShards; ++s) records.shards.push_back({arm, r, s, block(r, s, arm == 2)});
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
  CHECK(header == "run,arm,metric,value,ci_low,ci_high,baseline,abs_lift,abs_low,abs_high,rel_lift,rel_low,rel_high,"
                  "p_value");
  REQUIRE(rows.size() == 3 * 10);
  for (const char* metric : {"sessions", "impressions", "clicks", "ctr", "carts", "purchases", "conversion_rate",
                             "revenue", "discount_cost", "margin"}) {
    INFO(metric);
    const std::vector<std::string>& copy = rows.at(std::string("control_copy/") + metric);
    REQUIRE(copy.size() == 14);
    CHECK(copy[6] == "control");
    for (std::size_t c = 7; c <= 12; ++c) CHECK(std::stod(copy[c]) == 0.0);  // abs and rel lift with CI
    CHECK(std::stod(copy[13]) == 1.0);
    // The baseline has no lift against itself: empty cells, not zeros.
    const std::vector<std::string>& base = rows.at(std::string("control/") + metric);
    for (std::size_t c = 7; c <= 13; ++c) CHECK(base[c].empty());
  }
  // Clicks per replicate: control 202 and 222 (mean 212), treatment +10 each.
  const std::vector<std::string>& clicks = rows.at("control/clicks");
  CHECK(std::stod(clicks[3]) == 212.0);
  CHECK(std::stod(clicks[4]) == Approx(212.0 - 12.7062047 * 10.0));  // t(1 df) · sd 14.142 / √2
  const std::vector<std::string>& lift = rows.at("treatment/clicks");
  CHECK(std::stod(lift[3]) == 222.0);
  CHECK(std::stod(lift[7]) == 10.0);
  // d = 2,3,2,3,2,3,2,3: SE = sqrt(8 · var(d)) / 2 = sqrt(16/7) / 2; t(7 df) = 2.364624.
  CHECK(std::stod(lift[8]) == Approx(10.0 - 2.36462425 * 0.75592895).epsilon(1e-6));
  CHECK(std::stod(lift[9]) == Approx(10.0 + 2.36462425 * 0.75592895).epsilon(1e-6));
  CHECK(std::stod(lift[10]) == Approx(20.0 / 424.0).epsilon(1e-9));
  CHECK(std::stod(lift[13]) == Approx(3.29707134e-6).epsilon(1e-6));  // t = 13.23, 7 df
  // No discount in the control: its relative lift is undefined (empty), the absolute one is not.
  const std::vector<std::string>& discount = rows.at("treatment/discount_cost");
  CHECK(std::stod(discount[7]) > 0.0);
  CHECK(discount[10].empty());
}

TEST_CASE("json is valid, escapes strings and uses null where there is no number", "[compare]") {
  const std::string path = write_run(RunStatus::kComplete, "");
  const std::string json = compare(path, "json");
  CHECK(JsonChecker(json).valid());
  CHECK_THAT(json, Contains("\"scenario\":\"promo \\\"A\\\"\\tB\""));
  CHECK_THAT(json, Contains("\"baseline\":\"control\""));
  CHECK_THAT(json, Contains("\"partial\":false"));
  // One metric object per line; every A/A row has exactly zero lift, relative too except where
  // the baseline is zero (no discounts, coupons or launches: 0 against 0 has no ratio), and a
  // rate with nothing to count (coupon redemption, new-item CTR, oracle regret) has no numbers.
  std::istringstream lines(json);
  int zero_rows = 0, undefined_rows = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("{\"arm\":\"control_copy\"", 0) != 0) continue;
    INFO(line);
    if (line.find("\"value\":null") != std::string::npos) {
      CHECK_THAT(line, Contains("\"abs_lift\":null,\"abs_low\":null,\"abs_high\":null,\"rel_lift\":null,"
                                "\"rel_low\":null,\"rel_high\":null,\"p_value\":null}"));
      ++undefined_rows;
      continue;
    }
    const bool zero_baseline = line.find("\"value\":0,") != std::string::npos;
    CHECK_THAT(line, Contains(zero_baseline ? "\"abs_lift\":0,\"abs_low\":0,\"abs_high\":0,\"rel_lift\":null,"
                                              "\"rel_low\":null,\"rel_high\":null,\"p_value\":1}"
                                            : "\"abs_lift\":0,\"abs_low\":0,\"abs_high\":0,\"rel_lift\":0,"
                                              "\"rel_low\":0,\"rel_high\":0,\"p_value\":1}"));
    ++zero_rows;
  }
  const int metrics = static_cast<int>(kComparedMetrics.size());
  constexpr int kUndefined = 3;
  CHECK(undefined_rows == kUndefined);
  CHECK(zero_rows == metrics - kUndefined);
  // The baseline's rows, and the undefined rates of the other arms.
  CHECK(count(json, "\"abs_lift\":null,\"abs_low\":null,\"abs_high\":null") == metrics + 2 * kUndefined);
  CHECK(count(json, "{\"arm\":") == 3 * metrics);
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
    CHECK(std::stod(rows.at("control/clicks")[3]) == 202.0);
    CHECK(std::stod(rows.at("treatment/clicks")[3]) == 212.0);
    CHECK(std::stod(rows.at("treatment/clicks")[7]) == 10.0);
    CHECK(rows.at("treatment/clicks")[4].empty());  // one replicate: no CI across replicates
  }
}

TEST_CASE("compare explains unknown arms, formats and runs, and runs without results", "[compare]") {
  const std::string path = write_run(RunStatus::kComplete, "");
  CHECK(error_of([&] { compare(path, "table", "contrl"); }) ==
        "no arm called 'contrl' in run 1 (did you mean 'control'?); the arms are control, control_copy, treatment");
  CHECK(error_of([&] { compare(path, "jsn"); }) == "unknown format 'jsn' (did you mean 'json'?); use table, csv or json");
  CompareOptions options;
  options.run = 4;
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
