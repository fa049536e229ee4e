#pragma once
// A target policy's value by every estimator with percentile bootstrap intervals: B resamples
// of the log's rows (with replacement, n rows each), the reward model refitted inside each, so
// the intervals include the model's own noise. Resample b draws from a generator seeded by
// (seed, b) alone, so results are identical run to run and for any number of threads.
#include <array>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "ope_estimators.hpp"

namespace promosim {

struct OpeSettings {
  std::size_t resamples = 1000;  ///< B; 0 = point estimates only
  std::uint64_t seed = 1;
  double confidence = 0.95;
  double switch_threshold = kDefaultSwitchThreshold;
  std::vector<std::size_t> model_features;  ///< indices into OpeLog::feature_names()
  double pseudo_count = RewardModel::kDefaultPseudoCount;
};

struct EstimateInterval {
  double estimate = 0.0;  ///< on the whole log; NaN where the estimator is undefined
  double low = 0.0;
  double high = 0.0;
  bool available = false;  ///< false without resamples or with fewer than 2 defined resample values
};

struct PolicyEvaluation {
  std::array<EstimateInterval, kOpeEstimatorCount> estimates;
  WeightDiagnostics diagnostics;
  bool replay_valid = false;  ///< the logging policy is context-free (constant propensity per position)
};

PolicyEvaluation evaluate_policy(const OpeLog& log, const PolicyOnLog& policy, const OpeSettings& settings);

/// Row multiplicities of resample `resample`: counts.size() draws with replacement.
void bootstrap_counts(std::uint64_t seed, std::size_t resample, std::span<std::uint32_t> counts);

/// The (1 − confidence)/2 and (1 + confidence)/2 quantiles of the finite `values` (linear
/// interpolation between order statistics); nullopt-like {NaN, NaN} for fewer than 2 of them.
std::pair<double, double> percentile_interval(std::vector<double> values, double confidence);

}  // namespace promosim
