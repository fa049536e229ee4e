#include "content_cold_start_model.hpp"

#include <algorithm>
#include <stdexcept>

namespace promosim::plugins {

ContentColdStartModel::ContentColdStartModel(const CatalogView& catalog, std::uint32_t segment_count,
                                             const ContentColdStartConfig& config)
    : catalog_(catalog), config_(config), scorer_(catalog, segment_count, config.weights) {
  if (config_.warm_ranking == FallbackMode::kNone) {
    throw std::invalid_argument("content_cold_start needs a warm ranking (content or popularity), got none");
  }
}

ColdStartReport ContentColdStartModel::learn(EventSpan events, TickIndex on_sale_tick) {
  const auto count_cold = [&] {
    std::uint32_t cold = 0;
    for (ItemId i = 0; i < catalog_.item_count; ++i) cold += scorer_.is_cold(i) ? 1 : 0;
    return cold;
  };
  ColdStartReport report;
  std::uint64_t clicks = 0, cold_clicks = 0;
  for (const Event& e : events) {
    if (e.type != EventType::kClick) continue;
    ++clicks;
    if (scorer_.is_cold(e.item)) ++cold_clicks;
  }
  report.cold_click_share = clicks == 0 ? 0.0 : static_cast<double>(cold_clicks) / static_cast<double>(clicks);
  const std::uint32_t cold_before = count_cold();
  scorer_.learn(events);
  scorer_.refresh();
  report.items_warmed = cold_before - count_cold();
  for (ItemId i = 0; i < catalog_.item_count; ++i) {
    if (catalog_.launch_tick[i] <= on_sale_tick && scorer_.is_cold(i)) ++report.cold_items_on_sale;
  }
  return report;
}

void ContentColdStartModel::recommend(const SessionView& session, const DecisionContext& context,
                                      std::size_t slate_size, ItemId* slate) const {
  const TickIndex tick = context.tick;
  const FillOptions options{context.stock, config_.exclude_recent};
  const std::size_t warm_slots = slate_size - std::min(config_.cold_slots, slate_size);
  // Each step passes the slate so far as its exclusions and appends after it.
  std::size_t filled = scorer_.fill(config_.warm_ranking, session, tick, warm_slots, slate, 0, false, slate, options);
  FillOptions cold_options = options;
  cold_options.min_score = config_.cold_min_score;
  filled += scorer_.fill(FallbackMode::kContent, session, tick, slate_size - filled, slate, filled, true,
                         slate + filled, cold_options);
  filled += scorer_.fill(config_.warm_ranking, session, tick, slate_size - filled, slate, filled, false,
                         slate + filled, options);
  // The shopper's recent items after all, rather than empty slots, when nothing else is left.
  const ItemId* recent_end = session.recent_items + std::min<std::size_t>(session.recent_count, kRecentItems);
  for (const ItemId* r = session.recent_items; config_.exclude_recent && filled < slate_size && r != recent_end; ++r) {
    const bool showable = *r < catalog_.item_count && catalog_.launch_tick[*r] <= tick &&
                          (context.stock == nullptr || context.stock[*r] > 0);
    if (showable && std::find(slate, slate + filled, *r) == slate + filled) slate[filled++] = *r;
  }
  std::fill(slate + filled, slate + slate_size, kNoItem);
}

}  // namespace promosim::plugins
