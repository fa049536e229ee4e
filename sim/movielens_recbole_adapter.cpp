#include "movielens_recbole_adapter.hpp"

#include <cmath>

#include "csv_fields.hpp"

namespace promosim {

void MovielensRecboleAdapter::read(const std::string& path, const IngestPolicy& policy,
                                   const std::function<void(const LoggedEvent&)>& sink, IngestSummary& summary) {
  IngestRun run(path, format(), policy, sink, summary, items_);
  CsvFields fields('\t');
  fields.split(run.header());
  const std::size_t columns = fields.size();
  int user = -1, item = -1, rating = -1, timestamp = -1;
  for (std::size_t i = 0; i < columns; ++i) {
    const std::string_view name = fields[i].substr(0, fields[i].find(':'));
    const int index = static_cast<int>(i);
    if (name == "user_id") user = index;
    if (name == "item_id") item = index;
    if (name == "rating") rating = index;
    if (name == "timestamp") timestamp = index;
  }
  if (user < 0 || item < 0 || timestamp < 0)
    run.wrong_format("a tab-separated RecBole .inter header with user_id:token, item_id:token and timestamp:float");
  std::string_view line;
  while (run.next_row(line)) {
    if (!run.split(fields, line, columns)) continue;
    if (fields[user].empty() || fields[item].empty()) {
      run.bad(bad_row::kMissingId, "");
      continue;
    }
    double time = 0;
    if (!parse_number(fields[timestamp], time)) {
      run.bad(bad_row::kTime, "timestamp '" + std::string(fields[timestamp]) + "', expected Unix seconds");
      continue;
    }
    LoggedEvent event;
    if (rating >= 0 && !parse_number(fields[rating], event.reward)) {
      run.bad(bad_row::kNumber, "rating '" + std::string(fields[rating]) + "'");
      continue;
    }
    event.kind = EventKind::kView;
    event.time = static_cast<std::int64_t>(std::floor(time));
    event.item = run.item(fields[item]);
    event.shopper = run.shopper(fields[user]);
    run.emit(event);
  }
  run.finish();
}

}  // namespace promosim
