#pragma once
// One arm's discount money: the budget, its pools by phase and segment, and the cap per
// shopper. Offers reserve their worst-case cost before shoppers respond (in shard and session
// order, so the result does not depend on the thread count); what was really spent is booked
// at the barrier. Flash sales, coupon drops and pre-sales are the platform's and never pass here.
#include <cstdint>
#include <vector>

#include "promosim/types.hpp"
#include "scenario.hpp"

namespace promosim {

class BudgetLedger {
 public:
  BudgetLedger(const Scenario& scenario, std::uint32_t shopper_count);

  /// True if some limit applies (otherwise reserve() always succeeds and need not be called).
  bool limited() const { return limited_; }
  /// The whole budget left (for DecisionContext::budget_remaining); +inf if unlimited.
  double remaining() const { return total_ - spent_; }

  /// Starts a tick in `phase`: reservations cleared.
  void start_tick(std::uint16_t phase);
  /// Starts a session of `shopper` (of `segment`): its reservations count against the shopper's cap.
  void start_session(ShopperId shopper, SegmentId segment);
  /// Reserves `worst` for the current session if it fits the budget, every pool covering the
  /// session and the shopper's cap; false (nothing reserved) otherwise.
  bool reserve(double worst);
  /// Books money really spent by `shopper` of `segment` in the current tick.
  void spend(ShopperId shopper, SegmentId segment, double amount);
  /// Ends the current session at once (serial ticks): books `actual` and releases what the
  /// session reserved.
  void settle_session(double actual);

 private:
  bool limited_;
  double total_;
  double spent_ = 0.0;
  double reserved_ = 0.0;
  double per_shopper_;
  std::vector<BudgetPoolConfig> pools_;
  std::vector<double> pool_spent_, pool_reserved_;
  std::vector<float> shopper_spent_;  // empty without a per-shopper cap
  std::uint16_t phase_ = 0;
  std::vector<std::size_t> session_pools_;  // pools covering the current session
  ShopperId shopper_ = 0;
  SegmentId segment_ = 0;
  double session_reserved_ = 0.0;
};

}  // namespace promosim
