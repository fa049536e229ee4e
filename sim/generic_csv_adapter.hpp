#pragma once
// Any delimited log with a header, read through a YAML column mapping (docs/event-log.md):
//
//   delimiter: ","                                     # optional
//   time: {column: ts, format: unix_seconds}           # or unix_ms, datetime
//   shopper: user_id
//   item: sku
//   event_type: {column: action, values: {view: [pv], cart: [add], purchase: [buy]}}
//   # or event_type: {fixed: purchase}
//   price: amount          # optional, as are session, position, propensity, reward
//
// Columns are named as in the header. Values of the type column not listed are bad rows.
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "log_adapter.hpp"

namespace YAML {
class Node;
}

namespace promosim {

class GenericCsvAdapter : public LogAdapter {
 public:
  /// Reads and checks the mapping file; throws UserError with its line:column and a fix.
  explicit GenericCsvAdapter(const std::string& mapping_path);

  std::string format() const override { return "generic"; }
  void read(const std::string& path, const IngestPolicy& policy, const std::function<void(const LoggedEvent&)>& sink,
            IngestSummary& summary) override;

 private:
  void parse_mapping(const YAML::Node& root);

  enum class TimeFormat { unix_seconds, unix_ms, datetime };
  /// The mapped fields, in this order; an empty name means "not in this log".
  enum Field { kTime, kShopper, kItem, kType, kPrice, kSession, kPosition, kPropensity, kReward, kFieldCount };

  std::string mapping_path_;
  char delimiter_ = ',';
  TimeFormat time_format_ = TimeFormat::unix_seconds;
  std::array<std::string, kFieldCount> columns_;
  std::vector<std::pair<std::string, EventKind>> type_values_;
  bool fixed_kind_ = false;
  EventKind kind_ = EventKind::kView;
};

}  // namespace promosim
