#pragma once
// What ResultsStore and ResultsReader share: the file's identity (application_id, schema
// version), opening a file only after checking it is a promosim results database, and turning
// SQLite failures a user can fix (locked, not a database, disk full) into one-line UserErrors.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace promosim {

/// `PRAGMA application_id` of every promosim results database: "PSIM" in ASCII, so `file(1)`
/// and a hex dump show whose file it is.
inline constexpr std::int32_t kResultsApplicationId = 0x5053494D;
/// `PRAGMA user_version`: bumped on every schema change. A build refuses files of another version.
inline constexpr int kResultsSchemaVersion = 4;
/// How long a write waits for another connection's lock before it is reported as locked.
inline constexpr std::chrono::milliseconds kResultsBusyTimeout{2000};

/// The counter columns of the metric and shard_total tables, "sessions, impressions, ...", in
/// kCounterFields order.
std::string counter_columns();

enum class ResultsAccess { kRead, kWrite };

/// Opens `path` as a promosim results database. kWrite creates the file and its schema when it
/// is absent (or an empty file); kRead requires an existing database and opens it read-only.
/// Never writes to a file that is not a promosim results database. Throws UserError with the
/// cause and a fix for a missing or unwritable folder, a missing file (kRead), a file of
/// another program, a newer schema and a lock held by another process.
SQLite::Database open_results_database(const std::string& path, ResultsAccess access,
                                       std::chrono::milliseconds busy_timeout);

/// Rethrows a SQLite failure on `path` during `action`, worded to precede "results database"
/// ("open", "write run 3 to"): a lock, a full disk,
/// a read-only or damaged file become UserError; anything else a std::runtime_error with context.
[[noreturn]] void throw_results_error(const SQLite::Exception& error, const std::string& path,
                                      std::string_view action);

}  // namespace promosim
