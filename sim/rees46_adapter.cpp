#include "rees46_adapter.hpp"

#include "csv_fields.hpp"
#include "log_time.hpp"

namespace promosim {

namespace {
constexpr const char* kHeader = "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";
}

void Rees46Adapter::read(const std::string& path, const IngestPolicy& policy,
                         const std::function<void(const LoggedEvent&)>& sink, IngestSummary& summary) {
  IngestRun run(path, format(), policy, sink, summary, items_);
  if (run.header() != kHeader) run.wrong_format(std::string("the header '") + kHeader + "'");
  CsvFields fields(',');
  std::string_view line;
  while (run.next_row(line)) {
    if (!run.split(fields, line, 9)) continue;
    LoggedEvent event;
    const std::string_view type = fields[1];
    if (type == "view") {
      event.kind = EventKind::kView;
    } else if (type == "cart") {
      event.kind = EventKind::kCart;
    } else if (type == "purchase") {
      event.kind = EventKind::kPurchase;
    } else if (type == "remove_from_cart") {
      // A valid REES46 event the schema has no kind for; not a data error.
      run.skip("event type not in the schema (remove_from_cart)");
      continue;
    } else {
      run.bad(bad_row::kEventType, "'" + std::string(type) + "'");
      continue;
    }
    const auto time = parse_utc_datetime(fields[0]);
    if (!time) {
      run.bad(bad_row::kTime, "'" + std::string(fields[0]) + "', expected YYYY-MM-DD HH:MM:SS UTC");
      continue;
    }
    if (!parse_number(fields[6], event.price) || event.price < 0) {
      run.bad(bad_row::kNumber, "price '" + std::string(fields[6]) + "'");
      continue;
    }
    if (fields[2].empty() || fields[7].empty()) {
      run.bad(bad_row::kMissingId, "");
      continue;
    }
    event.time = *time;
    event.item = run.item(fields[2]);
    event.shopper = run.shopper(fields[7]);
    event.session = run.session(fields[8]);
    run.emit(event);
  }
  run.finish();
}

}  // namespace promosim
