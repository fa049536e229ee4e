// The results store: round trip, append, refusal of foreign files, location and lock errors,
// all-or-nothing replicates, run status.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "../support/cli_runner.hpp"
#include "../support/user_error_text.hpp"
#include "results_reader.hpp"
#include "results_store.hpp"

using namespace promosim;
using promosim::test::error_of;
using promosim::test::fresh_folder;
using promosim::test::read_file;
namespace fs = std::filesystem;

namespace {

RunRecord sample_run() {
  // A seed above 2^63 checks the uint64 ↔ int64 bit-pattern round trip.
  return {"promo \"A\"", "/scenarios/a.yaml", "seed: 18446744073709551600\narms: []\n", "day",
          18446744073709551600ull, 2, 3, 2, "0.1.0", 1};
}

std::vector<ArmRecord> sample_arms() {
  return {{0, "control", "popularity", "none", "list_price", "recommender: popularity {}\n"},
          {1, "discount", "popularity", "none", "fixed_discount", "pricing_policy: fixed_discount {depth: 0.1}\n"}};
}

/// Counters with a different value in every field, derived from `base`.
MetricCounters counters(std::uint64_t base) {
  MetricCounters c;
  std::uint64_t next = base;
  for (const CounterField& f : kCounterFields) {
    if (f.count != nullptr) {
      c.*f.count = next++;
    } else {
      c.*f.amount = 0.125 * static_cast<double>(next++);
    }
  }
  return c;
}

void check_equal(const MetricCounters& a, const MetricCounters& b) {
  for (const CounterField& f : kCounterFields) {
    INFO(f.name);
    if (f.count != nullptr) {
      CHECK(a.*f.count == b.*f.count);
    } else {
      CHECK(a.*f.amount == b.*f.amount);
    }
  }
}

std::int64_t begin_sample_run(ResultsStore& store) {
  return store.begin_run(sample_run(), {{"recommender", "popularity", "1.0.0", "/plugins/popularity.so", 1}},
                         sample_arms(), {{0, "pre_heat", 0, 48}, {1, "peak", 48, 24}},
                         {{0, "bargain_hunters", 600}, {1, "loyal", 400}});
}

std::string not_ours(const fs::path& path, const std::string& what) {
  const std::string name = path.string();
  return "'" + name + "' is not a promosim results database (" + what +
         "); choose another path, promosim leaves other files unchanged";
}

}  // namespace

TEST_CASE("a run is stored and read back unchanged", "[results]") {
  const std::string path = (fresh_folder("store") / "r.db").string();
  ResultsStore store(path);
  CHECK(store.path() == path);
  const std::int64_t id = begin_sample_run(store);
  CHECK(id == 1);

  std::vector<MetricRecord> metrics;
  std::vector<ShardRecord> shards;
  for (std::uint32_t arm = 0; arm < 2; ++arm) {
    for (std::uint32_t period = 0; period < 3; ++period) {
      metrics.push_back({arm, 1, period, period == 2 ? 1u : 0u, period % 2, counters(100 + 10 * arm + period)});
    }
    for (std::uint32_t shard = 0; shard < 3; ++shard) shards.push_back({arm, 1, shard, counters(1000 + shard)});
  }
  Event click{7, 42, 3, 19.5f, 0.25f, EventType::kClick, 2, 1};
  Event organic{8, 43, 0, 10.0f, 0.0f, EventType::kPurchase, 255, 0};
  store.write_replicate(id, {metrics, shards, {{0, 1, 3, "recommender", "popularity", "candidates", 12.5}},
                            {{0, 1, click}, {1, 1, organic}}, {{1, 1, 9, 400, 0.625, 230}}});
  store.finish_run(id, RunStatus::kComplete, "");

  const ResultsReader reader(path);
  const RunSummary run = reader.run(id);
  CHECK(run.scenario_name == "promo \"A\"");
  CHECK(run.status == "complete");
  CHECK(run.seed == 18446744073709551600ull);
  CHECK(run.replicates == 2);
  CHECK(run.shards == 3);
  CHECK(run.threads == 2);
  CHECK(run.metrics_by == "day");
  CHECK(run.message.empty());
  CHECK(run.started_at.size() == 20);  // 2024-11-11T08:30:00Z
  CHECK(run.started_at.back() == 'Z');
  CHECK(run.ended_at >= run.started_at);
  CHECK(reader.resolved_config(id) == sample_run().resolved_config);

  const std::vector<ArmRecord> arms = reader.arms(id);
  REQUIRE(arms.size() == 2);
  CHECK(arms[1].name == "discount");
  CHECK(arms[1].pricing_policy == "fixed_discount");
  CHECK(arms[1].params == sample_arms()[1].params);
  const std::vector<PhaseRecord> phases = reader.phases(id);
  REQUIRE(phases.size() == 2);
  CHECK(phases[1].name == "peak");
  CHECK(phases[1].first_tick == 48);
  CHECK(phases[1].tick_count == 24);
  const std::vector<SegmentRecord> segments = reader.segments(id);
  REQUIRE(segments.size() == 2);
  CHECK(segments[0].name == "bargain_hunters");
  CHECK(segments[0].shoppers == 600);

  const std::vector<MetricRecord> metrics_back = reader.metrics(id);
  REQUIRE(metrics_back.size() == metrics.size());
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    CHECK(metrics_back[i].arm == metrics[i].arm);
    CHECK(metrics_back[i].replicate == 1);
    CHECK(metrics_back[i].period == metrics[i].period);
    CHECK(metrics_back[i].phase == metrics[i].phase);
    CHECK(metrics_back[i].segment == metrics[i].segment);
    check_equal(metrics_back[i].counters, metrics[i].counters);
  }
  const std::vector<ShardRecord> shards_back = reader.shard_totals(id);
  REQUIRE(shards_back.size() == shards.size());
  for (std::size_t i = 0; i < shards.size(); ++i) {
    CHECK(shards_back[i].arm == shards[i].arm);
    CHECK(shards_back[i].shard == shards[i].shard);
    check_equal(shards_back[i].counters, shards[i].counters);
  }

  const std::vector<CalibrationRecord> calibration = reader.calibration(id);
  REQUIRE(calibration.size() == 1);
  CHECK(calibration[0].arm == 1);
  CHECK(calibration[0].decile == 9);
  CHECK(calibration[0].sessions == 400);
  CHECK(calibration[0].mean_predicted == 0.625);
  CHECK(calibration[0].converted == 230);

  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("PRAGMA application_id").getInt() == kResultsApplicationId);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == kResultsSchemaVersion);
  CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(raw.execAndGet("SELECT COUNT(*) FROM run_plugin WHERE run = 1 AND path = '/plugins/popularity.so'").getInt() == 1);
  CHECK(raw.execAndGet("SELECT value FROM plugin_metric WHERE metric = 'candidates'").getDouble() == 12.5);
  CHECK(raw.execAndGet("SELECT type || ' ' || position || ' ' || price_paid || ' ' || segment_index FROM event "
                       "WHERE arm_index = 0").getString() == "click 2 19.5 1");
  CHECK(raw.execAndGet("SELECT position IS NULL FROM event WHERE arm_index = 1").getInt() == 1);
}

TEST_CASE("reopening a results database appends the next run", "[results]") {
  const std::string path = (fresh_folder("append") / "r.db").string();
  {
    ResultsStore store(path);
    store.finish_run(begin_sample_run(store), RunStatus::kComplete, "");
  }
  ResultsStore again(path);
  const std::int64_t second = begin_sample_run(again);
  CHECK(second == 2);
  const ResultsReader reader(path);
  const std::vector<RunSummary> runs = reader.runs();
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].id == 1);
  CHECK(runs[0].status == "complete");
  CHECK(runs[1].id == 2);
  // Never finished (as after a crash): still 'running', with no end time.
  CHECK(runs[1].status == "running");
  CHECK(runs[1].ended_at.empty());
  REQUIRE(reader.latest_run().has_value());
  CHECK(reader.latest_run()->id == 2);
  CHECK(error_of([&] { reader.run(5); }) == "no run 5 in '" + path + "'; the runs there are 1, 2");
}

TEST_CASE("failed and interrupted runs keep their status and message", "[results]") {
  const std::string path = (fresh_folder("failed") / "r.db").string();
  ResultsStore store(path);
  const std::int64_t failed = begin_sample_run(store);
  store.finish_run(failed, RunStatus::kFailed, "recommender plugin 'popularity' failed in recommend");
  const std::int64_t interrupted = begin_sample_run(store);
  store.finish_run(interrupted, RunStatus::kInterrupted, "interrupted during arm 'control', replicate 1");
  const ResultsReader reader(path);
  CHECK(reader.run(failed).status == "failed");
  CHECK(reader.run(failed).message == "recommender plugin 'popularity' failed in recommend");
  CHECK_FALSE(reader.run(failed).ended_at.empty());
  CHECK(reader.run(interrupted).status == "interrupted");
  CHECK_THROWS_AS(store.finish_run(99, RunStatus::kComplete, ""), std::invalid_argument);
}

TEST_CASE("a replicate is written whole or not at all", "[results]") {
  const std::string path = (fresh_folder("atomic") / "r.db").string();
  ResultsStore store(path);
  const std::int64_t id = begin_sample_run(store);
  // The last row names arm 7, which the run does not have: the foreign key rejects the write.
  const std::vector<ShardRecord> shards{{0, 0, 0, counters(1)}, {0, 0, 1, counters(2)}, {7, 0, 2, counters(3)}};
  ReplicateRecords records;
  records.shards = shards;
  CHECK_THROWS(store.write_replicate(id, records));
  CHECK(ResultsReader(path).shard_totals(id).empty());
  // The store is still usable afterwards.
  records.shards.pop_back();
  store.write_replicate(id, records);
  CHECK(ResultsReader(path).shard_totals(id).size() == 2);
}

TEST_CASE("files that are not promosim results databases are refused and left unchanged", "[results]") {
  const fs::path dir = fresh_folder("foreign");
  const fs::path text = dir / "notes.db";
  std::ofstream(text) << "my notes, not a database\n";
  const fs::path other = dir / "other.db";
  {
    SQLite::Database db(other.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)");
  }
  for (const auto& [path, what] : {std::pair{text, std::string("not an SQLite file")},
                                   std::pair{other, std::string("an SQLite database of another program, application_id 0")}}) {
    const std::string before = read_file(path);
    CHECK(error_of([&] { ResultsStore store(path.string()); }) == not_ours(path, what));
    CHECK(error_of([&] { ResultsReader reader(path.string()); }) == not_ours(path, what));
    CHECK(read_file(path) == before);
  }
  CHECK_FALSE(fs::exists(dir / "other.db-wal"));
  CHECK_FALSE(fs::exists(dir / "notes.db-wal"));
}

TEST_CASE("a results database from a newer promosim is refused", "[results]") {
  const std::string path = (fresh_folder("newer") / "r.db").string();
  { ResultsStore store(path); }
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = " + std::to_string(kResultsSchemaVersion + 1));
  }
  const std::string expected = "'" + path + "' was written by a newer promosim (results schema version " +
                               std::to_string(kResultsSchemaVersion + 1) + ", this build knows up to " +
                               std::to_string(kResultsSchemaVersion) + "); use a newer promosim, or write to another file";
  CHECK(error_of([&] { ResultsStore store(path); }) == expected);
  CHECK(error_of([&] { ResultsReader reader(path); }) == expected);
}

TEST_CASE("a results database from an older promosim is refused with what to do", "[results]") {
  const std::string path = (fresh_folder("older") / "r.db").string();
  { ResultsStore store(path); }
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = " + std::to_string(kResultsSchemaVersion - 1));
  }
  const std::string stem = "'" + path + "' was written by an older promosim (results schema version " +
                           std::to_string(kResultsSchemaVersion - 1) + ", this build writes and reads version " +
                           std::to_string(kResultsSchemaVersion) + "); ";
  CHECK(error_of([&] { ResultsStore store(path); }) == stem + "move it away or write to another file (run --out PATH)");
  CHECK(error_of([&] { ResultsReader reader(path); }) == stem + "rerun its scenario with this promosim to compare it");
}

TEST_CASE("missing folders, unwritable paths and missing files are reported", "[results]") {
  const fs::path dir = fresh_folder("paths");
  const std::string missing = (dir / "no" / "such" / "r.db").string();
  CHECK(error_of([&] { ResultsStore store(missing); }) ==
        "cannot write results to '" + missing + "': folder '" + (dir / "no" / "such").string() +
            "' does not exist; create it or choose another output path");
  std::ofstream(dir / "x.txt") << "x";
  const std::string under_file = (dir / "x.txt" / "out.db").string();
  CHECK(error_of([&] { ResultsStore store(under_file); }) ==
        "cannot write results to '" + under_file + "': '" + (dir / "x.txt").string() +
            "' is a file, not a folder; choose another output path");
  CHECK(error_of([&] { ResultsStore store(dir.string()); }) ==
        "cannot write results to '" + dir.string() + "': it is a folder; give a file name such as '" +
            (dir / "results.db").string() + "'");
  const std::string absent = (dir / "absent.db").string();
  CHECK(error_of([&] { ResultsReader reader(absent); }) ==
        "results database '" + absent + "' does not exist; check the path, or run a scenario to create it");
  CHECK_FALSE(fs::exists(absent));  // reading never creates a file
}

TEST_CASE("a database locked by another connection is reported, not waited on forever", "[results]") {
  const std::string path = (fresh_folder("locked") / "r.db").string();
  const std::chrono::milliseconds short_wait{100};
  ResultsStore store(path, short_wait);
  SQLite::Database holder(path, SQLite::OPEN_READWRITE);
  holder.exec("BEGIN IMMEDIATE");
  const std::string locked = "cannot add a run to results database '" + path +
                             "': it is locked by another process (a running promosim or an open sqlite3 "
                             "transaction); wait for it to finish or close it, then retry";
  CHECK(error_of([&] { begin_sample_run(store); }) == locked);
  CHECK_THAT(error_of([&] { ResultsStore second(path, short_wait); }), Catch::Matchers::Contains("is locked"));
  // Readers are not blocked by a writer (WAL).
  CHECK(ResultsReader(path, short_wait).runs().empty());
  holder.exec("ROLLBACK");
  CHECK(begin_sample_run(store) == 1);
}
