#include "results_database.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <SQLiteCpp/Transaction.h>

#include <filesystem>
#include <stdexcept>

#include "metric_counters.hpp"
#include "user_error.hpp"

namespace promosim {
namespace {

namespace fs = std::filesystem;

// docs/results-schema.md documents every column. Counters are INTEGER, money REAL; the
// counter columns of metric, shard_total and block_breakdown come from kCounterFields
// (`@COUNTERS@`). Those three are WITHOUT ROWID: their primary key is how they are written and read, so
// the table is the index.
constexpr const char* kSchema = R"sql(
CREATE TABLE run (
  id               INTEGER PRIMARY KEY,
  scenario_name    TEXT NOT NULL,
  scenario_path    TEXT NOT NULL,
  resolved_config  TEXT NOT NULL,
  seed             INTEGER NOT NULL,
  replicates       INTEGER NOT NULL,
  shards           INTEGER NOT NULL,
  threads          INTEGER NOT NULL,
  promosim_version TEXT NOT NULL,
  abi_version      INTEGER NOT NULL,
  metrics_by       TEXT NOT NULL CHECK (metrics_by IN ('tick', 'day')),
  random_streams   TEXT NOT NULL CHECK (random_streams IN ('common', 'independent')),
  started_at       TEXT NOT NULL,
  ended_at         TEXT,
  status           TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'interrupted')),
  message          TEXT NOT NULL DEFAULT ''
);
CREATE TABLE log_ingest (
  run           INTEGER PRIMARY KEY REFERENCES run(id),
  path          TEXT NOT NULL,
  format        TEXT NOT NULL,
  rows_read     INTEGER NOT NULL,
  events        INTEGER NOT NULL,
  rows_skipped  INTEGER NOT NULL,
  skipped       TEXT NOT NULL,
  shoppers      INTEGER NOT NULL,
  sessions      INTEGER NOT NULL,
  items         INTEGER NOT NULL,
  first_time    INTEGER NOT NULL,
  last_time     INTEGER NOT NULL
);
CREATE TABLE run_plugin (
  run         INTEGER NOT NULL REFERENCES run(id),
  kind        TEXT NOT NULL,
  name        TEXT NOT NULL,
  version     TEXT NOT NULL,
  path        TEXT NOT NULL,
  abi_version INTEGER NOT NULL
);
CREATE INDEX run_plugin_by_run ON run_plugin(run);
CREATE TABLE arm (
  run            INTEGER NOT NULL REFERENCES run(id),
  arm_index      INTEGER NOT NULL,
  name           TEXT NOT NULL,
  recommender    TEXT NOT NULL,
  intent_model   TEXT NOT NULL,
  pricing_policy TEXT NOT NULL,
  params         TEXT NOT NULL,
  sweep          TEXT NOT NULL,
  PRIMARY KEY (run, arm_index),
  UNIQUE (run, name)
);
CREATE TABLE phase (
  run         INTEGER NOT NULL REFERENCES run(id),
  phase_index INTEGER NOT NULL,
  name        TEXT NOT NULL,
  first_tick  INTEGER NOT NULL,
  tick_count  INTEGER NOT NULL,
  PRIMARY KEY (run, phase_index)
);
CREATE TABLE segment (
  run           INTEGER NOT NULL REFERENCES run(id),
  segment_index INTEGER NOT NULL,
  name          TEXT NOT NULL,
  shoppers      INTEGER NOT NULL,
  PRIMARY KEY (run, segment_index)
);
CREATE TABLE metric (
  run                INTEGER NOT NULL REFERENCES run(id),
  arm_index          INTEGER NOT NULL,
  replicate          INTEGER NOT NULL,
  period             INTEGER NOT NULL,
  phase_index        INTEGER NOT NULL,
  segment_index      INTEGER NOT NULL,
  @COUNTERS@
  PRIMARY KEY (run, arm_index, replicate, period, phase_index, segment_index),
  FOREIGN KEY (run, arm_index) REFERENCES arm(run, arm_index)
) WITHOUT ROWID;
CREATE TABLE shard_total (
  run                INTEGER NOT NULL REFERENCES run(id),
  arm_index          INTEGER NOT NULL,
  replicate          INTEGER NOT NULL,
  shard              INTEGER NOT NULL,
  @COUNTERS@
  PRIMARY KEY (run, arm_index, replicate, shard),
  FOREIGN KEY (run, arm_index) REFERENCES arm(run, arm_index)
) WITHOUT ROWID;
CREATE TABLE block_breakdown (
  run                INTEGER NOT NULL REFERENCES run(id),
  dimension          TEXT NOT NULL CHECK (dimension IN ('phase', 'day', 'hour', 'segment')),
  arm_index          INTEGER NOT NULL,
  replicate          INTEGER NOT NULL,
  shard              INTEGER NOT NULL,
  level              INTEGER NOT NULL,
  @COUNTERS@
  PRIMARY KEY (run, dimension, arm_index, replicate, shard, level),
  FOREIGN KEY (run, arm_index) REFERENCES arm(run, arm_index)
) WITHOUT ROWID;
CREATE TABLE plugin_metric (
  run         INTEGER NOT NULL REFERENCES run(id),
  arm_index   INTEGER NOT NULL,
  replicate   INTEGER NOT NULL,
  tick        INTEGER NOT NULL,
  plugin_kind TEXT NOT NULL,
  plugin_name TEXT NOT NULL,
  metric      TEXT NOT NULL,
  value       REAL,
  FOREIGN KEY (run, arm_index) REFERENCES arm(run, arm_index)
);
CREATE INDEX plugin_metric_by_arm ON plugin_metric(run, arm_index, replicate);
CREATE TABLE event (
  run           INTEGER NOT NULL REFERENCES run(id),
  arm_index     INTEGER NOT NULL,
  replicate     INTEGER NOT NULL,
  tick          INTEGER NOT NULL,
  shopper       INTEGER NOT NULL,
  item          INTEGER NOT NULL,
  segment_index INTEGER NOT NULL,
  type          TEXT NOT NULL CHECK (type IN ('click', 'cart', 'purchase')),
  position      INTEGER,
  price_paid    REAL NOT NULL,
  discount      REAL NOT NULL,
  FOREIGN KEY (run, arm_index) REFERENCES arm(run, arm_index)
);
CREATE INDEX event_by_arm ON event(run, arm_index, replicate);
CREATE TABLE intent_calibration (
  run            INTEGER NOT NULL REFERENCES run(id),
  arm_index      INTEGER NOT NULL,
  replicate      INTEGER NOT NULL,
  decile         INTEGER NOT NULL,
  sessions       INTEGER NOT NULL,
  mean_predicted REAL NOT NULL,
  converted      INTEGER NOT NULL,
  PRIMARY KEY (run, arm_index, replicate, decile),
  FOREIGN KEY (run, arm_index) REFERENCES arm(run, arm_index)
) WITHOUT ROWID;
)sql";

/// kSchema with the counter columns written out.
std::string schema_sql() {
  std::string columns;
  for (const CounterField& f : kCounterFields) {
    columns += std::string(f.name) + (f.count != nullptr ? " INTEGER NOT NULL,\n  " : " REAL NOT NULL,\n  ");
  }
  std::string sql = kSchema;
  for (std::size_t at = sql.find("@COUNTERS@"); at != std::string::npos; at = sql.find("@COUNTERS@")) {
    sql.replace(at, std::string("@COUNTERS@\n  ").size(), columns);
  }
  return sql;
}

[[noreturn]] void throw_not_ours(const std::string& path, const std::string& what) {
  throw UserError("'" + path + "' is not a promosim results database (" + what +
                  "); choose another path, promosim leaves other files unchanged");
}

/// The folder and file checks SQLite would report only as "unable to open database file".
void check_location(const std::string& path, ResultsAccess access) {
  const fs::path file(path);
  std::error_code ignored;
  if (access == ResultsAccess::kRead) {
    if (!fs::exists(file, ignored)) {
      throw UserError("results database '" + path + "' does not exist; check the path, or run a scenario to create it");
    }
    if (fs::is_directory(file, ignored)) {
      throw UserError("'" + path + "' is a folder, not a results database; give the path of a .db file");
    }
    return;
  }
  const std::string cannot = "cannot write results to '" + path + "': ";
  const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
  if (fs::is_directory(file, ignored)) {
    throw UserError(cannot + "it is a folder; give a file name such as '" + (file / "results.db").string() + "'");
  }
  if (fs::exists(folder, ignored) && !fs::is_directory(folder, ignored)) {
    throw UserError(cannot + "'" + folder.string() + "' is a file, not a folder; choose another output path");
  }
  if (!fs::is_directory(folder, ignored)) {
    throw UserError(cannot + "folder '" + folder.string() + "' does not exist; create it or choose another output path");
  }
  const bool exists = fs::exists(file, ignored);
  if (::access(exists ? path.c_str() : folder.c_str(), W_OK) != 0) {
    throw UserError(cannot + "no write permission for '" + (exists ? path : folder.string()) +
                    "'; fix the permissions or choose another output path");
  }
}

bool is_empty_database(SQLite::Database& db) {
  return db.execAndGet("PRAGMA application_id").getInt() == 0 &&
         db.execAndGet("PRAGMA user_version").getInt() == 0 &&
         db.execAndGet("SELECT COUNT(*) FROM sqlite_master").getInt() == 0;
}

void create_schema(SQLite::Database& db) {
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  // Another process may have created it between our check and the lock.
  if (!is_empty_database(db)) return;
  db.exec(schema_sql());
  db.exec("PRAGMA application_id = " + std::to_string(kResultsApplicationId));
  db.exec("PRAGMA user_version = " + std::to_string(kResultsSchemaVersion));
  transaction.commit();
}

}  // namespace

std::string counter_columns() {
  std::string columns;
  for (const CounterField& f : kCounterFields) columns += (columns.empty() ? "" : ", ") + std::string(f.name);
  return columns;
}

SQLite::Database open_results_database(const std::string& path, ResultsAccess access,
                                       std::chrono::milliseconds busy_timeout) {
  check_location(path, access);
  const bool write = access == ResultsAccess::kWrite;
  try {
    SQLite::Database db(path, write ? SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE : SQLite::OPEN_READONLY,
                        static_cast<int>(busy_timeout.count()));
    // Nothing is written before the file is known to be ours (or empty).
    const int application_id = db.execAndGet("PRAGMA application_id").getInt();
    if (application_id == kResultsApplicationId) {
      const int version = db.execAndGet("PRAGMA user_version").getInt();
      if (version > kResultsSchemaVersion) {
        throw UserError("'" + path + "' was written by a newer promosim (results schema version " +
                        std::to_string(version) + ", this build knows up to " + std::to_string(kResultsSchemaVersion) +
                        "); use a newer promosim, or write to another file");
      }
      if (version < kResultsSchemaVersion) {
        throw UserError("'" + path + "' was written by an older promosim (results schema version " +
                        std::to_string(version) + ", this build writes and reads version " +
                        std::to_string(kResultsSchemaVersion) + "); " +
                        (write ? "move it away or write to another file (run --out PATH)"
                               : "rerun its scenario with this promosim to compare it"));
      }
    } else if (!write || !is_empty_database(db)) {
      throw_not_ours(path, application_id == 0 && is_empty_database(db)
                               ? "an empty SQLite file"
                               : "an SQLite database of another program, application_id " + std::to_string(application_id));
    } else {
      create_schema(db);
    }
    if (write) {
      // WAL lets readers (compare, sqlite3, pandas) look at a run while it is written.
      db.exec("PRAGMA journal_mode = WAL");
      db.exec("PRAGMA synchronous = NORMAL");
      db.exec("PRAGMA foreign_keys = ON");
      // Report another writer now, before the caller starts hours of work.
      db.exec("BEGIN IMMEDIATE");
      db.exec("ROLLBACK");
    }
    return db;
  } catch (const SQLite::Exception& error) {
    throw_results_error(error, path, "open");
  }
}

void throw_results_error(const SQLite::Exception& error, const std::string& path, std::string_view action) {
  const std::string cannot = "cannot " + std::string(action) + " results database '" + path + "': ";
  switch (error.getErrorCode() & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw UserError(cannot + "it is locked by another process (a running promosim or an open sqlite3 transaction); "
                               "wait for it to finish or close it, then retry");
    case SQLITE_NOTADB:
      throw_not_ours(path, "not an SQLite file");
    case SQLITE_FULL:
      throw UserError(cannot + "the disk is full; free some space or choose another output path");
    case SQLITE_READONLY:
    case SQLITE_PERM:
      throw UserError(cannot + "the file is read-only; fix its permissions or choose another output path");
    case SQLITE_CORRUPT:
      throw UserError(cannot + "the file is damaged (" + error.what() + "); restore a copy or choose another output path");
    case SQLITE_CANTOPEN:
      throw UserError(cannot + error.what() + "; check the path and its permissions");
    default:
      throw std::runtime_error(cannot + error.what());
  }
}

}  // namespace promosim
