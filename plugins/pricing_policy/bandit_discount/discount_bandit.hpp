#pragma once
// Thompson sampling over discount levels, one bandit per segment (and optionally per phase).
// Rewards are modelled as r = base(tick) + effect(level) + noise: whatever shifts every
// session's margin over the timeline (traffic mix, a peak's intent, flash sales) is absorbed by
// the tick's base, and the level effects are learned from the contrasts between levels shown in
// the same tick.
#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "promosim/sdk.hpp"

namespace promosim::plugins {

struct DiscountBanditConfig {
  std::size_t levels;  ///< discounts 0, max/(levels−1), ..., max
  double max_discount;  ///< fraction of list price
  bool per_phase;  ///< one bandit per (segment, phase) instead of per segment
  double prior_sessions;  ///< weight of the prior on each level effect, in sessions
};

/// One tick's rewards of one segment's sessions, by level (levels() entries each).
struct TickRewards {
  std::vector<double> count, sum, sum_squares;
  explicit TickRewards(std::size_t levels) : count(levels, 0.0), sum(levels, 0.0), sum_squares(levels, 0.0) {}
  void add(std::size_t level, double reward) {
    count[level] += 1.0;
    sum[level] += reward;
    sum_squares[level] += reward * reward;
  }
};

/// The posterior of the level effects is Gaussian. Absorbing each tick's base (least squares
/// with tick fixed effects) leaves, summed over ticks with c_l sessions and reward sum s_l at
/// level l and n = Σc, S = Σs per tick,
///   information M = Σ (diag(c) − c cᵀ / n),   contrast b = Σ (s − c S / n),
/// so a tick that shows one level only carries no information. With noise variance σ² (the
/// pooled within-tick, within-level variance, with the prior variance v0 as `prior_sessions`
/// pseudo-observations) and prior effects N(0, v0 / prior_sessions) each,
///   precision P = M / σ² + (prior_sessions / v0)·I,   mean = P⁻¹ b / σ²,   covariance P⁻¹.
/// v0 is the segment's variance of margin per history session. With `per_phase`, a phase's
/// prior is the posterior from the segment's other phases, widened by the same prior variance
/// (phases may differ as much as the prior allows), and its own ticks update it.
class DiscountBandit {
 public:
  DiscountBandit(std::uint32_t segment_count, std::uint32_t phase_count, const DiscountBanditConfig& config);

  /// Sets each segment's reward variance per session v0 (> 0) and refreshes the posteriors.
  void set_prior_variance(const std::vector<double>& variance);
  /// Adds one tick's rewards of the segment's sessions in `phase`; call refresh() after a
  /// barrier's updates.
  void add_tick(SegmentId segment, std::uint16_t phase, const TickRewards& rewards);
  /// Recomputes the posteriors that choose() samples from.
  void refresh();

  /// The level Thompson sampling picks for a session: one joint draw of the level effects from
  /// the posterior, made from the standard normals `normals` (levels() of them), and the level
  /// with the highest draw (ties: the smaller discount). const and thread-safe.
  std::size_t choose(SegmentId segment, std::uint16_t phase, const double* normals) const;
  /// As choose(), with the normals drawn from RandomStream(key, purpose, shopper, tick), so the
  /// pick is a pure function of (shopper, tick) and the posteriors.
  std::size_t choose(SegmentId segment, std::uint16_t phase, std::uint64_t key, ShopperId shopper,
                     TickIndex tick) const;

  std::size_t levels() const { return grid_.size(); }
  double discount(std::size_t level) const { return grid_[level]; }
  /// Posterior mean and sd of a level's effect on margin per session.
  double posterior_mean(SegmentId segment, std::uint16_t phase, std::size_t level) const;
  double posterior_sd(SegmentId segment, std::uint16_t phase, std::size_t level) const;
  /// The level with the highest posterior mean effect (ties: the smaller discount).
  std::size_t best_level(SegmentId segment, std::uint16_t phase) const;

 private:
  /// Sufficient statistics of some ticks' rewards.
  struct Evidence {
    Eigen::MatrixXd information;  // M
    Eigen::VectorXd contrast;     // b
    double within_squares = 0.0;  // Σ squared deviations from the tick's level means
    double within_dof = 0.0;      // their degrees of freedom
  };
  struct Posterior {
    Eigen::VectorXd mean;
    Eigen::MatrixXd factor;  // lower Cholesky factor of the covariance
  };

  std::size_t bandit(SegmentId segment, std::uint16_t phase) const;
  void check(SegmentId segment, std::uint16_t phase) const;
  Evidence empty_evidence() const;

  std::uint32_t segment_count_;
  std::uint32_t phase_count_;
  DiscountBanditConfig config_;
  std::vector<double> grid_;
  std::vector<double> prior_variance_;  // per segment
  std::vector<Evidence> segment_evidence_;  // per segment, every phase
  std::vector<Evidence> phase_evidence_;    // per segment × phase (per_phase only)
  std::vector<Posterior> posterior_;        // per bandit
};

}  // namespace promosim::plugins
