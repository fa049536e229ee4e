#include "user_knn_model.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace promosim::plugins {

struct UserKnnModel::Scratch {
  std::vector<float> sums;              // per item: Σ s(u,v) r(v,item) of the current session
  std::vector<std::uint32_t> blocked;   // per item: stamp of the last session that has seen it
  std::vector<ItemId> touched;          // items with a non-zero sum
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
      is_stale_(context.shopper_count, 0) {
  for (const float w : config_.event_weights) {
    if (!(w >= 0.0f)) throw std::invalid_argument("user_knn event weights must be >= 0, got " + std::to_string(w));
  }
}

float UserKnnModel::event_weight(const Event& e) const {
  switch (e.type) {
    case EventType::kClick: return config_.event_weights[0];
    case EventType::kCart: return config_.event_weights[1];
    case EventType::kPurchase: return config_.event_weights[2];
  }
  throw std::invalid_argument("event of unknown type " + std::to_string(static_cast<int>(e.type)));
}

void UserKnnModel::learn(EventSpan events) {
  content_.learn(events);
  for (const Event& e : events) {
    const float w = event_weight(e);
    if (w == 0.0f) continue;  // a zero-weight event type is not an interaction
    matrix_.add(e.shopper, e.item, w);
    if (is_stale_[e.shopper] == 0) {
      is_stale_[e.shopper] = 1;
      stale_.push_back(e.shopper);
    }
  }
}

void UserKnnModel::fit(EventSpan history) {
  learn(history);
  const std::vector<ShopperId> all(stale_.begin(), stale_.end());
  neighbours_.recompute(all, matrix_, similarity_);
  for (const ShopperId s : all) is_stale_[s] = 0;
  stale_.clear();
  content_.refresh();
}

UserKnnModel::TickSummary UserKnnModel::observe(const SessionOutcome* sessions, std::size_t session_count,
                                                EventSpan events) {
  TickSummary summary;
  // Coverage of the lists the tick's decisions read, so measured before they change.
  std::size_t covered = 0;
  for (std::size_t i = 0; i < session_count; ++i) {
    const ShopperId s = sessions[i].view.shopper;
    if (s >= matrix_.shopper_count()) {
      throw std::out_of_range("session of shopper " + std::to_string(s) + " outside the population of " +
                              std::to_string(matrix_.shopper_count()) + " shoppers");
    }
    covered += neighbours_.empty(s) ? 0 : 1;
  }
  summary.coverage = session_count > 0 ? static_cast<double>(covered) / static_cast<double>(session_count) : 0.0;

  learn(events);
  const std::size_t count = std::min(config_.refresh_per_tick, stale_.size());
  const std::vector<ShopperId> due(stale_.begin(), stale_.begin() + static_cast<std::ptrdiff_t>(count));
  neighbours_.recompute(due, matrix_, similarity_);
  for (const ShopperId s : due) is_stale_[s] = 0;
  stale_.erase(stale_.begin(), stale_.begin() + static_cast<std::ptrdiff_t>(count));
  content_.refresh();
  summary.refreshed = count;
  summary.backlog = stale_.size();
  return summary;
}

void UserKnnModel::recommend(const SessionBatch& batch, std::size_t slate_size, ItemId* slates) const {
  Scratch scratch{std::vector<float>(catalog_.item_count, 0.0f), std::vector<std::uint32_t>(catalog_.item_count, 0),
                  {}, {}, TopK(slate_size)};
  for (std::size_t i = 0; i < batch.size; ++i) {
    rank_for(batch.sessions[i], *batch.context, static_cast<std::uint32_t>(i + 1), scratch);
    assemble(batch.sessions[i], *batch.context, slate_size, scratch, slates + i * slate_size);
  }
}

void UserKnnModel::rank_for(const SessionView& session, const DecisionContext& context, std::uint32_t stamp,
                            Scratch& scratch) const {
  scratch.best.clear();
  const ShopperId u = session.shopper;
  if (u >= matrix_.shopper_count()) {
    throw std::out_of_range("session of shopper " + std::to_string(u) + " outside the population of " +
                            std::to_string(matrix_.shopper_count()) + " shoppers");
  }
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

// The model's best items first; with the content fallback, cold_slots slots after the model's
// first slate_size - cold_slots items go to cold items; slots still open go to the model's
// remaining items, then to the fallback.
void UserKnnModel::assemble(const SessionView& session, const DecisionContext& context, std::size_t slate_size,
                            Scratch& scratch, ItemId* slate) const {
  const TopK& best = scratch.best;
  const std::size_t cold = config_.fallback == FallbackMode::kContent ? std::min(config_.cold_slots, slate_size) : 0;
  std::size_t filled = 0, next = 0;
  while (next < best.size() && filled < slate_size - cold) slate[filled++] = best.item(next++);

  const auto fallback_fill = [&](FallbackMode mode, std::size_t count, bool cold_only) {
    scratch.exclude.assign(slate, slate + filled);
    for (const ItemWeight& e : matrix_.row(session.shopper)) scratch.exclude.push_back(e.item);
    filled += content_.fill(mode, session, context.tick, count, scratch.exclude.data(), scratch.exclude.size(),
                            cold_only, slate + filled, FillOptions{context.stock, true});
  };
  if (cold > 0) fallback_fill(FallbackMode::kContent, cold, true);
  for (; next < best.size() && filled < slate_size; ++next) {
    const ItemId item = best.item(next);
    if (std::find(slate, slate + filled, item) == slate + filled) slate[filled++] = item;
  }
  if (filled < slate_size) fallback_fill(config_.fallback, slate_size - filled, false);
  std::fill(slate + filled, slate + slate_size, kNoItem);
}

}  // namespace promosim::plugins
