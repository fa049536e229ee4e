#pragma once
// Off-policy estimators of a target policy's mean outcome from a logged-bandit log, and the
// importance-weight diagnostics (docs/off-policy-evaluation.md has the formulas). With
// w = π_e(a|x) / propensity and rows counted c times (1 for the log, multiplicities in a
// bootstrap resample):
//   replay     Σ c·π_e(a|x)·r / Σ c·π_e(a|x)   (Li et al. 2011; needs a context-free logging policy)
//   IPS        Σ c·w·r / Σ c
//   SNIPS      Σ c·w·r / Σ c·w
//   DM         Σ c·Σ_a π_e(a|x)·q̂(x,a) / Σ c
//   DR         DM + Σ c·w·(r − q̂(x,a)) / Σ c
//   Switch-DR  DM + Σ c·1{w ≤ τ}·w·(r − q̂(x,a)) / Σ c   (Wang, Agarwal, Dudík 2017, as in OBP)
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "ope_data.hpp"
#include "ope_policy.hpp"
#include "ope_reward_model.hpp"

namespace promosim {

enum class OpeEstimator { kReplay, kIps, kSnips, kDm, kDr, kSwitchDr };
inline constexpr std::size_t kOpeEstimatorCount = 6;
inline constexpr std::array<OpeEstimator, kOpeEstimatorCount> kOpeEstimators = {
    OpeEstimator::kReplay, OpeEstimator::kIps, OpeEstimator::kSnips,
    OpeEstimator::kDm,     OpeEstimator::kDr,  OpeEstimator::kSwitchDr};

/// Lower-case name as printed: replay, ips, snips, dm, dr, switch-dr.
std::string_view ope_estimator_name(OpeEstimator estimator);

/// One value per estimator, indexed by OpeEstimator; NaN where undefined (replay under a
/// logging policy that is not context-free, a ratio over a zero denominator).
using OpeEstimates = std::array<double, kOpeEstimatorCount>;

/// Default τ of Switch-DR: rows weighted above it fall back to DM alone.
inline constexpr double kDefaultSwitchThreshold = 100.0;

/// Every estimator on `log`'s rows counted `counts[row]` times, with `model` already fitted to
/// the same counts. `replay_valid`: the logging policy is context-free (constant propensity per position).
OpeEstimates estimate_policy_value(const OpeLog& log, const PolicyOnLog& policy, const RewardModel& model,
                                   std::span<const std::uint32_t> counts, double switch_threshold, bool replay_valid);

/// How well the log supports the target policy.
struct WeightDiagnostics {
  std::size_t rows = 0;
  double effective_sample_size = 0.0;  ///< (Σw)² / Σw²; 0 when every weight is 0
  double ess_share = 0.0;              ///< effective_sample_size / rows
  double max_weight = 0.0;
  double mean_weight = 0.0;            ///< about 1 when the policy's actions are all supported
  double unsupported = 0.0;            ///< PolicyOnLog::unsupported
  std::size_t above_switch = 0;        ///< rows with w > τ, which Switch-DR leaves to DM
};

WeightDiagnostics diagnose_weights(const OpeLog& log, const PolicyOnLog& policy, double switch_threshold);

}  // namespace promosim
