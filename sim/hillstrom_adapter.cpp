#include "hillstrom_adapter.hpp"

#include "csv_fields.hpp"

namespace promosim {

namespace {
constexpr const char* kHeader =
    "recency,history_segment,history,mens,womens,zip_code,newbie,channel,segment,visit,conversion,spend";

bool flag(std::string_view text, bool& value) {
  if (text != "0" && text != "1") return false;
  value = text == "1";
  return true;
}
}  // namespace

void HillstromAdapter::read(const std::string& path, const IngestPolicy& policy,
                            const std::function<void(const LoggedEvent&)>& sink, IngestSummary& summary) {
  IngestRun run(path, format(), policy, sink, summary, items_);
  if (run.header() != kHeader) run.wrong_format(std::string("the header '") + kHeader + "'");
  // Every customer column except the arm and its outcomes: what a targeting rule may look at.
  static constexpr std::size_t kFeatureColumns[] = {0, 1, 2, 3, 4, 5, 6, 7};
  feature_names_ = {"recency", "history_segment", "history", "mens", "womens", "zip_code", "newbie", "channel"};
  row_features_.assign(feature_names_.size(), std::string_view());
  CsvFields fields(',');
  std::string_view line;
  while (run.next_row(line)) {
    if (!run.split(fields, line, 12)) continue;
    LoggedEvent event;
    const std::string_view segment = fields[8];
    if (segment == "No E-Mail") {
      event.action = 0;
    } else if (segment == "Mens E-Mail") {
      event.action = 1;
    } else if (segment == "Womens E-Mail") {
      event.action = 2;
    } else {
      run.bad(bad_row::kEventType, "segment '" + std::string(segment) + "'");
      continue;
    }
    double recency = 0, history = 0;
    bool mens = false, womens = false, newbie = false, visit = false, conversion = false;
    if (!parse_number(fields[0], recency) || !parse_number(fields[2], history) || !flag(fields[3], mens) ||
        !flag(fields[4], womens) || !flag(fields[6], newbie) || !flag(fields[9], visit) ||
        !flag(fields[10], conversion) || !parse_number(fields[11], event.reward) || event.reward < 0) {
      run.bad(bad_row::kNumber, "recency, history, spend or a 0/1 flag");
      continue;
    }
    event.kind = conversion ? EventKind::kPurchase : visit ? EventKind::kClick : EventKind::kImpression;
    if (conversion) event.price = event.reward;
    event.propensity = 1.0 / 3.0;
    event.item = run.item(segment);
    // No customer id exists; the row number identifies the customer within this file only.
    event.shopper = run.shopper("hillstrom-row:" + std::to_string(run.line_number()));
    for (std::size_t f = 0; f < feature_names_.size(); ++f) row_features_[f] = fields[kFeatureColumns[f]];
    run.emit(event);
  }
  run.finish();
}

}  // namespace promosim
