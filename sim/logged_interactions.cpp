#include "logged_interactions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "user_error.hpp"

namespace promosim {

LoggedInteractions LoggedInteractions::read(LogAdapter& adapter, const std::string& path, const IngestPolicy& policy,
                                            IngestSummary& summary) {
  struct Row {
    std::uint32_t shopper;
    LoggedInteraction interaction;
  };
  std::vector<Row> rows;
  std::unordered_map<std::uint64_t, std::uint32_t> shopper_index;
  std::vector<double> price_sum;
  std::vector<std::uint32_t> price_count;
  adapter.read(path, policy, [&](const LoggedEvent& event) {
    const bool reacted = event.kind != EventKind::kImpression || event.reward > 0;
    if (!reacted) return;
    const auto [at, added] = shopper_index.try_emplace(event.shopper, static_cast<std::uint32_t>(shopper_index.size()));
    rows.push_back({at->second, {event.time, event.item, event.kind}});
    if (event.item >= price_sum.size()) {
      price_sum.resize(event.item + 1, 0.0);
      price_count.resize(event.item + 1, 0);
    }
    if (std::isfinite(event.price) && event.price > 0) {
      price_sum[event.item] += event.price;
      ++price_count[event.item];
    }
  }, summary);
  if (rows.empty()) {
    throw UserError(path + ": no views, clicks, carts or purchases to learn from (" + std::to_string(summary.rows_read) +
                    " rows read, " + std::to_string(summary.rows_skipped) +
                    " skipped); check --format and run `promosim ingest` on the file to see what it holds");
  }
  // Group by shopper, oldest first; the stable sort keeps file order among equal times.
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.shopper != b.shopper ? a.shopper < b.shopper : a.interaction.time < b.interaction.time;
  });
  LoggedInteractions log;
  log.interactions_.reserve(rows.size());
  log.offsets_.assign(shopper_index.size() + 1, 0);
  for (const Row& row : rows) {
    log.interactions_.push_back(row.interaction);
    ++log.offsets_[row.shopper + 1];
  }
  std::partial_sum(log.offsets_.begin(), log.offsets_.end(), log.offsets_.begin());
  // The item table also holds items seen only in rows that were not interactions.
  log.item_price_.assign(adapter.item_ids().size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < price_sum.size(); ++i) {
    if (price_count[i] > 0) log.item_price_[i] = price_sum[i] / price_count[i];
  }
  return log;
}

}  // namespace promosim
