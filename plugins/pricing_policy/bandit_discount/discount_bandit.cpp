#include "discount_bandit.hpp"

#include <Eigen/Cholesky>
#include <Eigen/LU>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace promosim::plugins {
namespace {

constexpr std::uint32_t kChoosePurpose = static_cast<std::uint32_t>(Purpose::kPluginPurposeBase) + 12;
constexpr std::size_t kMaxLevels = 64;

}  // namespace

DiscountBandit::DiscountBandit(std::uint32_t segment_count, std::uint32_t phase_count,
                               const DiscountBanditConfig& config)
    : segment_count_(segment_count), phase_count_(std::max<std::uint32_t>(1, phase_count)), config_(config) {
  if (segment_count == 0) throw std::invalid_argument("bandit_discount needs at least one segment");
  if (config.levels < 2 || config.levels > kMaxLevels) {
    throw std::invalid_argument("bandit_discount: levels must be in [2, " + std::to_string(kMaxLevels) + "], got " +
                                std::to_string(config.levels));
  }
  if (!(config.prior_sessions > 0.0)) throw std::invalid_argument("bandit_discount: prior_sessions must be > 0");
  for (std::size_t l = 0; l < config.levels; ++l) {
    grid_.push_back(config.max_discount * static_cast<double>(l) / static_cast<double>(config.levels - 1));
  }
  prior_variance_.assign(segment_count, 1.0);
  segment_evidence_.assign(segment_count, empty_evidence());
  if (config.per_phase) phase_evidence_.assign(std::size_t{segment_count} * phase_count_, empty_evidence());
  posterior_.resize(config.per_phase ? std::size_t{segment_count} * phase_count_ : segment_count);
  refresh();
}

DiscountBandit::Evidence DiscountBandit::empty_evidence() const {
  const auto n = static_cast<Eigen::Index>(levels());
  return {Eigen::MatrixXd::Zero(n, n), Eigen::VectorXd::Zero(n), 0.0, 0.0};
}

void DiscountBandit::set_prior_variance(const std::vector<double>& variance) {
  if (variance.size() != segment_count_) {
    throw std::invalid_argument("bandit prior needs one variance per segment (" + std::to_string(segment_count_) + ")");
  }
  for (const double v : variance) {
    if (!(v > 0.0 && std::isfinite(v))) {
      throw std::invalid_argument("bandit prior variance " + std::to_string(v) + " is not > 0");
    }
  }
  prior_variance_ = variance;
  refresh();
}

void DiscountBandit::check(SegmentId segment, std::uint16_t phase) const {
  if (segment >= segment_count_) {
    throw std::out_of_range("segment " + std::to_string(segment) + " outside the " + std::to_string(segment_count_) +
                            " segments");
  }
  if (phase >= phase_count_) {
    throw std::out_of_range("phase " + std::to_string(phase) + " outside the " + std::to_string(phase_count_) +
                            " phases");
  }
}

std::size_t DiscountBandit::bandit(SegmentId segment, std::uint16_t phase) const {
  return config_.per_phase ? std::size_t{segment} * phase_count_ + phase : segment;
}

void DiscountBandit::add_tick(SegmentId segment, std::uint16_t phase, const TickRewards& rewards) {
  check(segment, phase);
  if (rewards.count.size() != levels() || rewards.sum.size() != levels() || rewards.sum_squares.size() != levels()) {
    throw std::invalid_argument("tick rewards need one entry per level (" + std::to_string(levels()) + ")");
  }
  const auto n = static_cast<Eigen::Index>(levels());
  const Eigen::Map<const Eigen::VectorXd> count(rewards.count.data(), n);
  const Eigen::Map<const Eigen::VectorXd> sum(rewards.sum.data(), n);
  const double sessions = count.sum();
  if (sessions == 0.0) return;
  const double total = sum.sum();
  double squares = 0.0, used = 0.0;
  for (std::size_t l = 0; l < levels(); ++l) {
    if (rewards.count[l] == 0.0) continue;
    squares += rewards.sum_squares[l] - rewards.sum[l] * rewards.sum[l] / rewards.count[l];
    used += 1.0;
  }
  const auto add = [&](Evidence& e) {
    e.information.diagonal() += count;
    e.information.noalias() -= count * count.transpose() / sessions;
    e.contrast += sum - count * (total / sessions);
    e.within_squares += std::max(squares, 0.0);
    e.within_dof += sessions - used;
  };
  add(segment_evidence_[segment]);
  if (config_.per_phase) add(phase_evidence_[std::size_t{segment} * phase_count_ + phase]);
}

void DiscountBandit::refresh() {
  const auto n = static_cast<Eigen::Index>(levels());
  const Eigen::MatrixXd identity = Eigen::MatrixXd::Identity(n, n);
  const auto set = [&](Posterior& posterior, const Eigen::MatrixXd& precision, const Eigen::VectorXd& shift) {
    const Eigen::LLT<Eigen::MatrixXd> llt(precision);
    posterior.mean = llt.solve(shift);
    posterior.factor = Eigen::MatrixXd(llt.solve(identity)).llt().matrixL();
  };
  for (std::uint32_t g = 0; g < segment_count_; ++g) {
    const Evidence& all = segment_evidence_[g];
    const double n0 = config_.prior_sessions;
    const double noise = (all.within_squares + n0 * prior_variance_[g]) / (all.within_dof + n0);
    const double prior_precision = n0 / prior_variance_[g];
    if (!config_.per_phase) {
      set(posterior_[g], all.information / noise + prior_precision * identity, all.contrast / noise);
      continue;
    }
    for (std::uint32_t p = 0; p < phase_count_; ++p) {
      const Evidence& phase = phase_evidence_[g * phase_count_ + p];
      // The other phases' posterior, widened by the prior variance, is this phase's prior.
      const Eigen::LLT<Eigen::MatrixXd> others(
          Eigen::MatrixXd((all.information - phase.information) / noise + prior_precision * identity));
      const Eigen::VectorXd others_mean = others.solve((all.contrast - phase.contrast) / noise);
      const Eigen::MatrixXd prior = Eigen::MatrixXd(others.solve(identity) + identity / prior_precision).inverse();
      set(posterior_[g * phase_count_ + p], phase.information / noise + prior,
          phase.contrast / noise + prior * others_mean);
    }
  }
}

std::size_t DiscountBandit::choose(SegmentId segment, std::uint16_t phase, const double* normals) const {
  check(segment, phase);
  const Posterior& posterior = posterior_[bandit(segment, phase)];
  std::size_t best = 0;
  double best_draw = -std::numeric_limits<double>::infinity();
  for (std::size_t l = 0; l < levels(); ++l) {
    double draw = posterior.mean[static_cast<Eigen::Index>(l)];
    for (std::size_t k = 0; k <= l; ++k) {
      draw += posterior.factor(static_cast<Eigen::Index>(l), static_cast<Eigen::Index>(k)) * normals[k];
    }
    if (draw > best_draw) {
      best_draw = draw;
      best = l;
    }
  }
  return best;
}

std::size_t DiscountBandit::choose(SegmentId segment, std::uint16_t phase, std::uint64_t key, ShopperId shopper,
                                   TickIndex tick) const {
  const RandomStream stream(key, kChoosePurpose, shopper, tick);
  std::array<double, kMaxLevels> normals;
  for (std::size_t l = 0; l < levels(); l += 2) {
    // Box-Muller gives two independent normals per pair of uniforms.
    const auto u = stream.uniform4(static_cast<std::uint32_t>(l / 2));
    normals[l] = standard_normal(u[0], u[1]);
    if (l + 1 < levels()) normals[l + 1] = standard_normal(u[2], u[3]);
  }
  return choose(segment, phase, normals.data());
}

double DiscountBandit::posterior_mean(SegmentId segment, std::uint16_t phase, std::size_t level) const {
  check(segment, phase);
  if (level >= levels()) throw std::out_of_range("level " + std::to_string(level) + " outside the grid");
  return posterior_[bandit(segment, phase)].mean[static_cast<Eigen::Index>(level)];
}

double DiscountBandit::posterior_sd(SegmentId segment, std::uint16_t phase, std::size_t level) const {
  check(segment, phase);
  if (level >= levels()) throw std::out_of_range("level " + std::to_string(level) + " outside the grid");
  return posterior_[bandit(segment, phase)].factor.row(static_cast<Eigen::Index>(level)).norm();
}

std::size_t DiscountBandit::best_level(SegmentId segment, std::uint16_t phase) const {
  check(segment, phase);
  const Eigen::VectorXd& mean = posterior_[bandit(segment, phase)].mean;
  Eigen::Index best = 0;
  for (Eigen::Index l = 1; l < mean.size(); ++l) {
    if (mean[l] > mean[best]) best = l;
  }
  return static_cast<std::size_t>(best);
}

}  // namespace promosim::plugins
