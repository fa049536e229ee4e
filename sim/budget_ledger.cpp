#include "budget_ledger.hpp"

#include <cmath>

namespace promosim {

BudgetLedger::BudgetLedger(const Scenario& scenario, std::uint32_t shopper_count)
    : limited_(std::isfinite(scenario.discount_budget) || std::isfinite(scenario.per_shopper_budget) ||
               !scenario.budget_pools.empty()),
      total_(scenario.discount_budget),
      per_shopper_(scenario.per_shopper_budget),
      pools_(scenario.budget_pools),
      pool_spent_(pools_.size(), 0.0),
      pool_reserved_(pools_.size(), 0.0) {
  if (std::isfinite(per_shopper_)) shopper_spent_.assign(shopper_count, 0.0f);
}

void BudgetLedger::start_tick(std::uint16_t phase) {
  phase_ = phase;
  reserved_ = 0.0;
  std::fill(pool_reserved_.begin(), pool_reserved_.end(), 0.0);
}

void BudgetLedger::start_session(ShopperId shopper, SegmentId segment) {
  shopper_ = shopper;
  segment_ = segment;
  session_reserved_ = 0.0;
  session_pools_.clear();
  for (std::size_t p = 0; p < pools_.size(); ++p) {
    if ((pools_[p].phase < 0 || pools_[p].phase == phase_) && (pools_[p].segment < 0 || pools_[p].segment == segment)) {
      session_pools_.push_back(p);
    }
  }
}

bool BudgetLedger::reserve(double worst) {
  if (spent_ + reserved_ + worst > total_) return false;
  for (const std::size_t p : session_pools_) {
    if (pool_spent_[p] + pool_reserved_[p] + worst > pools_[p].amount) return false;
  }
  if (!shopper_spent_.empty() && shopper_spent_[shopper_] + session_reserved_ + worst > per_shopper_) return false;
  reserved_ += worst;
  for (const std::size_t p : session_pools_) pool_reserved_[p] += worst;
  session_reserved_ += worst;
  return true;
}

void BudgetLedger::settle_session(double actual) {
  reserved_ -= session_reserved_;
  for (const std::size_t p : session_pools_) pool_reserved_[p] -= session_reserved_;
  session_reserved_ = 0.0;
  spend(shopper_, segment_, actual);
}

void BudgetLedger::spend(ShopperId shopper, SegmentId segment, double amount) {
  if (amount == 0.0) return;
  spent_ += amount;
  for (std::size_t p = 0; p < pools_.size(); ++p) {
    if ((pools_[p].phase < 0 || pools_[p].phase == phase_) && (pools_[p].segment < 0 || pools_[p].segment == segment)) {
      pool_spent_[p] += amount;
    }
  }
  if (!shopper_spent_.empty()) shopper_spent_[shopper] += static_cast<float>(amount);
}

}  // namespace promosim
