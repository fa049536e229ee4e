#include "next_item_evaluation.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "log_recommender.hpp"
#include "plugin_error.hpp"
#include "promosim/random_stream.hpp"

namespace promosim {

namespace {

constexpr std::size_t kBatchSize = 128;  // sessions per recommend() call
constexpr const char* kWhere = "promosim evaluate";

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// The session a held-out shopper presents: their training history as the engine would keep it.
SessionView session_of(ShopperId shopper, std::span<const LoggedInteraction> training) {
  SessionView view;
  view.shopper = shopper;
  // Visits as the engine counts them: a session gap starts a new one.
  for (std::size_t i = 0; i < training.size(); ++i) {
    if (i == 0 || session_gap(training[i - 1].time, training[i].time)) ++view.visits;
  }
  view.last_visit_tick = training.empty() ? kNever : 0;
  for (auto it = training.rbegin(); it != training.rend() && view.recent_count < kRecentItems; ++it) {
    const ItemId* begin = view.recent_items;
    const ItemId* end = begin + view.recent_count;
    if (std::find(begin, end, it->item) == end) view.recent_items[view.recent_count++] = it->item;
  }
  for (const LoggedInteraction& x : training) {
    if (x.kind != EventKind::kPurchase) continue;
    ++view.purchases;
    view.last_purchase_tick = 0;
  }
  return view;
}

/// Draws up to `count` distinct items that are neither seen (stamp == mark) nor the target, and
/// stamps them `mark + 1`. Uniform over the eligible items; all of them if there are fewer.
void sample_negatives(std::uint32_t count, ItemId target, std::uint32_t mark, const RandomStream& stream,
                      std::vector<std::uint32_t>& stamp) {
  const auto item_count = static_cast<std::uint32_t>(stamp.size());
  std::uint32_t eligible = 0;
  for (ItemId i = 0; i < item_count; ++i) eligible += (stamp[i] != mark && i != target) ? 1 : 0;
  if (eligible <= count) {
    for (ItemId i = 0; i < item_count; ++i) {
      if (stamp[i] != mark && i != target) stamp[i] = mark + 1;
    }
    return;
  }
  std::uint32_t drawn = 0;
  for (std::uint32_t draw = 0; drawn < count; ++draw) {
    const auto i = static_cast<ItemId>(stream.uniform(draw) * item_count);
    if (i < item_count && stamp[i] != mark && stamp[i] != mark + 1 && i != target) {
      stamp[i] = mark + 1;
      ++drawn;
    }
  }
}

}  // namespace

RankingScores evaluate_next_item(const PluginEntry& entry, const PluginChoice& choice, const LogCatalog& catalog,
                                 const LoggedInteractions& log, const LeaveLastOut& split,
                                 const RankingOptions& options) {
  const CatalogView& items = catalog.view();
  const PluginDescriptor& plugin = *entry.descriptor;
  RankingScores scores;
  // Full ranking needs k unseen items after skipping the most anyone has seen; sampled ranking
  // needs the whole order, since a sampled negative can sit anywhere in it.
  std::size_t most_seen = 0;
  for (const HeldOutCase& c : split.cases) most_seen = std::max(most_seen, log.of(c.shopper).size() - 1);
  scores.slate_size = static_cast<std::uint32_t>(
      options.negatives > 0 ? items.item_count : std::min<std::size_t>(items.item_count, options.k + most_seen));

  auto start = std::chrono::steady_clock::now();
  const PluginInstance<Recommender> recommender = fit_log_recommender(
      entry, choice, catalog, split.training, {log.shopper_count(), scores.slate_size, options.seed, kWhere});
  scores.fit_seconds = seconds_since(start);

  start = std::chrono::steady_clock::now();
  const DecisionContext decision = log_decision_context(catalog, options.seed);
  const std::size_t n = split.cases.size();
  const std::uint32_t slate_size = scores.slate_size;
  scores.hit.assign(n, 0.0);
  scores.ndcg.assign(n, 0.0);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, kBatchSize), [&](const tbb::blocked_range<std::size_t>& r) {
    std::vector<SessionView> sessions;
    for (std::size_t c = r.begin(); c != r.end(); ++c) {
      const auto history = log.of(split.cases[c].shopper);
      sessions.push_back(session_of(split.cases[c].shopper, history.first(history.size() - 1)));
    }
    std::vector<ItemId> slates(sessions.size() * slate_size, kNoItem);
    const SessionBatch batch{&decision, sessions.data(), sessions.size()};
    guarded_call(plugin, "recommend", kWhere, [&] { recommender->recommend(batch, slate_size, slates.data()); });
    check_slate_items(plugin, slates.data(), slates.size(), items.item_count, kWhere);
    // stamp[i] == 2c+1: item i is seen by case c; 2c+2: a sampled negative of case c.
    std::vector<std::uint32_t> stamp(items.item_count, 0);
    for (std::size_t c = r.begin(); c != r.end(); ++c) {
      const HeldOutCase& held = split.cases[c];
      const auto mark = static_cast<std::uint32_t>(2 * c + 1);
      const auto history = log.of(held.shopper);
      for (std::size_t i = 0; i + 1 < history.size(); ++i) stamp[history[i].item] = mark;
      if (options.negatives > 0) {
        sample_negatives(options.negatives, held.target, mark,
                         RandomStream(options.seed, Purpose::kOfflineEvaluation, held.shopper, 0), stamp);
      }
      const ItemId* slate = slates.data() + (c - r.begin()) * slate_size;
      std::uint32_t rank = 0;  // 1-based rank of the target among the ranked items; 0 = not ranked
      std::uint32_t ahead = 0;
      for (std::uint32_t j = 0; j < slate_size; ++j) {
        const ItemId item = slate[j];
        if (item == kNoItem) continue;
        if (item == held.target) {
          rank = ahead + 1;
          break;
        }
        const bool competes = options.negatives > 0 ? stamp[item] == mark + 1 : stamp[item] != mark;
        if (competes) ++ahead;
        if (options.negatives == 0 && ahead >= options.k) break;
      }
      // A target the plugin did not rank is scored as ranked behind everything (pessimistic).
      if (rank != 0 && rank <= options.k) {
        scores.hit[c] = 1.0;
        scores.ndcg[c] = 1.0 / std::log2(rank + 1.0);
      }
    }
  }, tbb::simple_partitioner());
  scores.rank_seconds = seconds_since(start);
  return scores;
}

}  // namespace promosim
