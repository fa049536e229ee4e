#include "user_knn_model.hpp"

#include "ranked_slate_filler.hpp"
#include "session_coverage.hpp"

namespace promosim::plugins {

struct UserKnnModel::Scratch {
  std::vector<float> sums;              // per item: Σ s(u,v) r(v,item) of the current session
  std::vector<std::uint32_t> blocked;   // per item: stamp of the last session that has seen it
  std::vector<ItemId> touched;          // items with a non-zero sum
  std::vector<ItemId> seen;             // the session's shopper's items, never recommended
  std::vector<ItemId> exclude;          // what a fallback fill must skip
  TopK best;
};

UserKnnModel::UserKnnModel(const CreateContext& context, const UserKnnConfig& config)
    : catalog_(*context.catalog),
      config_(config),
      matrix_(context.shopper_count, context.catalog->item_count),
      similarity_(config.similarity, matrix_),
      neighbours_(context.shopper_count, config.neighbours),
      content_(*context.catalog, context.segment_count),
      stale_(context.shopper_count) {
  config_.event_weights.validate("user_knn");
}

void UserKnnModel::learn(EventSpan events) {
  content_.learn(events);
  for (const Event& e : events) {
    const float w = config_.event_weights.of(e);
    if (w == 0.0f) continue;  // a zero-weight event type is not an interaction
    matrix_.add(e.shopper, e.item, w);
    stale_.add(e.shopper);
  }
}

void UserKnnModel::fit(EventSpan history) {
  learn(history);
  neighbours_.recompute(stale_.take_all(), matrix_, similarity_);
  content_.refresh();
}

UserKnnModel::TickSummary UserKnnModel::observe(const SessionOutcome* sessions, std::size_t session_count,
                                                EventSpan events) {
  TickSummary summary;
  // Coverage of the lists the tick's decisions read, so measured before they change.
  summary.coverage = served_share(sessions, session_count, matrix_.shopper_count(),
                                  [&](ShopperId s) { return !neighbours_.empty(s); });

  learn(events);
  const std::vector<ShopperId> due = stale_.take_oldest(config_.refresh_per_tick);
  neighbours_.recompute(due, matrix_, similarity_);
  content_.refresh();
  summary.refreshed = due.size();
  summary.backlog = stale_.size();
  return summary;
}

void UserKnnModel::recommend(const SessionBatch& batch, std::size_t slate_size, ItemId* slates) const {
  const RankedSlateFiller filler(content_, config_.fallback, config_.cold_slots);
  Scratch scratch{std::vector<float>(catalog_.item_count, 0.0f), std::vector<std::uint32_t>(catalog_.item_count, 0),
                  {}, {}, {}, TopK(slate_size)};
  for (std::size_t i = 0; i < batch.size; ++i) {
    const SessionView& session = batch.sessions[i];
    rank_for(session, *batch.context, static_cast<std::uint32_t>(i + 1), scratch);
    scratch.seen.clear();
    for (const ItemWeight& e : matrix_.row(session.shopper)) scratch.seen.push_back(e.item);
    filler.fill(scratch.best, scratch.seen, session, *batch.context, slate_size, scratch.exclude,
                slates + i * slate_size);
  }
}

void UserKnnModel::rank_for(const SessionView& session, const DecisionContext& context, std::uint32_t stamp,
                            Scratch& scratch) const {
  scratch.best.clear();
  const ShopperId u = session.shopper;
  check_shopper(u, matrix_.shopper_count());
  const auto neighbours = neighbours_.of(u);
  float total = 0.0f;
  for (const SimilarShopper& n : neighbours) total += n.similarity;
  if (!(total > 0.0f)) return;
  for (const SimilarShopper& n : neighbours) matrix_.prefetch_record(n.shopper);
  for (const ItemWeight& e : matrix_.row(u)) scratch.blocked[e.item] = stamp;
  for (const SimilarShopper& n : neighbours) matrix_.prefetch_row(n.shopper);
  for (const SimilarShopper& n : neighbours) {
    for (const ItemWeight& e : matrix_.row(n.shopper)) {
      if (scratch.blocked[e.item] == stamp) continue;
      if (scratch.sums[e.item] == 0.0f) scratch.touched.push_back(e.item);
      scratch.sums[e.item] += n.similarity * e.weight;
    }
  }
  const std::uint32_t* stock = context.stock;
  for (const ItemId item : scratch.touched) {
    const float score = scratch.sums[item] / total;
    scratch.sums[item] = 0.0f;
    if (score < config_.min_score) continue;
    if (catalog_.launch_tick[item] > context.tick || (stock != nullptr && stock[item] == 0)) continue;
    scratch.best.push(score, item);
  }
  scratch.touched.clear();
}

}  // namespace promosim::plugins
