#include "ranked_slate_filler.hpp"

#include <algorithm>

namespace promosim::plugins {

RankedSlateFiller::RankedSlateFiller(const ContentScorer& content, FallbackMode fallback, std::size_t cold_slots)
    : content_(content), fallback_(fallback), cold_slots_(cold_slots) {}

void RankedSlateFiller::fill(const TopK& ranking, std::span<const ItemId> seen, const SessionView& session,
                             const DecisionContext& context, std::size_t slate_size, std::vector<ItemId>& exclude,
                             ItemId* slate) const {
  const std::size_t cold = fallback_ == FallbackMode::kContent ? std::min(cold_slots_, slate_size) : 0;
  std::size_t filled = 0, next = 0;
  while (next < ranking.size() && filled < slate_size - cold) slate[filled++] = ranking.item(next++);

  const auto fallback_fill = [&](FallbackMode mode, std::size_t count, bool cold_only) {
    exclude.assign(slate, slate + filled);
    exclude.insert(exclude.end(), seen.begin(), seen.end());
    filled += content_.fill(mode, session, context.tick, count, exclude.data(), exclude.size(), cold_only,
                            slate + filled, FillOptions{context.stock, true});
  };
  if (cold > 0) fallback_fill(FallbackMode::kContent, cold, true);
  for (; next < ranking.size() && filled < slate_size; ++next) {
    const ItemId item = ranking.item(next);
    if (std::find(slate, slate + filled, item) == slate + filled) slate[filled++] = item;
  }
  if (filled < slate_size) fallback_fill(fallback_, slate_size - filled, false);
  std::fill(slate + filled, slate + slate_size, kNoItem);
}

}  // namespace promosim::plugins
