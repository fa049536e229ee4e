#include "click_response.hpp"

#include <Eigen/Core>
#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace promosim::plugins {
namespace {

constexpr double kBaseSd = 10.0;
constexpr int kMaxIterations = 100;
constexpr int kMaxHalvings = 40;
constexpr double kRelativeGain = 1e-12;

}  // namespace

double fit_click_salience(const std::vector<double>& discounts, const std::vector<ExplorationCounts>& counts,
                          double prior_mean, double prior_sd) {
  if (discounts.size() != counts.size()) {
    throw std::invalid_argument("fit_click_salience: " + std::to_string(discounts.size()) + " discounts but " +
                                std::to_string(counts.size()) + " counts");
  }
  const Eigen::Vector2d prior(0.0, prior_mean);
  const Eigen::Vector2d precision(1.0 / (kBaseSd * kBaseSd), 1.0 / (prior_sd * prior_sd));
  const auto log_posterior = [&](const Eigen::Vector2d& c) {
    double sum = 0.0;
    for (std::size_t l = 0; l < counts.size(); ++l) {
      const double eta = c[0] + c[1] * discounts[l];
      sum += counts[l].clicks * eta - counts[l].sessions * std::exp(eta);
    }
    return sum - 0.5 * precision.dot((c - prior).cwiseAbs2());
  };
  Eigen::Vector2d c = prior;
  double objective = log_posterior(c);
  for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
    Eigen::Vector2d gradient = -precision.cwiseProduct(c - prior);
    Eigen::Matrix2d information = precision.asDiagonal();
    for (std::size_t l = 0; l < counts.size(); ++l) {
      const Eigen::Vector2d x(1.0, discounts[l]);
      const double mean = counts[l].sessions * std::exp(x.dot(c));
      gradient += (counts[l].clicks - mean) * x;
      information += mean * x * x.transpose();
    }
    const Eigen::Vector2d step = information.inverse() * gradient;
    // Converged once the gain Newton predicts, half the decrement, is below rounding level:
    // there the step and any change of the objective are noise.
    if (0.5 * gradient.dot(step) <= kRelativeGain * std::max(1.0, std::abs(objective))) {
      c += step;
      break;
    }
    double scale = 1.0;
    Eigen::Vector2d next = c + step;
    double next_objective = log_posterior(next);
    for (int h = 0; h < kMaxHalvings && !(next_objective >= objective); ++h) {
      scale *= 0.5;
      next = c + scale * step;
      next_objective = log_posterior(next);
    }
    if (!(next_objective >= objective)) break;
    c = next;
    objective = next_objective;
  }
  return c[1];
}

}  // namespace promosim::plugins
