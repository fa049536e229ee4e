#pragma once
// A reader for one public log format. It streams the file row by row, turns each row into
// LoggedEvents in the common schema (event_log.hpp) and never lets a raw shopper id out.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "event_log.hpp"
#include "ingest_policy.hpp"
#include "ingest_run.hpp"
#include "ingest_summary.hpp"

namespace promosim {

class LogAdapter {
 public:
  virtual ~LogAdapter() = default;

  /// The --format name ("rees46", ...).
  virtual std::string format() const = 0;

  /// Streams `path`, calling `sink` once per event in file order, and fills `summary` (one
  /// summary per call). Throws UserError for a file that cannot be read or is not in this
  /// format, and for the first bad row when policy.on_bad_row is fail.
  virtual void read(const std::string& path, const IngestPolicy& policy,
                    const std::function<void(const LoggedEvent&)>& sink, IngestSummary& summary) = 0;

  /// Raw item ids by dense index, for the events read so far (item ids are not personal).
  const std::vector<std::string>& item_ids() const { return items_.ids(); }

  /// Names of the per-row context features this format exposes (Hillstrom: recency, mens, ...;
  /// OBD: user_feature_0..3); empty for formats that expose none. Fixed for the adapter.
  const std::vector<std::string>& feature_names() const { return feature_names_; }
  /// The current row's feature values, one per feature_names() entry, as written in the file.
  /// Valid only inside a sink call: the views point into the row being read. They are kept out
  /// of LoggedEvent so that stays a fixed 64-byte record.
  const std::vector<std::string_view>& row_features() const { return row_features_; }

 protected:
  ItemTable items_;
  std::vector<std::string> feature_names_;
  std::vector<std::string_view> row_features_;
};

/// The adapter for a --format name; `mapping` is the YAML column mapping the generic format
/// needs. Throws UserError for an unknown format or a missing/bad mapping.
std::unique_ptr<LogAdapter> make_log_adapter(const std::string& format, const std::string& mapping);

/// The --format names, for help and error messages.
std::string log_format_names();

}  // namespace promosim
