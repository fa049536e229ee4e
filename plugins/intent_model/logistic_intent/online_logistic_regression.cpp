#include "online_logistic_regression.hpp"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <tbb/parallel_for.h>

namespace promosim::plugins {
namespace {

/// Rows per block of the Newton sums: the unit of parallel work and of the fixed summation order.
constexpr std::size_t kBlockRows = 8192;

/// Keeps the bias's Hessian entry invertible when l2 = 0 and a column never varies.
constexpr double kHessianJitter = 1e-10;

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

}  // namespace

OnlineLogisticRegression::OnlineLogisticRegression(std::size_t features, double l2)
    : l2_(l2), weights_(Eigen::VectorXd::Zero(static_cast<Eigen::Index>(features))) {
  if (features == 0) throw std::invalid_argument("logistic regression needs at least the bias feature");
}

void OnlineLogisticRegression::set_weights(const Eigen::VectorXd& weights) {
  if (weights.size() != weights_.size()) {
    throw std::invalid_argument("logistic regression has " + std::to_string(weights_.size()) + " weights, given " +
                                std::to_string(weights.size()));
  }
  weights_ = weights;
}

double OnlineLogisticRegression::sigmoid(double z) {
  if (z >= 0.0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

double OnlineLogisticRegression::log_loss(double p, bool y) {
  constexpr double kEdge = 1e-12;
  const double q = std::clamp(p, kEdge, 1.0 - kEdge);
  return y ? -std::log(q) : -std::log1p(-q);
}

double OnlineLogisticRegression::logit(const double* x) const {
  return Eigen::Map<const Eigen::VectorXd>(x, weights_.size()).dot(weights_);
}

double OnlineLogisticRegression::sgd_step(const double* x, bool y, double rate) {
  const Eigen::Map<const Eigen::VectorXd> row(x, weights_.size());
  const double p = sigmoid(row.dot(weights_));
  const double error = p - (y ? 1.0 : 0.0);
  const double bias = weights_[0];
  weights_ -= rate * (error * row + l2_ * weights_);
  weights_[0] = bias - rate * error * row[0];
  return p;
}

int OnlineLogisticRegression::fit_newton(const std::vector<float>& x, const std::vector<std::uint8_t>& y,
                                         int max_iterations, double tolerance) {
  const auto d = weights_.size();
  const std::size_t rows = y.size();
  if (x.size() != rows * static_cast<std::size_t>(d)) {
    throw std::invalid_argument("logistic regression: " + std::to_string(x.size()) + " feature values for " +
                                std::to_string(rows) + " rows of " + std::to_string(d));
  }
  if (rows == 0) return 0;
  const std::size_t blocks = (rows + kBlockRows - 1) / kBlockRows;
  std::vector<Eigen::VectorXd> block_gradient(blocks);
  std::vector<Eigen::MatrixXd> block_hessian(blocks);
  for (int iteration = 1; iteration <= max_iterations; ++iteration) {
    tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t b) {
      const std::size_t begin = b * kBlockRows;
      const std::size_t count = std::min(kBlockRows, rows - begin);
      const Eigen::MatrixXd block =
          Eigen::Map<const RowMatrix>(x.data() + begin * static_cast<std::size_t>(d), static_cast<Eigen::Index>(count), d)
              .cast<double>();
      const Eigen::VectorXd p = (block * weights_).unaryExpr([](double z) { return sigmoid(z); });
      Eigen::VectorXd error(static_cast<Eigen::Index>(count));
      for (std::size_t r = 0; r < count; ++r) error[static_cast<Eigen::Index>(r)] = p[static_cast<Eigen::Index>(r)] - y[begin + r];
      const Eigen::VectorXd curvature = p.array() * (1.0 - p.array());
      block_gradient[b] = block.transpose() * error;
      block_hessian[b] = block.transpose() * curvature.asDiagonal() * block;
    });
    Eigen::VectorXd gradient = Eigen::VectorXd::Zero(d);
    Eigen::MatrixXd hessian = Eigen::MatrixXd::Zero(d, d);
    for (std::size_t b = 0; b < blocks; ++b) {
      gradient += block_gradient[b];
      hessian += block_hessian[b];
    }
    const double n = static_cast<double>(rows);
    gradient /= n;
    hessian /= n;
    Eigen::VectorXd penalty = Eigen::VectorXd::Constant(d, l2_);
    penalty[0] = 0.0;
    gradient += penalty.cwiseProduct(weights_);
    hessian.diagonal() += penalty + Eigen::VectorXd::Constant(d, kHessianJitter);
    const Eigen::VectorXd step = hessian.ldlt().solve(gradient);
    if (!step.allFinite()) throw std::runtime_error("logistic regression: Newton step is not finite");
    weights_ -= step;
    if (step.cwiseAbs().maxCoeff() < tolerance) return iteration;
  }
  return max_iterations;
}

double OnlineLogisticRegression::mean_log_loss(const std::vector<float>& x, const std::vector<std::uint8_t>& y) const {
  const auto d = static_cast<std::size_t>(weights_.size());
  if (y.empty()) return 0.0;
  double total = 0.0;
  std::vector<double> row(d);
  for (std::size_t r = 0; r < y.size(); ++r) {
    for (std::size_t j = 0; j < d; ++j) row[j] = x[r * d + j];
    total += log_loss(probability(row.data()), y[r] != 0);
  }
  return total / static_cast<double>(y.size());
}

}  // namespace promosim::plugins
