#pragma once
// Implicit-feedback alternating least squares (Hu, Koren & Volinsky 2008, "Collaborative
// Filtering for Implicit Feedback Datasets"): every shopper-item cell is a preference p (1 if
// the shopper engaged with the item, else 0) weighted by a confidence c = 1 + α r, and
//   loss = Σ_u Σ_i c_ui (p_ui − x_u·y_i − b_i)² + λ (Σ_u |x_u|² + Σ_i |(y_i, b_i) − m_g(i)|²)
// is minimised block by block: the group means m, then all items with the shoppers fixed,
// then all shoppers with the items fixed, each step an exact minimiser
// (WeightedLeastSquares), so the loss never increases. u runs over the shoppers with at
// least one interaction; the others are outside the model (factors 0).
//
// b_i is an optional item bias (Koren, Bell & Volinsky 2009, "Matrix Factorization
// Techniques for Recommender Systems"): the item's baseline appeal to every shopper, which
// frees the factors to model taste instead of spending a direction on popularity. Without
// it b = 0, the paper's model.
//
// m_g is the mean (factors, bias) of the items of group g (the item's category). Without
// groups m = 0, the paper's plain ridge penalty. With them an item is shrunk toward its
// category's mean instead of toward 0 (a hierarchical prior, as in Bayesian factorization
// with side information): an item seen a handful of times borrows the taste direction its
// category has learnt from thousands of interactions, and an item never seen gets its
// category's direction.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "factor_matrix.hpp"
#include "implicit_feedback.hpp"
#include "promosim/types.hpp"
#include "weighted_least_squares.hpp"

namespace promosim::plugins {

struct AlsConfig {
  std::size_t factors = 1;
  std::size_t iterations = 1;
  double regularisation = 1.0;  ///< λ
  double alpha = 1.0;           ///< confidence per unit of weight
  bool item_bias = false;       ///< learn b_i
};

class AlsTrainer {
 public:
  explicit AlsTrainer(const AlsConfig& config);

  /// Trains shopper factors X (by_shopper.size() × k), item factors Y (by_item.size() × k)
  /// and item biases b (by_item.size() entries, 0 without item_bias) from the two transposed
  /// views of the same feedback. Shoppers with interactions start
  /// from small random factors drawn from `random_key` with `init_purpose` (the others stay
  /// 0); each iteration updates the group means, the items, then the shoppers, so the final
  /// X is the exact least-squares answer to the final Y. Returns the loss after each
  /// iteration. Rows are solved in parallel; each is independent and the loss is summed
  /// over fixed blocks in order, so the results do not depend on the thread count.
  std::vector<double> train(const SparseRows& by_shopper, const SparseRows& by_item, const ItemGroups& groups,
                            std::uint64_t random_key, std::uint32_t init_purpose, FactorMatrix& shopper_factors,
                            FactorMatrix& item_factors, std::vector<float>& item_bias) const;

  /// The loss above for the given factors and biases (empty: b = 0), with m the group means.
  double loss(const SparseRows& by_shopper, const ItemGroups& groups, const FactorMatrix& shopper_factors,
              const FactorMatrix& item_factors, std::span<const float> item_bias) const;

  /// Solves every row of `rows` against `solver` into out (rows.size() × k), in parallel; with
  /// `priors`, row r is shrunk toward priors.row(group[r]).
  static void solve_rows(const WeightedLeastSquares& solver, const SparseRows& rows, FactorMatrix& out,
                         const FactorMatrix* priors = nullptr, std::span<const CategoryId> group = {});

 private:
  AlsConfig config_;
};

}  // namespace promosim::plugins
