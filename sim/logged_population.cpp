#include "logged_population.hpp"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "leave_last_out.hpp"
#include "log_adapter.hpp"
#include "log_catalog.hpp"
#include "logged_interactions.hpp"
#include "user_error.hpp"

namespace promosim {

namespace {

// Engagement weights of the history's cells, as the shipped plugins weigh events.
float engagement_weight(EventKind kind) {
  switch (kind) {
    case EventKind::kCart: return 3.0f;
    case EventKind::kPurchase: return 10.0f;
    default: return 1.0f;
  }
}

}  // namespace

LoggedPopulation LoggedPopulation::load(const Scenario& scenario, TickIndex tick_count) {
  const LoggedPopulationConfig& source = scenario.population.log;
  const CatalogConfig& catalog = scenario.catalog;
  const std::string where = "population.log " + source.path;
  std::unique_ptr<LogAdapter> adapter = make_log_adapter(source.format, source.mapping);
  LoggedPopulation p;
  const IngestPolicy policy{OnBadRow::kSkip, ShopperPseudonym::throwaway(), 0};
  const LoggedInteractions log = LoggedInteractions::read(*adapter, source.path, policy, p.summary);
  if (p.summary.first_time == kNoTime) {
    throw UserError(where + ": the log has no timestamps, so there is no \"who came when\" to replay; use a log "
                    "with event times (rees46, diginetica, obd, movielens or a generic mapping with a time column)");
  }
  p.shopper_count = log.shopper_count();
  p.item_count = log.item_count();
  if (p.item_count < catalog.categories) {
    throw UserError(where + ": the log has " + std::to_string(p.item_count) + " items, fewer than catalog.categories (" +
                    std::to_string(catalog.categories) + "); set catalog.categories to at most " +
                    std::to_string(p.item_count));
  }
  const LogCatalog prices(log);
  p.item_price.assign(prices.view().list_price, prices.view().list_price + p.item_count);

  // Split the span: history before `split`, arrivals from it on.
  const double first = static_cast<double>(p.summary.first_time);
  const double last = static_cast<double>(p.summary.last_time);
  const double split = first + source.history_share * (last - first);
  const double replayed_span = last - split;
  const double tick_seconds = scenario.timeline.tick_minutes * 60.0;
  std::map<std::pair<std::uint32_t, std::uint32_t>, float> cells;  // (shopper, item) -> weight, ordered
  std::vector<double> engagements(p.item_count, 0.0);
  p.arrival_offsets.assign(1, 0);
  for (ShopperId s = 0; s < p.shopper_count; ++s) {
    std::int64_t previous = kNoTime;
    for (const LoggedInteraction& x : log.of(s)) {
      const auto t = static_cast<double>(x.time);
      if (t < split) {
        if (previous == kNoTime || session_gap(previous, x.time)) {
          p.history_visits.push_back(static_cast<std::uint32_t>(p.history.size()));
        }
        previous = x.time;
        p.history.push_back(Event{s, x.item, 0, p.item_price[x.item], 0.0f, engine_event_type(x.kind), 255, 0});
        cells[{s, x.item}] += engagement_weight(x.kind);
        engagements[x.item] += 1.0;
        continue;
      }
      const double tick = source.stretch ? (replayed_span > 0 ? (t - split) / replayed_span * tick_count : 0.0)
                                         : (t - split) / tick_seconds;
      if (tick >= tick_count && !source.stretch) continue;  // clock: after the timeline
      const auto at = std::min<TickIndex>(tick_count - 1, static_cast<TickIndex>(tick));
      if (p.arrival_ticks.size() == p.arrival_offsets.back() || p.arrival_ticks.back() != at) {
        p.arrival_ticks.push_back(at);  // interactions are in time order, so ticks ascend
      }
    }
    p.arrival_offsets.push_back(static_cast<std::uint32_t>(p.arrival_ticks.size()));
  }
  p.history_visits.push_back(static_cast<std::uint32_t>(p.history.size()));

  // Preferences: implicit ALS on the history, scaled to the synthetic match's spread.
  std::vector<FeedbackCell> feedback;
  p.shopper_fitted.assign(p.shopper_count, 0);
  p.item_fitted.assign(p.item_count, 0);
  for (const auto& [cell, weight] : cells) {
    feedback.push_back({cell.first, cell.second, weight});
    p.shopper_fitted[cell.first] = 1;
    p.item_fitted[cell.second] = 1;
  }
  ImplicitAlsOptions als;
  als.factors = catalog.factor_dim;
  als.key = scenario.seed;
  p.factors = fit_implicit_als(feedback, p.shopper_count, p.item_count, als);
  standardise_match(p.factors, p.shopper_fitted, p.item_fitted, catalog.factor_dim);

  // Quality: what draws engagement overall, as normal scores of the items' engagement ranks (ties
  // share their mean rank), so it has the synthetic quality's N(0, quality_sd) shape whatever
  // the log's long tail.
  std::vector<std::uint32_t> order(p.item_count);
  for (std::uint32_t i = 0; i < p.item_count; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return engagements[a] < engagements[b]; });
  p.item_quality.resize(p.item_count);
  const boost::math::normal standard;
  for (std::size_t first = 0; first < order.size();) {
    std::size_t last = first;
    while (last + 1 < order.size() && engagements[order[last + 1]] == engagements[order[first]]) ++last;
    const double mid_rank = 0.5 * static_cast<double>(first + last) + 0.5;  // 0-based mean rank + 1/2
    const double score = boost::math::quantile(standard, mid_rank / static_cast<double>(p.item_count));
    for (std::size_t k = first; k <= last; ++k) p.item_quality[order[k]] = static_cast<float>(catalog.quality_sd * score);
    first = last + 1;
  }
  return p;
}

}  // namespace promosim
