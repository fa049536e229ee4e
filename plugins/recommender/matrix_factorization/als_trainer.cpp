#include "als_trainer.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "promosim/random_stream.hpp"

namespace promosim::plugins {
namespace {

/// Rows per block of the parallel loops: fixed, so the loss's partial sums are the same on
/// any thread count.
constexpr std::size_t kBlockRows = 512;
/// Standard deviation of the initial shopper factors, per unit of 1/sqrt(k).
constexpr double kInitScale = 0.1;

}  // namespace

AlsTrainer::AlsTrainer(const AlsConfig& config) : config_(config) {
  if (config_.factors == 0) throw std::invalid_argument("ALS needs at least one factor");
  if (!(config_.regularisation > 0.0)) {
    throw std::invalid_argument("ALS regularisation must be > 0, got " + std::to_string(config_.regularisation));
  }
  if (!(config_.alpha >= 0.0)) throw std::invalid_argument("ALS alpha must be >= 0, got " + std::to_string(config_.alpha));
}

void AlsTrainer::solve_rows(const WeightedLeastSquares& solver, const SparseRows& rows, FactorMatrix& out,
                            const FactorMatrix* priors, std::span<const CategoryId> group) {
  out.resize(static_cast<Eigen::Index>(rows.size()), solver.factors());
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, rows.size(), kBlockRows),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      WeightedLeastSquares::Workspace workspace(solver.factors());
                      for (std::size_t i = r.begin(); i != r.end(); ++i) {
                        const float* prior = priors != nullptr ? priors->row(group[i]).data() : nullptr;
                        solver.solve(rows.row(i), out.row(static_cast<Eigen::Index>(i)).data(), workspace, prior);
                      }
                    });
}

namespace {

/// (Y, b) side by side: the item rows the item step solves for.
FactorMatrix with_bias(const FactorMatrix& factors, std::span<const float> bias) {
  FactorMatrix out(factors.rows(), factors.cols() + 1);
  out.leftCols(factors.cols()) = factors;
  for (Eigen::Index i = 0; i < factors.rows(); ++i) out(i, factors.cols()) = bias[static_cast<std::size_t>(i)];
  return out;
}

}  // namespace

std::vector<double> AlsTrainer::train(const SparseRows& by_shopper, const SparseRows& by_item,
                                      const ItemGroups& groups, std::uint64_t random_key,
                                      std::uint32_t init_purpose, FactorMatrix& shopper_factors,
                                      FactorMatrix& item_factors, std::vector<float>& item_bias) const {
  const auto k = static_cast<Eigen::Index>(config_.factors);
  const auto m = static_cast<Eigen::Index>(by_shopper.size());
  const auto n = static_cast<Eigen::Index>(by_item.size());
  const double scale = kInitScale / std::sqrt(static_cast<double>(k));
  shopper_factors.setZero(m, k);
  for (Eigen::Index s = 0; s < m; ++s) {
    if (by_shopper.row(static_cast<std::size_t>(s)).empty()) continue;
    const RandomStream stream(random_key, init_purpose, static_cast<std::uint32_t>(s), 0);
    for (Eigen::Index f = 0; f < k; ++f) {
      const auto u = stream.uniform4(static_cast<std::uint32_t>(f));
      shopper_factors(s, f) = static_cast<float>(scale * standard_normal(u[0], u[1]));
    }
  }
  item_factors.setZero(n, k);
  item_bias.assign(static_cast<std::size_t>(n), 0.0f);
  const bool grouped = !groups.of_item.empty();
  // With biases the item step solves (y_i, b_i) against (x_u, 1): the bias is the item's
  // weight on a shopper factor fixed at 1 (0 for shoppers outside the model).
  FactorMatrix shoppers_with_one, items_with_bias;
  if (config_.item_bias) shoppers_with_one.setZero(m, k + 1);
  std::vector<double> losses;
  losses.reserve(config_.iterations);
  for (std::size_t it = 0; it < config_.iterations; ++it) {
    if (config_.item_bias) {
      shoppers_with_one.leftCols(k) = shopper_factors;
      for (Eigen::Index s = 0; s < m; ++s) {
        shoppers_with_one(s, k) = by_shopper.row(static_cast<std::size_t>(s)).empty() ? 0.0f : 1.0f;
      }
      items_with_bias = with_bias(item_factors, item_bias);
    }
    const FactorMatrix& fixed_shoppers = config_.item_bias ? shoppers_with_one : shopper_factors;
    FactorMatrix& items = config_.item_bias ? items_with_bias : item_factors;
    const WeightedLeastSquares item_solver(fixed_shoppers, {}, config_.regularisation, config_.alpha);
    if (grouped) {
      const FactorMatrix means = group_means(groups, items);
      solve_rows(item_solver, by_item, items, &means, groups.of_item);
    } else {
      solve_rows(item_solver, by_item, items);
    }
    if (config_.item_bias) {
      item_factors = items_with_bias.leftCols(k);
      for (Eigen::Index i = 0; i < n; ++i) item_bias[static_cast<std::size_t>(i)] = items_with_bias(i, k);
    }
    const std::span<const float> offsets = config_.item_bias ? std::span<const float>(item_bias) : std::span<const float>();
    solve_rows(WeightedLeastSquares(item_factors, offsets, config_.regularisation, config_.alpha), by_shopper,
               shopper_factors);
    losses.push_back(loss(by_shopper, groups, shopper_factors, item_factors, offsets));
  }
  return losses;
}

double AlsTrainer::loss(const SparseRows& by_shopper, const ItemGroups& groups, const FactorMatrix& shopper_factors,
                        const FactorMatrix& item_factors, std::span<const float> item_bias) const {
  const Eigen::Index k = item_factors.cols();
  if (static_cast<std::size_t>(shopper_factors.rows()) != by_shopper.size() || shopper_factors.cols() != k ||
      (!item_bias.empty() && item_bias.size() != static_cast<std::size_t>(item_factors.rows()))) {
    throw std::invalid_argument("ALS loss: factor shapes do not match the feedback");
  }
  // Items as (y_i, b_i) and shoppers as (x_u, 1), so a score is one dot product. Σ over all
  // cells = Σ_u [x̃_uᵀ (ỸᵀỸ) x̃_u + Σ_{i∈u} (c_ui (1 − s_ui)² − s_ui²)]: every cell counts as
  // (0 − s)² with confidence 1, and the interactions are corrected.
  Eigen::MatrixXd y = Eigen::MatrixXd::Zero(item_factors.rows(), k + 1);
  y.leftCols(k) = item_factors.cast<double>();
  for (std::size_t i = 0; i < item_bias.size(); ++i) y(static_cast<Eigen::Index>(i), k) = item_bias[i];
  const Eigen::MatrixXd gram = y.transpose() * y;
  const std::size_t blocks = (by_shopper.size() + kBlockRows - 1) / kBlockRows;
  std::vector<double> partial(blocks, 0.0);
  tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t b) {
    double sum = 0.0;
    Eigen::VectorXd x(k + 1);
    const std::size_t end = std::min(by_shopper.size(), (b + 1) * kBlockRows);
    for (std::size_t s = b * kBlockRows; s < end; ++s) {
      if (by_shopper.row(s).empty()) continue;  // outside the model
      x.head(k) = shopper_factors.row(static_cast<Eigen::Index>(s)).transpose().cast<double>();
      x(k) = 1.0;
      sum += x.dot(gram * x) + config_.regularisation * x.head(k).squaredNorm();
      for (const Interaction& e : by_shopper.row(s)) {
        const double score = x.dot(y.row(e.index).transpose());
        const double confidence = 1.0 + config_.alpha * e.weight;
        sum += confidence * (1.0 - score) * (1.0 - score) - score * score;
      }
    }
    partial[b] = sum;
  });
  // The penalty covers b only when it is a parameter (an empty item_bias is b = 0 by definition).
  const Eigen::Index penalised = item_bias.empty() ? k : k + 1;
  double total = 0.0;
  if (groups.of_item.empty()) {
    total = config_.regularisation * y.leftCols(penalised).squaredNorm();
  } else {
    const FactorMatrix items = y.leftCols(penalised).cast<float>();
    const Eigen::MatrixXd means = group_means(groups, items).cast<double>();
    for (Eigen::Index i = 0; i < y.rows(); ++i) {
      total += config_.regularisation *
               (y.row(i).head(penalised) - means.row(groups.of_item[static_cast<std::size_t>(i)])).squaredNorm();
    }
  }
  for (const double p : partial) total += p;
  return total;
}

}  // namespace promosim::plugins
