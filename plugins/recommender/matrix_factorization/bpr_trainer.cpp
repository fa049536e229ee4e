#include "bpr_trainer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

#include "promosim/random_stream.hpp"

namespace promosim::plugins {
namespace {

/// Standard deviation of the initial factors, per unit of 1/sqrt(k).
constexpr double kInitScale = 0.1;
/// Negative candidates drawn per triple: the first that the shopper has not engaged with is
/// used; a triple whose candidates are all positives is skipped (only for shoppers who
/// engaged with most of the catalog).
constexpr std::uint32_t kNegativeDraws = 3;  // u[1..3] of a uniform4 draw
/// Below −kLinearBelow, −ln σ(m) equals −m to double precision (and exp(−m) could overflow).
constexpr double kLinearBelow = 40.0;

bool engaged(std::span<const Interaction> row, std::uint32_t item) {
  const auto at = std::lower_bound(row.begin(), row.end(), item,
                                   [](const Interaction& e, std::uint32_t i) { return e.index < i; });
  return at != row.end() && at->index == item;
}

std::uint32_t draw_index(double uniform, std::size_t count) {
  return static_cast<std::uint32_t>(std::min<double>(static_cast<double>(count) - 1.0, uniform * count));
}

/// The first of u[1..3] (as item indices) the shopper has not engaged with; item_count if none.
std::uint32_t draw_negative(const std::array<double, 4>& u, std::span<const Interaction> row, std::uint32_t item_count) {
  for (std::uint32_t d = 1; d <= kNegativeDraws; ++d) {
    const std::uint32_t candidate = draw_index(u[d], item_count);
    if (!engaged(row, candidate)) return candidate;
  }
  return item_count;
}

/// The shopper of every interaction (the row each entry of by_shopper belongs to).
std::vector<std::uint32_t> interaction_owners(const SparseRows& by_shopper) {
  std::vector<std::uint32_t> owner(by_shopper.entries.size());
  for (std::size_t s = 0; s < by_shopper.size(); ++s) {
    std::fill(owner.begin() + static_cast<std::ptrdiff_t>(by_shopper.offsets[s]),
              owner.begin() + static_cast<std::ptrdiff_t>(by_shopper.offsets[s + 1]), static_cast<std::uint32_t>(s));
  }
  return owner;
}

void randomise(FactorMatrix& m, Eigen::Index row, std::uint64_t key, std::uint32_t purpose, std::uint32_t side,
               double scale) {
  const RandomStream stream(key, purpose, static_cast<std::uint32_t>(row), side);
  for (Eigen::Index f = 0; f < m.cols(); ++f) {
    const auto u = stream.uniform4(static_cast<std::uint32_t>(f));
    m(row, f) = static_cast<float>(scale * standard_normal(u[0], u[1]));
  }
}

}  // namespace

BprTrainer::BprTrainer(const BprConfig& config) : config_(config) {
  if (config_.factors == 0) throw std::invalid_argument("BPR needs at least one factor");
  if (!(config_.learning_rate > 0.0)) {
    throw std::invalid_argument("BPR learning rate must be > 0, got " + std::to_string(config_.learning_rate));
  }
  if (!(config_.regularisation >= 0.0)) {
    throw std::invalid_argument("BPR regularisation must be >= 0, got " + std::to_string(config_.regularisation));
  }
}

std::vector<double> BprTrainer::train(const SparseRows& by_shopper, std::uint32_t item_count,
                                      const ItemGroups& groups, std::uint64_t random_key, const BprPurposes& purposes,
                                      FactorMatrix& shopper_factors, FactorMatrix& item_factors,
                                      std::vector<float>& item_bias) const {
  const auto k = static_cast<Eigen::Index>(config_.factors);
  const double scale = kInitScale / std::sqrt(static_cast<double>(k));
  shopper_factors.setZero(static_cast<Eigen::Index>(by_shopper.size()), k);
  item_factors.resize(item_count, k);
  for (std::size_t s = 0; s < by_shopper.size(); ++s) {
    if (!by_shopper.row(s).empty()) randomise(shopper_factors, static_cast<Eigen::Index>(s), random_key, purposes.init, 0, scale);
  }
  for (Eigen::Index i = 0; i < item_factors.rows(); ++i) randomise(item_factors, i, random_key, purposes.init, 1, scale);
  item_bias.assign(item_count, 0.0f);

  const std::size_t interactions = by_shopper.entries.size();
  std::vector<double> losses;
  if (interactions == 0 || item_count == 0) return std::vector<double>(config_.epochs, std::log(2.0));
  const std::vector<std::uint32_t> owner = interaction_owners(by_shopper);
  // Positives are drawn in proportion to their weight, so a purchased item (click, cart and
  // purchase weights summed) is trained on as often as that many clicks.
  std::vector<double> cumulative(interactions);
  double total_weight = 0.0;
  for (std::size_t e = 0; e < interactions; ++e) cumulative[e] = total_weight += by_shopper.entries[e].weight;
  const auto lr = static_cast<float>(config_.learning_rate);
  const auto reg = static_cast<float>(config_.regularisation);
  Eigen::RowVectorXf shopper_before(k), difference(k);
  const bool grouped = !groups.of_item.empty();
  FactorMatrix means = FactorMatrix::Zero(1, k);  // the prior means; row 0 serves every item without groups
  for (std::size_t epoch = 0; epoch < config_.epochs; ++epoch) {
    if (grouped) means = group_means(groups, item_factors);
    for (std::size_t step = 0; step < interactions; ++step) {
      const RandomStream stream(random_key, purposes.sample, static_cast<std::uint32_t>(epoch),
                                static_cast<std::uint32_t>(step));
      const auto u = stream.uniform4(0);
      const auto drawn = std::upper_bound(cumulative.begin(), cumulative.end(), u[0] * total_weight);
      const std::size_t pick = std::min<std::size_t>(static_cast<std::size_t>(drawn - cumulative.begin()), interactions - 1);
      const std::uint32_t shopper = owner[pick];
      const std::uint32_t positive = by_shopper.entries[pick].index;
      const std::uint32_t negative = draw_negative(u, by_shopper.row(shopper), item_count);
      if (negative == item_count) continue;
      auto x = shopper_factors.row(shopper);
      auto yi = item_factors.row(positive);
      auto yj = item_factors.row(negative);
      difference = yi - yj;
      // d/dθ ln σ(x̂) = σ(−x̂) ∂x̂/∂θ
      const float bias_difference = item_bias[positive] - item_bias[negative];
      const float gain = 1.0f / (1.0f + std::exp(x.dot(difference) + bias_difference));
      shopper_before = x;
      x += lr * (gain * difference - reg * x);
      yi += lr * (gain * shopper_before - reg * (yi - means.row(grouped ? groups.of_item[positive] : 0)));
      yj += lr * (-gain * shopper_before - reg * (yj - means.row(grouped ? groups.of_item[negative] : 0)));
      if (config_.item_bias) {
        item_bias[positive] += lr * (gain - reg * item_bias[positive]);
        item_bias[negative] += lr * (-gain - reg * item_bias[negative]);
      }
    }
    losses.push_back(loss(by_shopper, item_count, random_key, purposes, shopper_factors, item_factors, item_bias));
  }
  return losses;
}

void BprTrainer::fold_in(std::span<const Interaction> row, const FactorMatrix& item_factors,
                         std::span<const float> item_bias, std::uint64_t random_key, std::uint32_t purpose,
                         ShopperId shopper, TickIndex tick, float* shopper_factors) const {
  const auto k = item_factors.cols();
  Eigen::Map<Eigen::RowVectorXf> x(shopper_factors, k);
  if (row.empty()) {
    x.setZero();
    return;
  }
  const auto item_count = static_cast<std::uint32_t>(item_factors.rows());
  double total_weight = 0.0;
  for (const Interaction& e : row) {
    if (e.index >= item_count) {
      throw std::out_of_range("BPR fold-in: item " + std::to_string(e.index) + " outside " +
                              std::to_string(item_count) + " items");
    }
    total_weight += e.weight;
  }
  const auto lr = static_cast<float>(config_.learning_rate);
  const auto reg = static_cast<float>(config_.regularisation);
  const std::size_t steps = std::min(config_.epochs * row.size(), kMaxFoldInSteps);
  const RandomStream stream(random_key, purpose, shopper, tick);
  Eigen::RowVectorXf difference(k);
  for (std::size_t step = 0; step < steps; ++step) {
    const auto u = stream.uniform4(static_cast<std::uint32_t>(step));
    // The positive in proportion to its weight, as in training.
    double target = u[0] * total_weight;
    std::size_t pick = 0;
    while (pick + 1 < row.size() && target >= row[pick].weight) target -= row[pick++].weight;
    const std::uint32_t positive = row[pick].index;
    const std::uint32_t negative = draw_negative(u, row, item_count);
    if (negative == item_count) continue;
    difference = item_factors.row(positive) - item_factors.row(negative);
    const float bias_difference = item_bias.empty() ? 0.0f : item_bias[positive] - item_bias[negative];
    const float gain = 1.0f / (1.0f + std::exp(x.dot(difference) + bias_difference));
    x += lr * (gain * difference - reg * x);
  }
}

double BprTrainer::loss(const SparseRows& by_shopper, std::uint32_t item_count, std::uint64_t random_key,
                        const BprPurposes& purposes, const FactorMatrix& shopper_factors,
                        const FactorMatrix& item_factors, std::span<const float> item_bias) const {
  const std::size_t interactions = by_shopper.entries.size();
  if (interactions == 0 || item_count == 0) return std::log(2.0);
  const std::vector<std::uint32_t> owner = interaction_owners(by_shopper);
  const std::size_t triples = std::min(interactions, kLossTriples);
  double sum = 0.0;
  std::size_t counted = 0;
  for (std::size_t t = 0; t < triples; ++t) {
    const std::size_t pick = t * interactions / triples;
    const std::uint32_t shopper = owner[pick];
    const RandomStream stream(random_key, purposes.evaluate, static_cast<std::uint32_t>(pick), 0);
    const std::uint32_t negative = draw_index(stream.uniform(0), item_count);
    if (engaged(by_shopper.row(shopper), negative)) continue;
    const std::uint32_t positive = by_shopper.entries[pick].index;
    const double bias_difference = item_bias.empty() ? 0.0 : item_bias[positive] - item_bias[negative];
    const double margin =
        shopper_factors.row(shopper).dot(item_factors.row(positive) - item_factors.row(negative)) + bias_difference;
    sum += margin < -kLinearBelow ? -margin : std::log1p(std::exp(-margin));  // −ln σ(margin)
    ++counted;
  }
  return counted > 0 ? sum / static_cast<double>(counted) : std::log(2.0);
}

}  // namespace promosim::plugins
