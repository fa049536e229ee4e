#include "ingest_run.hpp"

#include <charconv>
#include <cmath>

#include "user_error.hpp"

namespace promosim {

IngestRun::IngestRun(const std::string& path, const std::string& format, const IngestPolicy& policy, const Sink& sink,
                     IngestSummary& summary, ItemTable& items)
    : reader_(path),
      format_(format),
      policy_(policy),
      sessions_key_(policy.pseudonym.derived(0x53455353494f4e53ULL)),
      sink_(sink),
      summary_(summary),
      items_(items) {
  summary_.path = path;
  summary_.format = format;
}

std::string_view IngestRun::header() {
  std::string_view line;
  if (!reader_.next(line) || line.empty())
    throw UserError(path() + ": the file is empty; expected a " + format_ + " log with a header line");
  // A UTF-8 byte-order mark, as Excel writes, is not part of the first column name.
  if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  return line;
}

void IngestRun::wrong_format(const std::string& expected) const {
  throw UserError(path() + ":1: not a " + format_ + " log: expected " + expected +
                  "; check the file or pass the right --format");
}

bool IngestRun::next_row(std::string_view& line) {
  for (;;) {
    if (policy_.row_limit != 0 && summary_.rows_read >= policy_.row_limit) {
      summary_.limited = true;
      return false;
    }
    if (!reader_.next(line)) return false;
    if (line.empty()) continue;
    ++summary_.rows_read;
    if (reader_.overlong()) {
      bad(bad_row::kOverlong, "longer than " + std::to_string(LogLineReader::kMaxLineBytes) + " bytes");
      continue;
    }
    return true;
  }
}

void IngestRun::bad(const char* reason, const std::string& detail) {
  if (policy_.on_bad_row == OnBadRow::kFail)
    throw UserError(location() + ": " + reason + (detail.empty() ? "" : " (" + detail + ")") +
                    "; fix the row, or pass --on-bad-row skip (on_bad_row: skip) to skip and count bad rows");
  skip(reason);
}

void IngestRun::skip(const std::string& reason) {
  IngestSummary::Skipped& tally = summary_.skipped[reason];
  if (tally.count++ == 0) tally.first = location();
  ++summary_.rows_skipped;
}

void IngestRun::emit(const LoggedEvent& event) {
  sink_(event);
  ++summary_.events;
  ++summary_.events_by_kind[static_cast<int>(event.kind)];
  shoppers_.insert(event.shopper);
  if (event.session != kNoSession) sessions_.insert(event.session);
  if (event.time != kNoTime) {
    if (summary_.first_time == kNoTime || event.time < summary_.first_time) summary_.first_time = event.time;
    if (summary_.last_time == kNoTime || event.time > summary_.last_time) summary_.last_time = event.time;
  }
}

void IngestRun::finish() {
  summary_.shoppers = shoppers_.size();
  summary_.sessions = sessions_.size();
  summary_.items = items_.ids().size();
}

bool parse_number(std::string_view text, double& value) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && std::isfinite(value);
}

bool parse_integer(std::string_view text, std::int64_t& value) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace promosim
