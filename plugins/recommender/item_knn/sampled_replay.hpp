#pragma once
// The slate-share metrics of item_knn and next_item replay a fixed sample of the tick's
// sessions, those of every 8th shopper, through the model the tick's sessions saw (before it
// learns the tick), stock not considered: cheap, in parallel, and the same shoppers every tick.
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <vector>

#include "promosim/sdk.hpp"

namespace promosim::plugins {

/// The replayed shoppers: those whose id is a multiple of this.
inline constexpr ShopperId kReplaySampleEvery = 8;

/// Replays each of the tick's sessions of a sampled shopper as `replay(session, decision,
/// scratch, slate, tally)`, with `decision` the tick's decision context without a stock limit
/// and `slate` room for `slate_size` items, and returns the sum of the tallies. Fixed blocks of
/// sessions run in parallel, each with a scratch from make_scratch(), a slate and a Tally of its
/// own (integer counts with +=), summed in block order: the same total for any thread count.
template <class Tally, class MakeScratch, class Replay>
Tally replay_sampled_sessions(const LearnContext& context, std::size_t slate_size, const MakeScratch& make_scratch,
                              const Replay& replay) {
  DecisionContext decision;
  decision.catalog = context.catalog;
  decision.tick = context.tick;
  std::vector<const SessionView*> sampled;
  for (std::size_t i = 0; i < context.session_count; ++i) {
    if (context.sessions[i].view.shopper % kReplaySampleEvery == 0) sampled.push_back(&context.sessions[i].view);
  }
  constexpr std::size_t kBlock = 256;
  std::vector<Tally> tallies((sampled.size() + kBlock - 1) / kBlock);
  tbb::parallel_for(std::size_t{0}, tallies.size(), [&](std::size_t b) {
    auto scratch = make_scratch();
    std::vector<ItemId> slate(slate_size);
    for (std::size_t i = b * kBlock; i < std::min(sampled.size(), (b + 1) * kBlock); ++i) {
      replay(*sampled[i], decision, scratch, slate.data(), tallies[b]);
    }
  });
  Tally total{};
  for (const Tally& tally : tallies) total += tally;
  return total;
}

}  // namespace promosim::plugins
