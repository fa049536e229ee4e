#pragma once
// The bookkeeping every adapter shares while it streams one file: the line reader, bad-row
// handling (skip and count, or fail with file:line and a fix), pseudonyms, the item table
// and the summary. Memory is O(items + shoppers + sessions), never O(rows).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "event_log.hpp"
#include "ingest_policy.hpp"
#include "ingest_summary.hpp"
#include "item_table.hpp"
#include "log_line_reader.hpp"

namespace promosim {

/// Reasons a row is skipped; these strings appear in summaries and errors (docs/event-log.md).
namespace bad_row {
inline constexpr const char* kFieldCount = "wrong number of fields";
inline constexpr const char* kTruncated = "truncated last line";
inline constexpr const char* kQuote = "unclosed quote";
inline constexpr const char* kTime = "bad timestamp";
inline constexpr const char* kNumber = "bad number";
inline constexpr const char* kEventType = "unknown event type";
inline constexpr const char* kMissingId = "missing shopper or item id";
inline constexpr const char* kOverlong = "line too long";
}  // namespace bad_row

class IngestRun {
 public:
  using Sink = std::function<void(const LoggedEvent&)>;

  IngestRun(const std::string& path, const std::string& format, const IngestPolicy& policy, const Sink& sink,
            IngestSummary& summary, ItemTable& items);

  /// Reads the header line; throws UserError naming the format if the file is empty.
  std::string_view header();
  /// Throws UserError: the file is not in this adapter's format (a problem no row-skipping fixes).
  [[noreturn]] void wrong_format(const std::string& expected) const;

  /// Next non-blank data row; false at the end of the file or at the row limit. Over-long
  /// lines are reported as bad rows and not returned.
  bool next_row(std::string_view& line);
  /// Splits `line` with `fields`, checking the field count; on failure reports the bad row
  /// (a short last line without newline counts as truncated) and returns false.
  template <class Fields>
  bool split(Fields& fields, std::string_view line, std::size_t expected) {
    if (!fields.split(line)) {
      bad(reader_.unterminated() ? bad_row::kTruncated : bad_row::kQuote, "");
      return false;
    }
    if (fields.size() != expected) {
      const bool cut = reader_.unterminated() && fields.size() < expected;
      bad(cut ? bad_row::kTruncated : bad_row::kFieldCount,
          std::to_string(fields.size()) + " fields, expected " + std::to_string(expected));
      return false;
    }
    return true;
  }

  /// A row that cannot be read: counts it under `reason`, or throws UserError with
  /// file:line, the reason, `detail` and the fix when the policy says fail.
  void bad(const char* reason, const std::string& detail);
  /// A row that is fine but outside the schema (e.g. REES46 remove_from_cart): counted under
  /// `reason`, never fatal.
  void skip(const std::string& reason);

  std::uint64_t shopper(std::string_view raw_id) const { return policy_.pseudonym(raw_id); }
  std::uint64_t session(std::string_view raw_id) const { return raw_id.empty() ? kNoSession : sessions_key_(raw_id); }
  std::uint32_t item(std::string_view raw_id) { return items_.index(raw_id); }

  /// Hands the event to the sink and adds it to the summary.
  void emit(const LoggedEvent& event);
  /// Writes the distinct counts into the summary; call once after the last row.
  void finish();

  const std::string& path() const { return reader_.path(); }
  std::size_t line_number() const { return reader_.line_number(); }
  std::string location() const { return path() + ":" + std::to_string(line_number()); }

 private:
  LogLineReader reader_;
  std::string format_;
  const IngestPolicy& policy_;
  ShopperPseudonym sessions_key_;
  const Sink& sink_;
  IngestSummary& summary_;
  ItemTable& items_;
  std::unordered_set<std::uint64_t> shoppers_;
  std::unordered_set<std::uint64_t> sessions_;
};

/// Parses a whole field as a number; false if empty, partial or out of range.
bool parse_number(std::string_view text, double& value);
bool parse_integer(std::string_view text, std::int64_t& value);

}  // namespace promosim
