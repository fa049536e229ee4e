#pragma once
// The slate-share metrics of item_knn and next_item replay a fixed sample of the tick's
// sessions, those of every 8th shopper, through the model the tick's sessions saw (before it
// learns the tick), stock not considered: cheap, and the same shoppers every tick.
#include <cstddef>

#include "promosim/sdk.hpp"

namespace promosim::plugins {

/// The replayed shoppers: those whose id is a multiple of this.
inline constexpr ShopperId kReplaySampleEvery = 8;

/// Calls `replay(session, decision)` for each of the tick's sessions of a sampled shopper, with
/// `decision` the tick's decision context without a stock limit.
template <class Replay>
void replay_sampled_sessions(const LearnContext& context, Replay replay) {
  DecisionContext decision;
  decision.catalog = context.catalog;
  decision.tick = context.tick;
  for (std::size_t i = 0; i < context.session_count; ++i) {
    const SessionView& session = context.sessions[i].view;
    if (session.shopper % kReplaySampleEvery != 0) continue;
    replay(session, decision);
  }
}

}  // namespace promosim::plugins
