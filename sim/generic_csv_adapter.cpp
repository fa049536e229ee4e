#include "generic_csv_adapter.hpp"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>

#include "csv_fields.hpp"
#include "log_time.hpp"
#include "user_error.hpp"

namespace promosim {

namespace {

[[noreturn]] void mapping_error(const std::string& path, const YAML::Node& node, const std::string& message) {
  // An absent key yields an invalid node, which has no mark.
  const YAML::Mark mark = node.IsDefined() ? node.Mark() : YAML::Mark::null_mark();
  std::string where = path;
  if (mark.line >= 0) where += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
  throw UserError(where + ": " + message + " (see docs/event-log.md, \"Generic CSV\")");
}

std::string scalar(const std::string& path, const YAML::Node& node, const std::string& key) {
  // IsScalar() throws on the invalid node an absent key gives, so test IsDefined() first.
  if (!node.IsDefined() || !node.IsScalar() || node.Scalar().empty())
    mapping_error(path, node, "'" + key + "' must be a column name");
  return node.Scalar();
}

bool kind_from_name(const std::string& name, EventKind& kind) {
  for (int k = 0; k < kEventKindCount; ++k)
    if (event_kind_name(static_cast<EventKind>(k)) == name) {
      kind = static_cast<EventKind>(k);
      return true;
    }
  return false;
}

}  // namespace

GenericCsvAdapter::GenericCsvAdapter(const std::string& mapping_path) : mapping_path_(mapping_path) {
  if (mapping_path.empty())
    throw UserError("--format generic needs a column mapping; pass --mapping FILE.yaml (see docs/event-log.md)");
  if (!std::filesystem::is_regular_file(mapping_path))
    throw UserError("cannot open mapping file '" + mapping_path + "'; check the path");
  YAML::Node root;
  try {
    root = YAML::LoadFile(mapping_path);
  } catch (const YAML::Exception& e) {
    throw UserError(mapping_path + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                    ": not valid YAML (" + e.msg + "); fix the syntax");
  }
  try {
    parse_mapping(root);
  } catch (const YAML::Exception& e) {
    // A value of the wrong shape (a list where a name belongs, ...).
    const std::string where = e.mark.line >= 0 ? ":" + std::to_string(e.mark.line + 1) + ":" +
                                                     std::to_string(e.mark.column + 1)
                                               : "";
    throw UserError(mapping_path + where + ": " + e.msg + " (see docs/event-log.md, \"Generic CSV\")");
  }
}

void GenericCsvAdapter::parse_mapping(const YAML::Node& root) {
  const std::string& mapping_path = mapping_path_;
  if (!root.IsMap()) mapping_error(mapping_path, root, "the mapping must be a YAML map of log fields to columns");
  const char* names[] = {"time", "shopper", "item", "event_type", "price", "session", "position", "propensity", "reward"};
  for (const auto& entry : root) {
    const std::string key = entry.first.as<std::string>();
    const YAML::Node& value = entry.second;
    if (key == "delimiter") {
      const std::string d = value.IsScalar() ? value.Scalar() : "";
      if (d == "\\t" || d == "tab") {
        delimiter_ = '\t';
      } else if (d.size() == 1 && d != "\"") {
        delimiter_ = d[0];
      } else {
        mapping_error(mapping_path, value, "'delimiter' must be one character (or \"tab\")");
      }
      continue;
    }
    if (key == "time") {
      if (value.IsMap()) {
        columns_[kTime] = scalar(mapping_path, value["column"], "time.column");
        const std::string format = value["format"] ? value["format"].as<std::string>() : "unix_seconds";
        if (format == "unix_seconds") {
          time_format_ = TimeFormat::unix_seconds;
        } else if (format == "unix_ms") {
          time_format_ = TimeFormat::unix_ms;
        } else if (format == "datetime") {
          time_format_ = TimeFormat::datetime;
        } else {
          mapping_error(mapping_path, value["format"], "time.format '" + format + "' is not one of unix_seconds, unix_ms, datetime");
        }
      } else {
        columns_[kTime] = scalar(mapping_path, value, "time");
      }
      continue;
    }
    if (key == "event_type") {
      if (!value.IsMap()) mapping_error(mapping_path, value, "'event_type' must be {column: NAME, values: {...}} or {fixed: KIND}");
      if (value["fixed"]) {
        fixed_kind_ = true;
        if (!kind_from_name(value["fixed"].as<std::string>(), kind_))
          mapping_error(mapping_path, value["fixed"], "event_type.fixed must be view, click, cart, purchase or impression");
        continue;
      }
      columns_[kType] = scalar(mapping_path, value["column"], "event_type.column");
      const YAML::Node values = value["values"];
      if (!values || !values.IsMap())
        mapping_error(mapping_path, value, "event_type needs 'values': a map from view/click/cart/purchase/impression to the log's values");
      for (const auto& kv : values) {
        EventKind kind = EventKind::kView;
        if (!kind_from_name(kv.first.as<std::string>(), kind))
          mapping_error(mapping_path, kv.first, "'" + kv.first.as<std::string>() + "' is not view, click, cart, purchase or impression");
        if (kv.second.IsSequence()) {
          for (const auto& v : kv.second) type_values_.emplace_back(v.as<std::string>(), kind);
        } else {
          type_values_.emplace_back(kv.second.as<std::string>(), kind);
        }
      }
      continue;
    }
    bool known = false;
    for (int f = 0; f < kFieldCount; ++f)
      if (key == names[f]) {
        columns_[f] = scalar(mapping_path, value, key);
        known = true;
      }
    if (!known)
      mapping_error(mapping_path, entry.first,
                    "unknown key '" + key + "'; use delimiter, time, shopper, item, event_type, price, session, position, propensity, reward");
  }
  for (int f : {kTime, kShopper, kItem})
    if (columns_[f].empty()) mapping_error(mapping_path, root, std::string("the mapping needs '") + names[f] + "'");
  if (!fixed_kind_ && columns_[kType].empty())
    mapping_error(mapping_path, root, "the mapping needs 'event_type' ({column: ..., values: ...} or {fixed: view})");
}

void GenericCsvAdapter::read(const std::string& path, const IngestPolicy& policy,
                             const std::function<void(const LoggedEvent&)>& sink, IngestSummary& summary) {
  IngestRun run(path, format(), policy, sink, summary, items_);
  CsvFields fields(delimiter_);
  if (!fields.split(run.header())) run.wrong_format("a header line without an open quote");
  const std::size_t columns = fields.size();
  std::array<std::size_t, kFieldCount> at{};
  for (int f = 0; f < kFieldCount; ++f) {
    at[f] = columns;
    if (columns_[f].empty()) continue;
    for (std::size_t i = 0; i < columns; ++i)
      if (fields[i] == columns_[f]) at[f] = i;
    if (at[f] == columns)
      throw UserError(path + ":1: the header has no column '" + columns_[f] + "' named in " + mapping_path_ +
                      "; fix the mapping or the delimiter ('" + std::string(1, delimiter_) + "')");
  }
  const auto has = [&](int f) { return at[f] < columns; };
  std::string_view line;
  while (run.next_row(line)) {
    if (!run.split(fields, line, columns)) continue;
    LoggedEvent event;
    if (fixed_kind_) {
      event.kind = kind_;
    } else {
      const std::string_view type = fields[at[kType]];
      bool found = false;
      for (const auto& [value, kind] : type_values_)
        if (value == type) {
          event.kind = kind;
          found = true;
          break;
        }
      if (!found) {
        run.bad(bad_row::kEventType, "'" + std::string(type) + "' is not in the mapping's event_type.values");
        continue;
      }
    }
    const std::string_view time_text = fields[at[kTime]];
    bool time_ok = false;
    if (time_format_ == TimeFormat::datetime) {
      const auto t = parse_utc_datetime(time_text);
      time_ok = t.has_value();
      if (t) event.time = *t;
    } else {
      double t = 0;
      time_ok = parse_number(time_text, t);
      if (time_ok) event.time = static_cast<std::int64_t>(std::floor(time_format_ == TimeFormat::unix_ms ? t / 1000 : t));
    }
    if (!time_ok) {
      run.bad(bad_row::kTime, "'" + std::string(time_text) + "'");
      continue;
    }
    if (fields[at[kShopper]].empty() || fields[at[kItem]].empty()) {
      run.bad(bad_row::kMissingId, "");
      continue;
    }
    // Optional numeric fields: empty means "none"; anything else must parse.
    bool numbers_ok = true;
    const auto optional_number = [&](int f, double& out) {
      if (!has(f) || fields[at[f]].empty()) return;
      if (!parse_number(fields[at[f]], out)) numbers_ok = false;
    };
    double position = -1;
    optional_number(kPrice, event.price);
    optional_number(kPropensity, event.propensity);
    optional_number(kReward, event.reward);
    optional_number(kPosition, position);
    if (!numbers_ok || position != std::floor(position) || (has(kPropensity) && !std::isnan(event.propensity) &&
                                                            !(event.propensity > 0 && event.propensity <= 1))) {
      run.bad(bad_row::kNumber, "price, propensity (0, 1], reward or integer position");
      continue;
    }
    event.position = static_cast<std::int32_t>(position);
    event.item = run.item(fields[at[kItem]]);
    event.shopper = run.shopper(fields[at[kShopper]]);
    if (has(kSession)) event.session = run.session(fields[at[kSession]]);
    run.emit(event);
  }
  run.finish();
}

}  // namespace promosim
