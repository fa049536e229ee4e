#include "weighted_least_squares.hpp"

#include <stdexcept>
#include <string>

namespace promosim::plugins {

WeightedLeastSquares::WeightedLeastSquares(const FactorMatrix& fixed, std::span<const float> offsets,
                                           double regularisation, double alpha)
    : fixed_(fixed), offsets_(offsets), regularisation_(regularisation), alpha_(alpha) {
  if (!(regularisation > 0.0)) {
    throw std::invalid_argument("least squares regularisation must be > 0, got " + std::to_string(regularisation));
  }
  if (!(alpha >= 0.0)) throw std::invalid_argument("confidence alpha must be >= 0, got " + std::to_string(alpha));
  if (!offsets.empty() && offsets.size() != static_cast<std::size_t>(fixed.rows())) {
    throw std::invalid_argument("least squares: " + std::to_string(offsets.size()) + " offsets for " +
                                std::to_string(fixed.rows()) + " factor rows");
  }
  const Eigen::MatrixXd f = fixed.cast<double>();
  gram_ = f.transpose() * f;
  offset_projection_ = Eigen::VectorXd::Zero(fixed.cols());
  if (!offsets.empty()) {
    offset_projection_ =
        f.transpose() * Eigen::Map<const Eigen::VectorXf>(offsets.data(), static_cast<Eigen::Index>(offsets.size()))
                            .cast<double>();
  }
}

void WeightedLeastSquares::solve(std::span<const Interaction> interactions, float* out, Workspace& w,
                                 const float* prior) const {
  const Eigen::Index k = fixed_.cols();
  Eigen::Map<Eigen::VectorXf> x(out, k);
  if (interactions.empty() && prior == nullptr) {
    x.setZero();
    return;
  }
  w.system = gram_;
  w.system.diagonal().array() += regularisation_;
  w.rhs = -offset_projection_;
  if (prior != nullptr) w.rhs += regularisation_ * Eigen::Map<const Eigen::VectorXf>(prior, k).cast<double>();
  for (const Interaction& e : interactions) {
    if (e.index >= fixed_.rows()) {
      throw std::out_of_range("interaction with row " + std::to_string(e.index) + " of " +
                              std::to_string(fixed_.rows()) + " factor rows");
    }
    const double confidence = 1.0 + alpha_ * e.weight;
    const double offset = offsets_.empty() ? 0.0 : offsets_[e.index];
    const auto f = fixed_.row(e.index).transpose().cast<double>();
    w.system.selfadjointView<Eigen::Lower>().rankUpdate(f, confidence - 1.0);
    w.rhs += (confidence * (1.0 - offset) + offset) * f;
  }
  w.cholesky.compute(w.system);  // reads the lower triangle only
  w.cholesky.solveInPlace(w.rhs);
  x = w.rhs.cast<float>();
}

}  // namespace promosim::plugins
