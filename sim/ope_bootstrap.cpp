#include "ope_bootstrap.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "statistics.hpp"

namespace promosim {

namespace {
std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}
}  // namespace

void bootstrap_counts(std::uint64_t seed, std::size_t resample, std::span<std::uint32_t> counts) {
  // mt19937_64's output is fixed by the standard; the index is mapped by hand rather than by
  // std::uniform_int_distribution, whose algorithm differs between standard libraries.
  std::mt19937_64 engine(splitmix64(seed ^ splitmix64(resample)));
  std::fill(counts.begin(), counts.end(), 0u);
  const std::size_t n = counts.size();
  const double scale = static_cast<double>(n) * 0x1.0p-53;
  for (std::size_t draw = 0; draw < n; ++draw)
    ++counts[std::min(n - 1, static_cast<std::size_t>(static_cast<double>(engine() >> 11) * scale))];
}

std::pair<double, double> percentile_interval(std::vector<double> values, double confidence) {
  std::erase_if(values, [](double v) { return !std::isfinite(v); });
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (values.size() < 2) return {nan, nan};
  std::sort(values.begin(), values.end());
  return {quantile_of_sorted(values, (1.0 - confidence) / 2.0), quantile_of_sorted(values, (1.0 + confidence) / 2.0)};
}

PolicyEvaluation evaluate_policy(const OpeLog& log, const PolicyOnLog& policy, const OpeSettings& settings) {
  PolicyEvaluation evaluation;
  evaluation.replay_valid = log.constant_propensity_per_slot();
  evaluation.diagnostics = diagnose_weights(log, policy, settings.switch_threshold);
  const std::size_t n = log.rows().size();
  {
    RewardModel model(log, settings.model_features, settings.pseudo_count);
    const std::vector<std::uint32_t> ones(n, 1u);
    model.fit(ones);
    const OpeEstimates point =
        estimate_policy_value(log, policy, model, ones, settings.switch_threshold, evaluation.replay_valid);
    for (std::size_t e = 0; e < kOpeEstimatorCount; ++e) evaluation.estimates[e].estimate = point[e];
  }
  if (settings.resamples == 0) return evaluation;

  struct Worker {
    RewardModel model;
    std::vector<std::uint32_t> counts;
  };
  tbb::enumerable_thread_specific<Worker> workers([&] {
    return Worker{RewardModel(log, settings.model_features, settings.pseudo_count), std::vector<std::uint32_t>(n)};
  });
  std::vector<OpeEstimates> resampled(settings.resamples);
  tbb::parallel_for(std::size_t{0}, settings.resamples, [&](std::size_t b) {
    Worker& worker = workers.local();
    bootstrap_counts(settings.seed, b, worker.counts);
    worker.model.fit(worker.counts);
    resampled[b] = estimate_policy_value(log, policy, worker.model, worker.counts, settings.switch_threshold,
                                         evaluation.replay_valid);
  });
  for (std::size_t e = 0; e < kOpeEstimatorCount; ++e) {
    std::vector<double> values;
    values.reserve(settings.resamples);
    for (const OpeEstimates& estimates : resampled) values.push_back(estimates[e]);
    const auto [low, high] = percentile_interval(std::move(values), settings.confidence);
    EstimateInterval& interval = evaluation.estimates[e];
    interval.available = std::isfinite(low) && std::isfinite(interval.estimate);
    interval.low = low;
    interval.high = high;
  }
  return evaluation;
}

}  // namespace promosim
