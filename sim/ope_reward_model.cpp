#include "ope_reward_model.hpp"

#include <unordered_map>

#include "compensated_sum.hpp"

namespace promosim {

RewardModel::RewardModel(const OpeLog& log, const std::vector<std::size_t>& features, double pseudo_count)
    : log_(log), pseudo_count_(pseudo_count), actions_(log.actions().size()) {
  // Strata are the feature-value combinations that occur, numbered densely, so the cell table
  // grows with the data rather than with the product of the features' level counts.
  std::unordered_map<std::uint64_t, std::uint32_t> stratum_of;
  const std::size_t slots = log.positions().size();
  row_cell_.reserve(log.rows().size());
  for (std::size_t r = 0; r < log.rows().size(); ++r) {
    std::uint64_t key = 0;
    for (std::size_t f : features) key = key * (log.feature_levels(f).size() + 1) + log.feature_code(r, f);
    const auto [at, added] = stratum_of.try_emplace(key, static_cast<std::uint32_t>(stratum_of.size()));
    row_cell_.push_back(static_cast<std::uint32_t>(at->second * slots + log.rows()[r].slot));
  }
  strata_ = std::max<std::size_t>(1, stratum_of.size());
  const std::size_t cells = strata_ * slots * actions_;
  sum_.resize(cells);
  count_.resize(cells);
  q_.resize(cells);
  action_sum_.resize(actions_);
  action_count_.resize(actions_);
}

void RewardModel::fit(std::span<const std::uint32_t> counts) {
  std::fill(sum_.begin(), sum_.end(), 0.0);
  std::fill(count_.begin(), count_.end(), 0.0);
  std::fill(action_sum_.begin(), action_sum_.end(), 0.0);
  std::fill(action_count_.begin(), action_count_.end(), 0.0);
  CompensatedSum total;
  double total_count = 0.0;
  const auto& rows = log_.rows();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (counts[r] == 0) continue;
    const double c = counts[r];
    const std::size_t cell = std::size_t{row_cell_[r]} * actions_ + rows[r].action;
    sum_[cell] += c * rows[r].outcome;
    count_[cell] += c;
    action_sum_[rows[r].action] += c * rows[r].outcome;
    action_count_[rows[r].action] += c;
    total.add(c * rows[r].outcome);
    total_count += c;
  }
  const double overall = total_count > 0 ? total.value() / total_count : 0.0;
  std::vector<double> action_mean(actions_);
  for (std::size_t a = 0; a < actions_; ++a)
    action_mean[a] = action_count_[a] > 0 ? action_sum_[a] / action_count_[a] : overall;
  for (std::size_t cell = 0; cell < q_.size(); ++cell) {
    const double m = action_mean[cell % actions_];
    // A cell holding all of its action's rows is the action's mean itself; skip the rounding.
    q_[cell] = count_[cell] == action_count_[cell % actions_]
                   ? m
                   : (sum_[cell] + pseudo_count_ * m) / (count_[cell] + pseudo_count_);
  }
}

}  // namespace promosim
