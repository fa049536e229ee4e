#pragma once
// What an ingest saw: rows read and skipped (by reason, with the first place each occurred),
// events per kind, distinct shoppers, sessions and items, and the time span.
#include <array>
#include <cstdint>
#include <map>
#include <string>

#include "event_log.hpp"
#include "results_records.hpp"

namespace promosim {

struct IngestSummary {
  /// Rows skipped for one reason; `first` is "file:line" of the first such row.
  struct Skipped {
    std::uint64_t count = 0;
    std::string first;
  };

  std::string path;
  std::string format;
  std::uint64_t rows_read = 0;     ///< data rows (the header and blank lines excluded)
  std::uint64_t events = 0;        ///< events handed to the sink
  std::uint64_t rows_skipped = 0;  ///< sum over `skipped`
  std::map<std::string, Skipped> skipped;  ///< reason -> tally
  std::array<std::uint64_t, kEventKindCount> events_by_kind{};
  std::uint64_t shoppers = 0;  ///< distinct shopper pseudonyms
  std::uint64_t sessions = 0;  ///< distinct session pseudonyms (kNoSession not counted)
  std::uint64_t items = 0;     ///< size of the item table
  std::int64_t first_time = kNoTime;  ///< earliest event time (seconds UTC); kNoTime if none had one
  std::int64_t last_time = kNoTime;
  bool limited = false;  ///< stopped at IngestPolicy::row_limit

  /// A short multi-line, human-readable report (what `promosim ingest` prints).
  std::string to_text() const;
  /// The summary as the results database stores it (table log_ingest).
  LogIngestRecord to_record() const;
};

/// "YYYY-MM-DD HH:MM:SS UTC" for seconds since the epoch.
std::string format_utc(std::int64_t seconds);

}  // namespace promosim
