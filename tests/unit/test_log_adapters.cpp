// Each logged-data adapter on a small fixture the project writes (tests/fixtures/logs/): the
// events it produces, every bad-row reason it detects, quoted fields, CRLF, a truncated last
// line, and on_bad_row: fail stopping with file:line and the fix.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <vector>

#include "log_adapter.hpp"
#include "log_time.hpp"
#include "user_error.hpp"

using namespace promosim;
using Catch::Matchers::Contains;

namespace {

std::string fixture(const std::string& name) { return std::string(PROMOSIM_TEST_SOURCE_DIR) + "/fixtures/logs/" + name; }

IngestPolicy policy(OnBadRow on_bad_row = OnBadRow::kSkip) {
  return IngestPolicy{on_bad_row, ShopperPseudonym::from_secret("unit-test secret key"), 0};
}

struct Ingested {
  std::vector<LoggedEvent> events;
  IngestSummary summary;
  std::vector<std::string> items;
};

Ingested ingest(const std::string& format, const std::string& file, const std::string& mapping = "") {
  Ingested out;
  auto adapter = make_log_adapter(format, mapping);
  adapter->read(fixture(file), policy(), [&](const LoggedEvent& e) { out.events.push_back(e); }, out.summary);
  out.items = adapter->item_ids();
  return out;
}

std::uint64_t skipped(const IngestSummary& s, const std::string& reason) {
  const auto it = s.skipped.find(reason);
  return it == s.skipped.end() ? 0 : it->second.count;
}

std::string first_at(const IngestSummary& s, const std::string& reason) {
  const auto it = s.skipped.find(reason);
  return it == s.skipped.end() ? "" : it->second.first;
}

std::uint64_t kind_count(const IngestSummary& s, EventKind k) { return s.events_by_kind[static_cast<int>(k)]; }

void check_fail_mode(const std::string& format, const std::string& file, const std::string& location,
                     const std::string& reason, const std::string& mapping = "") {
  auto adapter = make_log_adapter(format, mapping);
  IngestSummary summary;
  CHECK_THROWS_WITH(adapter->read(fixture(file), policy(OnBadRow::kFail), [](const LoggedEvent&) {}, summary),
                    Contains(file + ":" + location) && Contains(reason) && Contains("--on-bad-row skip"));
}

}  // namespace

TEST_CASE("REES46: events, pseudonyms, bad rows by reason and the truncated last line") {
  const Ingested r = ingest("rees46", "rees46_small.csv");
  const IngestSummary& s = r.summary;
  CHECK(s.rows_read == 12);
  CHECK(s.events == 6);
  CHECK(kind_count(s, EventKind::kView) == 4);
  CHECK(kind_count(s, EventKind::kCart) == 1);
  CHECK(kind_count(s, EventKind::kPurchase) == 1);
  CHECK(s.rows_skipped == 6);
  CHECK(skipped(s, "event type not in the schema (remove_from_cart)") == 1);
  CHECK(skipped(s, bad_row::kEventType) == 1);
  CHECK(skipped(s, bad_row::kTime) == 1);
  CHECK(skipped(s, bad_row::kNumber) == 1);
  CHECK(skipped(s, bad_row::kFieldCount) == 1);
  CHECK(skipped(s, bad_row::kTruncated) == 1);
  CHECK_THAT(first_at(s, bad_row::kTruncated), Contains("rees46_small.csv:13"));
  CHECK_THAT(first_at(s, bad_row::kNumber), Contains("rees46_small.csv:10"));
  CHECK(s.shoppers == 3);
  CHECK(s.sessions == 3);
  CHECK(s.items == 4);
  CHECK(s.first_time == *parse_utc_datetime("2019-10-01 00:00:00"));
  CHECK(s.last_time == *parse_utc_datetime("2019-10-01 02:50:00"));
  REQUIRE(r.events.size() == 6);
  // The quoted brand "acme, inc" kept the row at nine fields.
  CHECK(r.items[r.events[1].item] == "101");
  CHECK(r.events[1].price == 20.5);
  // The CRLF row parsed like the others; u1's three events share a pseudonym and a session.
  CHECK(r.events[2].kind == EventKind::kCart);
  CHECK(r.events[0].shopper == r.events[3].shopper);
  CHECK(r.events[0].session == r.events[3].session);
  CHECK(r.events[0].shopper == policy().pseudonym("u1"));
  CHECK(r.events[0].shopper != r.events[4].shopper);
  CHECK(r.events[0].position == -1);
  CHECK(std::isnan(r.events[0].propensity));
  check_fail_mode("rees46", "rees46_small.csv", "8", bad_row::kEventType);
}

TEST_CASE("DIGINETICA: views with session-relative times, anonymous sessions as shoppers") {
  const Ingested r = ingest("diginetica", "diginetica_small.csv");
  const IngestSummary& s = r.summary;
  CHECK(s.rows_read == 9);
  CHECK(s.events == 5);
  CHECK(kind_count(s, EventKind::kView) == 5);
  CHECK(skipped(s, bad_row::kNumber) == 1);
  CHECK(skipped(s, bad_row::kTime) == 1);
  CHECK(skipped(s, bad_row::kFieldCount) == 1);
  CHECK(skipped(s, bad_row::kTruncated) == 1);
  CHECK(s.shoppers == 3);
  CHECK(s.sessions == 3);
  CHECK(s.items == 4);
  REQUIRE(r.events.size() == 5);
  CHECK(r.events[0].time == *parse_utc_datetime("2016-05-09 00:08:46"));
  CHECK(r.events[3].time == *parse_utc_datetime("2016-05-10 00:00:01"));
  CHECK(r.events[0].shopper == r.events[1].shopper);
  CHECK(r.events[2].shopper == r.events[3].shopper);
  check_fail_mode("diginetica", "diginetica_small.csv", "6", bad_row::kNumber);
}

TEST_CASE("Open Bandit Dataset: impressions with click reward, position and propensity") {
  const Ingested r = ingest("obd", "obd_small.csv");
  const IngestSummary& s = r.summary;
  CHECK(s.rows_read == 7);
  CHECK(s.events == 3);
  CHECK(kind_count(s, EventKind::kImpression) == 3);
  CHECK(skipped(s, bad_row::kNumber) == 1);
  CHECK(skipped(s, bad_row::kTime) == 1);
  CHECK(skipped(s, bad_row::kFieldCount) == 1);
  CHECK(skipped(s, bad_row::kTruncated) == 1);
  CHECK(s.shoppers == 2);
  CHECK(s.items == 2);
  REQUIRE(r.events.size() == 3);
  CHECK(r.events[1].reward == 1);
  CHECK(r.events[1].action == 0);
  CHECK(r.events[0].action == 1);
  CHECK(r.events[0].position == 3);
  CHECK(r.events[2].propensity == 0.25);
  CHECK(r.events[0].time == *parse_utc_datetime("2019-11-24 00:03:13"));
  check_fail_mode("obd", "obd_small.csv", "5", bad_row::kNumber);
}

TEST_CASE("Hillstrom: one event per customer with arm, propensity 1/3 and spend") {
  const Ingested r = ingest("hillstrom", "hillstrom_small.csv");
  const IngestSummary& s = r.summary;
  CHECK(s.rows_read == 7);
  CHECK(s.events == 5);
  CHECK(kind_count(s, EventKind::kImpression) == 2);
  CHECK(kind_count(s, EventKind::kClick) == 2);
  CHECK(kind_count(s, EventKind::kPurchase) == 1);
  CHECK(skipped(s, bad_row::kEventType) == 1);
  CHECK(skipped(s, bad_row::kNumber) == 1);
  // A complete last line without a newline is a row like any other.
  CHECK(skipped(s, bad_row::kTruncated) == 0);
  CHECK(s.shoppers == 5);
  CHECK(s.items == 3);
  CHECK(s.first_time == kNoTime);
  REQUIRE(r.events.size() == 5);
  CHECK(r.events[0].action == 2);
  CHECK(r.events[1].action == 0);
  CHECK(r.events[2].action == 1);
  CHECK(r.events[2].kind == EventKind::kPurchase);
  CHECK(r.events[2].reward == Approx(29.99));
  CHECK(r.events[2].price == Approx(29.99));
  CHECK(r.events[0].propensity == Approx(1.0 / 3));
  CHECK(r.events[4].kind == EventKind::kClick);
  check_fail_mode("hillstrom", "hillstrom_small.csv", "6", bad_row::kEventType);
}

TEST_CASE("MovieLens (RecBole .inter): ratings as views with the rating as reward") {
  const Ingested r = ingest("movielens", "movielens_small.inter");
  const IngestSummary& s = r.summary;
  CHECK(s.rows_read == 7);
  CHECK(s.events == 5);
  CHECK(skipped(s, bad_row::kNumber) == 1);
  CHECK(skipped(s, bad_row::kFieldCount) == 1);
  CHECK(s.shoppers == 4);
  CHECK(s.sessions == 0);
  CHECK(s.items == 5);
  CHECK(s.first_time == 878887116);
  CHECK(s.last_time == 891717742);
  REQUIRE(r.events.size() == 5);
  CHECK(r.events[0].reward == 3);
  CHECK(r.items[r.events[0].item] == "242");
  check_fail_mode("movielens", "movielens_small.inter", "5", bad_row::kNumber);
}

TEST_CASE("Generic CSV: a YAML column mapping, type values, optional fields") {
  const std::string mapping = fixture("generic_mapping.yaml");
  const Ingested r = ingest("generic", "generic_events.csv", mapping);
  const IngestSummary& s = r.summary;
  CHECK(s.rows_read == 9);
  CHECK(s.events == 4);
  CHECK(kind_count(s, EventKind::kView) == 2);
  CHECK(kind_count(s, EventKind::kCart) == 1);
  CHECK(kind_count(s, EventKind::kPurchase) == 1);
  CHECK(skipped(s, bad_row::kEventType) == 1);
  CHECK(skipped(s, bad_row::kTime) == 1);
  CHECK(skipped(s, bad_row::kMissingId) == 1);
  CHECK(skipped(s, bad_row::kNumber) == 1);
  CHECK(skipped(s, bad_row::kTruncated) == 1);
  CHECK(s.shoppers == 3);
  CHECK(s.sessions == 3);
  CHECK(s.items == 3);
  REQUIRE(r.events.size() == 4);
  CHECK(r.items[r.events[0].item] == "sku,1");
  CHECK(r.events[0].time == 1700000000);
  CHECK(r.events[0].position == 1);
  CHECK(r.events[0].propensity == 0.5);
  CHECK(r.events[1].price == Approx(19.99));
  CHECK(r.events[2].time == 1700000002);
  CHECK(r.events[2].position == -1);
  CHECK(std::isnan(r.events[2].price));
  CHECK(r.events[3].propensity == 0.7);
  check_fail_mode("generic", "generic_events.csv", "5", bad_row::kEventType, mapping);
}

TEST_CASE("Generic CSV: a bad or missing mapping is a user error with its place and a fix") {
  CHECK_THROWS_WITH(make_log_adapter("generic", fixture("generic_bad_mapping.yaml")),
                    Contains("generic_bad_mapping.yaml:5:1") && Contains("unknown key 'colour'"));
  CHECK_THROWS_WITH(make_log_adapter("generic", ""), Contains("--mapping"));
  // Values of the wrong shape are user errors too, not internal ones.
  const auto path = std::filesystem::temp_directory_path() / "promosim-bad-shape-mapping.yaml";
  const auto write = [&](const std::string& text) { std::ofstream(path) << text; };
  write("shopper: u\nitem: i\nevent_type: {fixed: view}\ntime: {format: unix_ms}\n");
  CHECK_THROWS_WITH(make_log_adapter("generic", path.string()), Contains("'time.column' must be a column name"));
  write("shopper: u\nitem: i\nevent_type: {fixed: view}\ntime: {column: t, format: [a]}\n");
  CHECK_THROWS_AS(make_log_adapter("generic", path.string()), UserError);
  write("shopper: u\nitem: i\ntime: t\n");
  CHECK_THROWS_WITH(make_log_adapter("generic", path.string()), Contains("needs 'event_type'"));
  std::filesystem::remove(path);
  CHECK_THROWS_WITH(make_log_adapter("rees46", fixture("generic_mapping.yaml")), Contains("only for --format generic"));
  CHECK_THROWS_WITH(make_log_adapter("parquet", ""), Contains("unknown log format") && Contains("rees46"));
}

TEST_CASE("A file in another format, or an empty one, is refused before any row is read") {
  auto adapter = make_log_adapter("rees46", "");
  IngestSummary summary;
  CHECK_THROWS_WITH(adapter->read(fixture("hillstrom_small.csv"), policy(), [](const LoggedEvent&) {}, summary),
                    Contains("hillstrom_small.csv:1: not a rees46 log") && Contains("--format"));
  auto obd = make_log_adapter("obd", "");
  CHECK_THROWS_WITH(obd->read(fixture("generic_mapping.yaml"), policy(), [](const LoggedEvent&) {}, summary),
                    Contains("not a obd log"));
  const auto empty = std::filesystem::temp_directory_path() / "promosim-empty-log.csv";
  std::ofstream(empty).flush();
  CHECK_THROWS_WITH(adapter->read(empty.string(), policy(), [](const LoggedEvent&) {}, summary),
                    Contains("the file is empty") && Contains("rees46"));
  std::filesystem::remove(empty);
}

TEST_CASE("The row limit stops early and says so in the summary") {
  auto adapter = make_log_adapter("movielens", "");
  IngestSummary summary;
  IngestPolicy p = policy();
  p.row_limit = 2;
  adapter->read(fixture("movielens_small.inter"), p, [](const LoggedEvent&) {}, summary);
  CHECK(summary.rows_read == 2);
  CHECK(summary.events == 2);
  CHECK(summary.limited);
  CHECK_THAT(summary.to_text(), Contains("stopped at --limit"));
}

TEST_CASE("The summary text lists counts, skip reasons with their first place, and the time span") {
  const Ingested r = ingest("rees46", "rees46_small.csv");
  const std::string text = r.summary.to_text();
  CHECK_THAT(text, Contains("rows read:    12"));
  CHECK_THAT(text, Contains("events:       6 (view 4, cart 1, purchase 1)"));
  CHECK_THAT(text, Contains("truncated last line: 1 (first at "));
  CHECK_THAT(text, Contains("shoppers:     3"));
  CHECK_THAT(text, Contains("2019-10-01 00:00:00 UTC .. 2019-10-01 02:50:00 UTC"));
  // Raw shopper ids never reach the summary.
  CHECK_THAT(text, !Contains("u1"));
}

TEST_CASE("Hillstrom and Open Bandit expose the row's context features during the sink call") {
  STATIC_REQUIRE(sizeof(LoggedEvent) == 64);
  auto hillstrom = make_log_adapter("hillstrom", "");
  std::vector<std::string> channels, segments;
  IngestSummary summary;
  hillstrom->read(fixture("hillstrom_small.csv"), policy(), [&](const LoggedEvent&) {
    channels.emplace_back(hillstrom->row_features()[7]);
    segments.emplace_back(hillstrom->row_features()[1]);
  }, summary);
  CHECK(hillstrom->feature_names() == std::vector<std::string>{"recency", "history_segment", "history", "mens",
                                                               "womens", "zip_code", "newbie", "channel"});
  REQUIRE(channels.size() == 5);
  CHECK(channels == std::vector<std::string>{"Phone", "Web", "Web", "Web", "Phone"});
  CHECK(segments[2] == "2) $100 - $200");  // written quoted in the file
  auto obd = make_log_adapter("obd", "");
  std::vector<std::string> first_feature;
  obd->read(fixture("obd_small.csv"), policy(), [&](const LoggedEvent&) {
    first_feature.emplace_back(obd->row_features()[0]);
  }, summary);
  CHECK(obd->feature_names().size() == 4);
  CHECK(obd->feature_names()[3] == "user_feature_3");
  CHECK(first_feature.front() == "a");
  CHECK(make_log_adapter("rees46", "")->feature_names().empty());
}
