#include "matrix_factorization_model.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "ranked_slate_filler.hpp"
#include "session_coverage.hpp"

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
  std::vector<ItemId> seen;          // the session's shopper's items, never recommended
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
      changed_(context.shopper_count) {
  if (config_.als.factors == 0 || config_.als.factors != config_.bpr.factors) {
    throw std::invalid_argument("matrix factorization needs the same positive factor count for ALS and BPR");
  }
  config_.event_weights.validate("matrix factorization");
  const auto k = static_cast<Eigen::Index>(config_.als.factors);
  shoppers_.setZero(context.shopper_count, k);
  items_.setZero(context.catalog->item_count, k);
  item_bias_.assign(context.catalog->item_count, 0.0f);
  if (config_.method == FactorMethod::kAls) {
    fold_in_.emplace(items_, item_bias_, config_.als.regularisation, config_.als.alpha);
  }
}

void MatrixFactorizationModel::learn(EventSpan events) {
  content_.learn(events);
  for (const Event& e : events) {
    const float w = config_.event_weights.of(e);
    if (w == 0.0f) continue;  // a zero-weight event type is not an interaction
    feedback_.add(e.shopper, e.item, w);
    changed_.add(e.shopper);
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
  changed_.take_all();  // training covered them
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
  summary.coverage = served_share(sessions, session_count, has_factors_.size(),
                                  [&](ShopperId s) { return has_factors_[s] != 0; });
  learn(events);
  const std::vector<ShopperId> changed = changed_.take_all();
  fold_in(changed, tick);
  summary.folded_in = changed.size();
  content_.refresh();
  return summary;
}

void MatrixFactorizationModel::recommend(const SessionBatch& batch, std::size_t slate_size, ItemId* slates) const {
  const RankedSlateFiller filler(content_, config_.fallback, config_.cold_slots);
  Scratch scratch{std::vector<std::uint32_t>(catalog_.item_count, 0), {}, {}, TopK(slate_size)};
  for (std::size_t i = 0; i < batch.size; ++i) {
    const SessionView& session = batch.sessions[i];
    rank_for(session, *batch.context, static_cast<std::uint32_t>(i + 1), scratch);
    scratch.seen.clear();
    for (const Interaction& e : feedback_.row(session.shopper)) scratch.seen.push_back(e.index);
    filler.fill(scratch.best, scratch.seen, session, *batch.context, slate_size, scratch.exclude,
                slates + i * slate_size);
  }
}

void MatrixFactorizationModel::rank_for(const SessionView& session, const DecisionContext& context,
                                        std::uint32_t stamp, Scratch& scratch) const {
  scratch.best.clear();
  const ShopperId u = session.shopper;
  check_shopper(u, has_factors_.size());
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

}  // namespace promosim::plugins
