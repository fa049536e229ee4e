#include "cart_response.hpp"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>

namespace promosim::plugins {
namespace {

constexpr int kMaxIterations = 100;
constexpr int kMaxHalvings = 40;
constexpr double kRelativeGain = 1e-12;

/// log(1 + e^x) without overflow.
double softplus(double x) { return x > 0.0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }

double sigmoid(double x) {
  if (x >= 0.0) return 1.0 / (1.0 + std::exp(-x));
  const double e = std::exp(x);
  return e / (1.0 + e);
}

/// A bin's features at its mean: (1, −mean ln(paid/reference), mean discount, organic).
Eigen::Vector4d features(const CartBin& b) {
  return {1.0, -b.sum_log_relative_paid / b.clicks, b.sum_discount / b.clicks, b.organic ? 1.0 : 0.0};
}

double log_posterior(const std::vector<CartBin>& bins, const CartPrior& prior, const Eigen::Vector4d& c) {
  double sum = 0.0;
  for (const CartBin& b : bins) {
    if (b.clicks <= 0.0) continue;
    const double eta = features(b).dot(c);
    sum += std::min(b.carts, b.clicks) * eta - b.clicks * softplus(eta);
  }
  const Eigen::Vector4d z = (c - prior.mean.coefficients()).cwiseQuotient(prior.sd);
  return sum - 0.5 * z.squaredNorm();
}

}  // namespace

CartBin& CartEvidence::at(std::size_t bin) {
  if (slot_.empty()) slot_.assign(bin_count_, -1);
  int& slot = slot_[bin];
  if (slot < 0) {
    slot = static_cast<int>(bins_.size());
    bins_.emplace_back();
  }
  return bins_[static_cast<std::size_t>(slot)];
}

CartResponse fit_cart_response(const std::vector<CartBin>& bins, const CartPrior& prior, const CartResponse& start) {
  const Eigen::Vector4d precision = prior.sd.cwiseInverse().cwiseAbs2();
  Eigen::Vector4d c = start.coefficients();
  double objective = log_posterior(bins, prior, c);
  for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
    Eigen::Vector4d gradient = -precision.cwiseProduct(c - prior.mean.coefficients());
    Eigen::Matrix4d information = precision.asDiagonal();  // minus the Hessian
    for (const CartBin& b : bins) {
      if (b.clicks <= 0.0) continue;
      const Eigen::Vector4d x = features(b);
      const double p = sigmoid(x.dot(c));
      gradient += (std::min(b.carts, b.clicks) - b.clicks * p) * x;
      information += (b.clicks * p * (1.0 - p)) * x * x.transpose();
    }
    const Eigen::Vector4d step = information.ldlt().solve(gradient);
    // Converged once the gain Newton predicts, half the decrement, is below rounding level:
    // there the step and any change of the objective are noise.
    if (0.5 * gradient.dot(step) <= kRelativeGain * std::max(1.0, std::abs(objective))) {
      c += step;
      break;
    }
    // Newton's full step can overshoot far from the optimum; halve it until the posterior rises.
    double scale = 1.0;
    Eigen::Vector4d next = c + step;
    double next_objective = log_posterior(bins, prior, next);
    for (int h = 0; h < kMaxHalvings && !(next_objective >= objective); ++h) {
      scale *= 0.5;
      next = c + scale * step;
      next_objective = log_posterior(bins, prior, next);
    }
    if (!(next_objective >= objective)) break;  // no ascent left at machine precision
    c = next;
    objective = next_objective;
  }
  return CartResponse::from(c);
}

}  // namespace promosim::plugins
