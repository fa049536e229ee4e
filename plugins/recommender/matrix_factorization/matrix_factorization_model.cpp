#include "matrix_factorization_model.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace promosim::plugins {
namespace {

/// This plugin's RandomStream purposes, offset from Purpose::kPluginPurposeBase.
constexpr std::uint32_t kAlsInitPurpose = 1;
constexpr BprPurposes kBprPurposes{2, 3, 4};
constexpr std::uint32_t kBprFoldInPurpose = 5;

std::uint32_t purpose(std::uint32_t offset) {
  return static_cast<std::uint32_t>(Purpose::kPluginPurposeBase) + offset;
}

/// x·y over k floats with four independent partial sums, which the compiler keeps in one
/// vector register: scoring candidates is the decision's inner loop, and this cut its cost by
/// about a quarter against Eigen's dynamic-size dot product at k = 32.
float dot(const float* x, const float* y, Eigen::Index k) {
  float sums[4] = {0.0f, 0.0f, 0.0f, 0.0f};
  Eigen::Index f = 0;
  for (; f + 4 <= k; f += 4) {
    for (int lane = 0; lane < 4; ++lane) sums[lane] += x[f + lane] * y[f + lane];
  }
  for (; f < k; ++f) sums[0] += x[f] * y[f];
  return (sums[0] + sums[1]) + (sums[2] + sums[3]);
}

/// Shoppers folded in per parallel task.
constexpr std::size_t kFoldInGrain = 64;

}  // namespace

FactorMethod parse_method(std::string_view name) {
  if (name == "als") return FactorMethod::kAls;
  if (name == "bpr") return FactorMethod::kBpr;
  throw std::invalid_argument("unknown factorization method '" + std::string(name) + "' (expected " +
                              kMethodChoices + ")");
}

struct MatrixFactorizationModel::Scratch {
  std::vector<std::uint32_t> stamp;  // per item: the last session that scored or blocked it
  std::vector<ItemId> exclude;       // what a fallback fill must skip
  TopK best;
};

MatrixFactorizationModel::MatrixFactorizationModel(const CreateContext& context,
                                                   const MatrixFactorizationConfig& config)
    : catalog_(*context.catalog),
      config_(config),
      random_key_(context.random_key),
      feedback_(context.shopper_count, context.catalog->item_count),
      has_factors_(context.shopper_count, 0),
      content_(*context.catalog, context.segment_count),
      is_changed_(context.shopper_count, 0) {
  if (config_.als.factors == 0 || config_.als.factors != config_.bpr.factors) {
    throw std::invalid_argument("matrix factorization needs the same positive factor count for ALS and BPR");
  }
  for (const float w : config_.event_weights) {
    if (!(w >= 0.0f)) {
      throw std::invalid_argument("matrix factorization event weights must be >= 0, got " + std::to_string(w));
    }
  }
  const auto k = static_cast<Eigen::Index>(config_.als.factors);
  shoppers_.setZero(context.shopper_count, k);
  items_.setZero(context.catalog->item_count, k);
  item_bias_.assign(context.catalog->item_count, 0.0f);
  if (config_.method == FactorMethod::kAls) {
    fold_in_.emplace(items_, item_bias_, config_.als.regularisation, config_.als.alpha);
  }
}

float MatrixFactorizationModel::event_weight(const Event& e) const {
  switch (e.type) {
    case EventType::kClick: return config_.event_weights[0];
    case EventType::kCart: return config_.event_weights[1];
    case EventType::kPurchase: return config_.event_weights[2];
  }
  throw std::invalid_argument("event of unknown type " + std::to_string(static_cast<int>(e.type)));
}

void MatrixFactorizationModel::learn(EventSpan events) {
  content_.learn(events);
  for (const Event& e : events) {
    const float w = event_weight(e);
    if (w == 0.0f) continue;  // a zero-weight event type is not an interaction
    feedback_.add(e.shopper, e.item, w);
    if (is_changed_[e.shopper] == 0) {
      is_changed_[e.shopper] = 1;
      changed_.push_back(e.shopper);
    }
  }
}

void MatrixFactorizationModel::fit(EventSpan history) {
  learn(history);
  const SparseRows by_shopper = feedback_.by_shopper();
  ItemGroups groups;
  if (config_.category_prior) groups = {{catalog_.category, catalog_.item_count}, catalog_.category_count};
  if (config_.method == FactorMethod::kAls) {
    training_loss_ = AlsTrainer(config_.als).train(by_shopper, feedback_.by_item(), groups, random_key_,
                                                   purpose(kAlsInitPurpose), shoppers_, items_, item_bias_);
  } else {
    const BprPurposes purposes{purpose(kBprPurposes.init), purpose(kBprPurposes.sample),
                               purpose(kBprPurposes.evaluate)};
    training_loss_ =
        BprTrainer(config_.bpr).train(by_shopper, catalog_.item_count, groups, random_key_, purposes, shoppers_, items_,
                                      item_bias_);
  }
  // The average shopper, summed in id order, picks the global candidate pool.
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(items_.cols());
  std::size_t with_factors = 0;
  for (Eigen::Index s = 0; s < shoppers_.rows(); ++s) {
    has_factors_[static_cast<std::size_t>(s)] = shoppers_.row(s).squaredNorm() > 0.0f ? 1 : 0;
    if (has_factors_[static_cast<std::size_t>(s)] == 0) continue;
    sum += shoppers_.row(s).transpose().cast<double>();
    ++with_factors;
  }
  const Eigen::VectorXf mean = (with_factors > 0 ? sum / static_cast<double>(with_factors) : sum).cast<float>();
  candidates_ = CandidateIndex(items_, item_bias_, mean, config_.item_neighbours, config_.pool_size);
  if (config_.method == FactorMethod::kAls) {
    fold_in_.emplace(items_, item_bias_, config_.als.regularisation, config_.als.alpha);
  }
  for (const ShopperId s : changed_) is_changed_[s] = 0;
  changed_.clear();
  content_.refresh();
}

void MatrixFactorizationModel::fold_in(const std::vector<ShopperId>& shoppers, TickIndex tick) {
  const BprTrainer bpr(config_.bpr);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, shoppers.size(), kFoldInGrain),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      std::optional<WeightedLeastSquares::Workspace> workspace;
                      if (fold_in_) workspace.emplace(fold_in_->factors());
                      for (std::size_t i = r.begin(); i != r.end(); ++i) {
                        const ShopperId s = shoppers[i];
                        float* x = shoppers_.row(s).data();
                        if (fold_in_) {
                          fold_in_->solve(feedback_.row(s), x, *workspace);
                        } else {
                          bpr.fold_in(feedback_.row(s), items_, item_bias_, random_key_, purpose(kBprFoldInPurpose), s,
                                      tick, x);
                        }
                        has_factors_[s] = shoppers_.row(s).squaredNorm() > 0.0f ? 1 : 0;
                      }
                    });
}

MatrixFactorizationModel::TickSummary MatrixFactorizationModel::observe(TickIndex tick,
                                                                        const SessionOutcome* sessions,
                                                                        std::size_t session_count,
                                                                        EventSpan events) {
  TickSummary summary;
  std::size_t covered = 0;
  for (std::size_t i = 0; i < session_count; ++i) {
    const ShopperId s = sessions[i].view.shopper;
    if (s >= has_factors_.size()) {
      throw std::out_of_range("session of shopper " + std::to_string(s) + " outside the population of " +
                              std::to_string(has_factors_.size()) + " shoppers");
    }
    covered += has_factors_[s];
  }
  summary.coverage = session_count > 0 ? static_cast<double>(covered) / static_cast<double>(session_count) : 0.0;
  learn(events);
  fold_in(changed_, tick);
  summary.folded_in = changed_.size();
  for (const ShopperId s : changed_) is_changed_[s] = 0;
  changed_.clear();
  content_.refresh();
  return summary;
}

void MatrixFactorizationModel::recommend(const SessionBatch& batch, std::size_t slate_size, ItemId* slates) const {
  Scratch scratch{std::vector<std::uint32_t>(catalog_.item_count, 0), {}, TopK(slate_size)};
  for (std::size_t i = 0; i < batch.size; ++i) {
    rank_for(batch.sessions[i], *batch.context, static_cast<std::uint32_t>(i + 1), scratch);
    assemble(batch.sessions[i], *batch.context, slate_size, scratch, slates + i * slate_size);
  }
}

void MatrixFactorizationModel::rank_for(const SessionView& session, const DecisionContext& context,
                                        std::uint32_t stamp, Scratch& scratch) const {
  scratch.best.clear();
  const ShopperId u = session.shopper;
  if (u >= has_factors_.size()) {
    throw std::out_of_range("session of shopper " + std::to_string(u) + " outside the population of " +
                            std::to_string(has_factors_.size()) + " shoppers");
  }
  if (has_factors_[u] == 0) return;
  for (const Interaction& e : feedback_.row(u)) scratch.stamp[e.index] = stamp;  // seen: never recommended
  const float* x = shoppers_.row(u).data();
  const Eigen::Index k = items_.cols();
  const std::uint32_t* stock = context.stock;
  const auto consider = [&](ItemId item) {
    if (scratch.stamp[item] == stamp) return;
    scratch.stamp[item] = stamp;
    if (catalog_.launch_tick[item] > context.tick || (stock != nullptr && stock[item] == 0)) return;
    scratch.best.push(dot(x, items_.row(item).data(), k) + item_bias_[item], item);
  };
  const std::size_t recent = std::min<std::size_t>(session.recent_count, kRecentItems);
  for (std::size_t r = 0; r < recent; ++r) {
    const ItemId item = session.recent_items[r];
    if (item == kNoItem) continue;
    if (item >= catalog_.item_count) {
      throw std::out_of_range("recent item " + std::to_string(item) + " of shopper " + std::to_string(u) +
                              " outside the catalog of " + std::to_string(catalog_.item_count) + " items");
    }
    for (const ItemId near : candidates_.near(item)) consider(near);
  }
  for (const ItemId item : candidates_.pool()) consider(item);
}

// The model's best items first; with the content fallback, cold_slots slots after the model's
// first slate_size - cold_slots items go to cold items; slots still open go to the model's
// remaining items, then to the fallback.
void MatrixFactorizationModel::assemble(const SessionView& session, const DecisionContext& context,
                                        std::size_t slate_size, Scratch& scratch, ItemId* slate) const {
  const TopK& best = scratch.best;
  const std::size_t cold = config_.fallback == FallbackMode::kContent ? std::min(config_.cold_slots, slate_size) : 0;
  std::size_t filled = 0, next = 0;
  while (next < best.size() && filled < slate_size - cold) slate[filled++] = best.item(next++);

  const auto fallback_fill = [&](FallbackMode mode, std::size_t count, bool cold_only) {
    scratch.exclude.assign(slate, slate + filled);
    for (const Interaction& e : feedback_.row(session.shopper)) scratch.exclude.push_back(e.index);
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
