#pragma once
// Bayesian personalised ranking (Rendle, Freudenthaler, Gantner & Schmidt-Thieme 2009, "BPR:
// Bayesian Personalized Ranking from Implicit Feedback") for matrix factorization: maximise
//   Σ_(u,i,j) ln σ(x_u·y_i + b_i − x_u·y_j − b_j) − λ |Θ|²
// over triples of a shopper u, an item i they engaged with and an item j they did not, by
// stochastic gradient ascent on sampled triples (LearnBPR with bootstrap sampling). Unlike
// the paper, which draws (u, i) uniformly, an interaction is drawn in proportion to its
// weight r, so purchases, which are what conversion needs, outweigh clicks as in ALS's
// confidence.
// The item bias b (optional; the paper's model has b = 0) is the usual extension that lets
// the factors model taste rather than popularity. With item groups, an item's factors are
// shrunk toward its group's mean (recomputed every epoch) instead of toward 0, the same
// hierarchical prior as AlsTrainer's.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "factor_matrix.hpp"
#include "implicit_feedback.hpp"

namespace promosim::plugins {

struct BprConfig {
  std::size_t factors = 1;
  std::size_t epochs = 1;        ///< one epoch = as many sampled triples as interactions
  double learning_rate = 0.05;
  double regularisation = 0.01;  ///< λ, applied to the parameters each step touches
  bool item_bias = false;        ///< learn b_i
};

/// The RandomStream purposes the trainer draws from (each offset from kPluginPurposeBase by
/// the caller's choice, so the plugin keeps one table of its purposes).
struct BprPurposes {
  std::uint32_t init;      ///< initial factors, addressed by (row, side)
  std::uint32_t sample;    ///< training triples, addressed by (epoch, step)
  std::uint32_t evaluate;  ///< the fixed triples the loss is measured on, by (interaction, 0)
};

class BprTrainer {
 public:
  explicit BprTrainer(const BprConfig& config);

  /// Trains shopper factors X (by_shopper.size() × k), item factors Y (item_count × k) and
  /// item biases b (item_count entries, 0 without item_bias; they start at 0).
  /// Shoppers with interactions and all items start from small random factors; shoppers
  /// without interactions stay 0. Steps run one after another in a fixed order with draws
  /// addressed by (epoch, step), so the result depends only on the inputs and the key.
  /// Returns the loss (see loss()) after each epoch.
  std::vector<double> train(const SparseRows& by_shopper, std::uint32_t item_count, const ItemGroups& groups,
                            std::uint64_t random_key,
                            const BprPurposes& purposes, FactorMatrix& shopper_factors,
                            FactorMatrix& item_factors, std::vector<float>& item_bias) const;

  /// Refits one shopper's factors (k floats at `shopper_factors`, in and out) on the
  /// shopper's own interactions with the item factors and biases fixed: the shopper's part of
  /// training, min(epochs × |row|, kMaxFoldInSteps) SGD steps from the current factors (0 for
  /// a new shopper), draws addressed by (shopper, tick) under `purpose`. An empty row gives 0.
  void fold_in(std::span<const Interaction> row, const FactorMatrix& item_factors, std::span<const float> item_bias,
               std::uint64_t random_key, std::uint32_t purpose, ShopperId shopper, TickIndex tick,
               float* shopper_factors) const;
  /// Bounds a fold-in's cost for shoppers with very long histories.
  static constexpr std::size_t kMaxFoldInSteps = 2000;

  /// Mean −ln σ(x_u·y_i + b_i − x_u·y_j − b_j) over a fixed set of triples (b empty: 0): up to kLossTriples
  /// interactions spread evenly over all of them, each with one negative item drawn from
  /// the `evaluate` purpose. Lower is better; ln 2 ≈ 0.693 is a ranking no better than chance.
  double loss(const SparseRows& by_shopper, std::uint32_t item_count, std::uint64_t random_key,
              const BprPurposes& purposes, const FactorMatrix& shopper_factors,
              const FactorMatrix& item_factors, std::span<const float> item_bias) const;
  static constexpr std::size_t kLossTriples = 100000;

 private:
  BprConfig config_;
};

}  // namespace promosim::plugins
