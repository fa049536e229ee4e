#pragma once
// A reader for one public log format. It streams the file row by row, turns each row into
// LoggedEvents in the common schema (event_log.hpp) and never lets a raw shopper id out.
#include <functional>
#include <memory>
#include <string>
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

 protected:
  ItemTable items_;
};

/// The adapter for a --format name; `mapping` is the YAML column mapping the generic format
/// needs. Throws UserError for an unknown format or a missing/bad mapping.
std::unique_ptr<LogAdapter> make_log_adapter(const std::string& format, const std::string& mapping);

/// The --format names, for help and error messages.
std::string log_format_names();

}  // namespace promosim
