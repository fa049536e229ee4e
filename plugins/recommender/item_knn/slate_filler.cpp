#include "slate_filler.hpp"

#include <algorithm>

namespace promosim::plugins {

SlateFiller::SlateFiller(const CatalogView& catalog, const ContentScorer& scorer, FallbackMode mode,
                         std::size_t cold_slots)
    : catalog_(catalog), scorer_(scorer), mode_(mode), cold_slots_(mode == FallbackMode::kContent ? cold_slots : 0) {}

std::size_t SlateFiller::model_slots(std::size_t slate_size) const {
  return slate_size - std::min(cold_slots_, slate_size);
}

bool SlateFiller::showable(ItemId item, const SessionView& session, const DecisionContext& context) const {
  if (catalog_.launch_tick[item] > context.tick) return false;
  if (context.stock != nullptr && context.stock[item] == 0) return false;
  const ItemId* recent_end = session.recent_items + std::min<std::size_t>(session.recent_count, kRecentItems);
  return std::find(session.recent_items, recent_end, item) == recent_end;
}

void SlateFiller::select(const CandidateScores& scores, const SessionView& session, const DecisionContext& context,
                         const ItemId* taken, std::size_t taken_count, TopK& best) const {
  for (const CandidateScores::Entry& e : scores.entries()) {
    if (!showable(e.item, session, context)) continue;
    if (std::find(taken, taken + taken_count, e.item) != taken + taken_count) continue;
    best.push(e.score, e.item);
  }
}

std::size_t SlateFiller::complete(const SessionView& session, const DecisionContext& context, std::size_t slate_size,
                                  std::size_t filled, ItemId* slate) const {
  const FillOptions options{context.stock, true};
  const std::size_t model_filled = filled;
  const auto fill = [&](FallbackMode mode, std::size_t up_to, bool cold_only) {
    if (filled >= up_to) return;
    filled += scorer_.fill(mode, session, context.tick, up_to - filled, slate, filled, cold_only, slate + filled, options);
  };
  fill(mode_, model_slots(slate_size), false);
  if (mode_ == FallbackMode::kContent) fill(FallbackMode::kContent, slate_size, true);
  fill(mode_, slate_size, false);
  std::fill(slate + filled, slate + slate_size, kNoItem);
  return filled - model_filled;
}

SlateFiller::Filled SlateFiller::fill(const CandidateScores& scores, const SessionView& session,
                                      const DecisionContext& context, TopK& best, std::size_t slate_size,
                                      ItemId* slate) const {
  best.clear();
  select(scores, session, context, nullptr, 0, best);
  Filled filled;
  filled.model = best.write(slate);
  filled.fallback = complete(session, context, slate_size, filled.model, slate);
  return filled;
}

}  // namespace promosim::plugins
