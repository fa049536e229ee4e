#include "ingest_summary.hpp"

#include <cstdio>
#include <sstream>

#include "log_time.hpp"

namespace promosim {

std::string format_utc(std::int64_t seconds) {
  const std::int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  const std::int64_t rest = seconds - days * 86400;
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  civil_from_days(days, year, month, day);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d:%02d UTC", year, month, day, static_cast<int>(rest / 3600),
                static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
  return text;
}

std::string IngestSummary::to_text() const {
  std::ostringstream out;
  out << "log:          " << path << " (" << format << ")\n";
  out << "rows read:    " << rows_read << (limited ? " (stopped at --limit)" : "") << "\n";
  out << "events:       " << events;
  bool first = true;
  for (int k = 0; k < kEventKindCount; ++k) {
    if (events_by_kind[k] == 0) continue;
    out << (first ? " (" : ", ") << event_kind_name(static_cast<EventKind>(k)) << " " << events_by_kind[k];
    first = false;
  }
  out << (first ? "" : ")") << "\n";
  out << "rows skipped: " << rows_skipped << "\n";
  for (const auto& [reason, tally] : skipped)
    out << "  " << reason << ": " << tally.count << " (first at " << tally.first << ")\n";
  out << "shoppers:     " << shoppers << "\n";
  out << "sessions:     " << sessions << "\n";
  out << "items:        " << items << "\n";
  if (first_time == kNoTime)
    out << "time span:    none (the log has no timestamps)\n";
  else
    out << "time span:    " << format_utc(first_time) << " .. " << format_utc(last_time) << "\n";
  return out.str();
}

LogIngestRecord IngestSummary::to_record() const {
  LogIngestRecord r{path, format, rows_read, events, rows_skipped, "", shoppers, sessions, items, first_time, last_time};
  for (const auto& [reason, tally] : skipped) {
    if (!r.skipped.empty()) r.skipped += "; ";
    r.skipped += reason + ": " + std::to_string(tally.count) + " (first at " + tally.first + ")";
  }
  return r;
}

}  // namespace promosim
