#pragma once
// L2-regularised logistic regression with two ways to learn: Newton's method (IRLS) over a
// batch of rows, and one stochastic gradient step per row for online updates.
#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace promosim::plugins {

/// P(y = 1 | x) = σ(w · x). Feature 0 is the bias (x[0] = 1) and is not penalised; the other
/// weights carry the penalty (l2 / 2) · |w|². Both learning methods minimise the same objective,
/// the mean log-loss plus that penalty, so a Newton fit and SGD converge to the same weights.
class OnlineLogisticRegression {
 public:
  /// `features` counts the bias; weights start at 0 (every probability 0.5).
  OnlineLogisticRegression(std::size_t features, double l2);

  std::size_t features() const { return static_cast<std::size_t>(weights_.size()); }
  const Eigen::VectorXd& weights() const { return weights_; }
  void set_weights(const Eigen::VectorXd& weights);

  /// w · x for `features()` values at x.
  double logit(const double* x) const;
  double probability(const double* x) const { return sigmoid(logit(x)); }

  /// One SGD step on row x with label y: w ← w − rate · ((p − y) · x + l2 · w) (no penalty on
  /// the bias). Returns p, the probability of the row before the step.
  double sgd_step(const double* x, bool y, double rate);

  /// Newton's method on rows of `x` (rows × features, row-major floats, column 0 all ones) and
  /// labels `y`, from the current weights, until the largest step is below `tolerance` or after
  /// `max_iterations`. The gradient and Hessian are summed over fixed blocks of rows that may run
  /// on several threads but are added in block order, so the result does not depend on the
  /// thread count. Returns the iterations made.
  int fit_newton(const std::vector<float>& x, const std::vector<std::uint8_t>& y, int max_iterations,
                 double tolerance);

  /// Mean log-loss of the rows (same layout as fit_newton), without the penalty.
  double mean_log_loss(const std::vector<float>& x, const std::vector<std::uint8_t>& y) const;

  /// Logistic function that never overflows: exp() only sees non-positive arguments.
  static double sigmoid(double z);
  /// −log P(y) for predicted p, with p clamped away from 0 and 1 so the loss stays finite.
  static double log_loss(double p, bool y);

 private:
  double l2_;
  Eigen::VectorXd weights_;
};

}  // namespace promosim::plugins
