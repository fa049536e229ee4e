#pragma once
// The reward model q̂(x, a) behind DM, DR and Switch-DR: the mean outcome of each cell
// (stratum of the chosen categorical features × position × action), shrunk toward the action's
// mean outcome over the whole log with a pseudo-count: q̂ = (Σy + k·m_a) / (n + k). A cell with
// few rows leans on the action's mean; an action absent from the rows falls back to the overall
// mean. Without model features there is one stratum, so at a single position q̂ is exactly the
// action's mean.
#include <cstdint>
#include <span>
#include <vector>

#include "ope_data.hpp"

namespace promosim {

class RewardModel {
 public:
  /// Pseudo-count k of the shrinkage toward the action's mean.
  static constexpr double kDefaultPseudoCount = 10.0;

  /// Cells for `log`, stratified by the features at `features` (indices into
  /// log.feature_names(); empty for one stratum). Not fitted yet.
  RewardModel(const OpeLog& log, const std::vector<std::size_t>& features, double pseudo_count = kDefaultPseudoCount);

  /// Fits the cell means with each row counted `counts[row]` times (all 1 for the log itself,
  /// multiplicities for a bootstrap resample).
  void fit(std::span<const std::uint32_t> counts);

  /// q̂(row's context, a) for every action a of the log, after fit().
  const double* predictions(std::size_t row) const { return q_.data() + std::size_t{row_cell_[row]} * actions_; }

  std::size_t strata() const { return strata_; }

 private:
  const OpeLog& log_;
  double pseudo_count_;
  std::size_t actions_;
  std::size_t strata_ = 1;
  std::vector<std::uint32_t> row_cell_;  // stratum × slots + slot, per row
  std::vector<double> sum_, count_, q_;  // cells × actions
  std::vector<double> action_sum_, action_count_;
};

}  // namespace promosim
