#include "diginetica_adapter.hpp"

#include "csv_fields.hpp"
#include "log_time.hpp"

namespace promosim {

void DigineticaAdapter::read(const std::string& path, const IngestPolicy& policy,
                             const std::function<void(const LoggedEvent&)>& sink, IngestSummary& summary) {
  IngestRun run(path, format(), policy, sink, summary, items_);
  if (run.header() != "session_id;user_id;item_id;timeframe;eventdate")
    run.wrong_format("the header 'session_id;user_id;item_id;timeframe;eventdate'");
  CsvFields fields(';');
  std::string raw_shopper;
  std::string_view line;
  while (run.next_row(line)) {
    if (!run.split(fields, line, 5)) continue;
    if (fields[0].empty() || fields[2].empty()) {
      run.bad(bad_row::kMissingId, "");
      continue;
    }
    const auto day = parse_utc_datetime(fields[4]);
    if (!day || fields[4].size() != 10) {
      run.bad(bad_row::kTime, "eventdate '" + std::string(fields[4]) + "', expected YYYY-MM-DD");
      continue;
    }
    // timeframe: milliseconds since the session started (CIKM Cup 2016 data description).
    std::int64_t timeframe = 0;
    if (!parse_integer(fields[3], timeframe) || timeframe < 0) {
      run.bad(bad_row::kNumber, "timeframe '" + std::string(fields[3]) + "'");
      continue;
    }
    LoggedEvent event;
    event.kind = EventKind::kView;
    event.time = *day + timeframe / 1000;
    event.item = run.item(fields[2]);
    event.session = run.session(fields[0]);
    const bool anonymous = fields[1] == "NA" || fields[1].empty();
    raw_shopper.assign(anonymous ? "session:" : "user:");
    raw_shopper.append(anonymous ? fields[0] : fields[1]);
    event.shopper = run.shopper(raw_shopper);
    run.emit(event);
  }
  run.finish();
}

}  // namespace promosim
