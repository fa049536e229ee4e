#include "ope_estimators.hpp"

#include <algorithm>
#include <limits>

#include "compensated_sum.hpp"

namespace promosim {

std::string_view ope_estimator_name(OpeEstimator estimator) {
  switch (estimator) {
    case OpeEstimator::kReplay: return "replay";
    case OpeEstimator::kIps: return "ips";
    case OpeEstimator::kSnips: return "snips";
    case OpeEstimator::kDm: return "dm";
    case OpeEstimator::kDr: return "dr";
    case OpeEstimator::kSwitchDr: return "switch-dr";
  }
  return "?";
}

namespace {
double ratio(double numerator, double denominator) {
  return denominator > 0 ? numerator / denominator : std::numeric_limits<double>::quiet_NaN();
}
}  // namespace

OpeEstimates estimate_policy_value(const OpeLog& log, const PolicyOnLog& policy, const RewardModel& model,
                                   std::span<const std::uint32_t> counts, double switch_threshold, bool replay_valid) {
  const std::size_t actions = log.actions().size();
  CompensatedSum rows, target_mass, target_reward, weight, weighted_reward, direct, correction, switch_correction;
  const auto& logged = log.rows();
  for (std::size_t r = 0; r < logged.size(); ++r) {
    if (counts[r] == 0) continue;
    const double c = counts[r];
    const OpeRow& row = logged[r];
    const double* p = policy.probabilities(r, actions);
    const double* q = model.predictions(r);
    double dm = 0.0;
    for (std::size_t a = 0; a < actions; ++a)
      if (p[a] != 0.0) dm += p[a] * q[a];
    const double w = p[row.action] / row.propensity;
    const double residual = row.outcome - q[row.action];
    rows.add(c);
    target_mass.add(c * p[row.action]);
    target_reward.add(c * p[row.action] * row.outcome);
    weight.add(c * w);
    weighted_reward.add(c * w * row.outcome);
    direct.add(c * dm);
    correction.add(c * w * residual);
    if (w <= switch_threshold) switch_correction.add(c * w * residual);
  }
  const double n = rows.value();
  OpeEstimates out;
  const double dm = ratio(direct.value(), n);
  out[static_cast<std::size_t>(OpeEstimator::kReplay)] =
      replay_valid ? ratio(target_reward.value(), target_mass.value()) : std::numeric_limits<double>::quiet_NaN();
  out[static_cast<std::size_t>(OpeEstimator::kIps)] = ratio(weighted_reward.value(), n);
  out[static_cast<std::size_t>(OpeEstimator::kSnips)] = ratio(weighted_reward.value(), weight.value());
  out[static_cast<std::size_t>(OpeEstimator::kDm)] = dm;
  out[static_cast<std::size_t>(OpeEstimator::kDr)] = dm + ratio(correction.value(), n);
  out[static_cast<std::size_t>(OpeEstimator::kSwitchDr)] = dm + ratio(switch_correction.value(), n);
  return out;
}

WeightDiagnostics diagnose_weights(const OpeLog& log, const PolicyOnLog& policy, double switch_threshold) {
  const std::size_t actions = log.actions().size();
  WeightDiagnostics d;
  d.rows = log.rows().size();
  CompensatedSum sum, sum_squares;
  for (std::size_t r = 0; r < d.rows; ++r) {
    const OpeRow& row = log.rows()[r];
    const double w = policy.probabilities(r, actions)[row.action] / row.propensity;
    sum.add(w);
    sum_squares.add(w * w);
    d.max_weight = std::max(d.max_weight, w);
    if (w > switch_threshold) ++d.above_switch;
  }
  d.effective_sample_size = sum_squares.value() > 0 ? sum.value() * sum.value() / sum_squares.value() : 0.0;
  d.ess_share = d.effective_sample_size / static_cast<double>(d.rows);
  d.mean_weight = sum.value() / static_cast<double>(d.rows);
  d.unsupported = policy.unsupported;
  return d;
}

}  // namespace promosim
