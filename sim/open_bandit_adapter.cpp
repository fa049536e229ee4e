#include "open_bandit_adapter.hpp"

#include "csv_fields.hpp"
#include "log_time.hpp"

namespace promosim {

void OpenBanditAdapter::read(const std::string& path, const IngestPolicy& policy,
                             const std::function<void(const LoggedEvent&)>& sink, IngestSummary& summary) {
  IngestRun run(path, format(), policy, sink, summary, items_);
  CsvFields fields(',');
  fields.split(run.header());
  const std::size_t columns = fields.size();
  const char* names[] = {"timestamp", "item_id", "position", "click", "propensity_score",
                         "user_feature_0", "user_feature_1", "user_feature_2", "user_feature_3"};
  std::size_t at[9];
  for (std::size_t n = 0; n < 9; ++n) {
    at[n] = columns;
    for (std::size_t i = 0; i < columns; ++i)
      if (fields[i] == names[n]) at[n] = i;
    if (at[n] == columns)
      run.wrong_format("an Open Bandit Dataset header with timestamp, item_id, position, click, propensity_score and "
                       "user_feature_0..3");
  }
  feature_names_ = {"user_feature_0", "user_feature_1", "user_feature_2", "user_feature_3"};
  row_features_.assign(feature_names_.size(), std::string_view());
  std::string context;
  std::string_view line;
  while (run.next_row(line)) {
    if (!run.split(fields, line, columns)) continue;
    const auto time = parse_utc_datetime(fields[at[0]]);
    if (!time) {
      run.bad(bad_row::kTime, "'" + std::string(fields[at[0]]) + "'");
      continue;
    }
    std::int64_t item = 0, position = 0;
    double click = 0;
    LoggedEvent event;
    if (!parse_integer(fields[at[1]], item) || item < 0 || !parse_integer(fields[at[2]], position) || position < 1 ||
        !parse_number(fields[at[3]], click) || !(click == 0 || click == 1) ||
        !parse_number(fields[at[4]], event.propensity) || !(event.propensity > 0 && event.propensity <= 1)) {
      run.bad(bad_row::kNumber, "item_id, position, click (0/1) or propensity_score (0, 1]");
      continue;
    }
    context.clear();
    for (std::size_t n = 5; n < 9; ++n) {
      context.append(fields[at[n]]);
      context += '|';
    }
    event.time = *time;
    event.kind = EventKind::kImpression;
    event.item = run.item(fields[at[1]]);
    event.action = static_cast<std::int32_t>(item);
    event.position = static_cast<std::int32_t>(position);
    event.reward = click;
    event.shopper = run.shopper(context);
    for (std::size_t f = 0; f < 4; ++f) row_features_[f] = fields[at[5 + f]];
    run.emit(event);
  }
  run.finish();
}

}  // namespace promosim
