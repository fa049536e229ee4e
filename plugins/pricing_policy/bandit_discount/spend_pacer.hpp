#pragma once
// Budget pacing: a plan of cumulative spend by tick, and a gate that stops discounting while
// spend runs ahead of it.
#include <cstdint>
#include <vector>

#include "promosim/sdk.hpp"

namespace promosim::plugins {

class SpendPacer {
 public:
  /// Tick weights for a plan proportional to expected traffic: each tick weighs its phase's
  /// traffic multiplier, times `peak_weight` in the busiest phases (those with the highest
  /// multiplier; with equal multipliers every phase is one of them and the weight cancels).
  /// Without phases every tick weighs 1.
  static std::vector<double> traffic_weights(const PhaseView* phases, std::uint32_t phase_count,
                                             TickIndex tick_count, double peak_weight);

  /// Plans to spend `budget` over ticks 0..weights.size()−1 in proportion to `weights` (≥ 0,
  /// not all 0). An infinite budget never closes the gate.
  SpendPacer(double budget, const std::vector<double>& weights);

  /// Planned spend of ticks 0..tick−1; the whole budget from the last tick on; 0 without a budget.
  double planned_before(TickIndex tick) const;
  /// Planned spend of tick `tick` alone (0 after the last tick).
  double allowance(TickIndex tick) const;
  /// Whether tick `tick` may discount: spend booked so far (ticks before it) runs ahead of the
  /// plan by less than the tick's allowance (so a zero budget never discounts). Spend is booked
  /// at tick barriers, so a tick's own spend is unknown while it runs and the gate closes one
  /// tick late: at any tick start, spend exceeds the plan by at most the spend of the last
  /// open tick (by induction: an open tick starts less than its allowance over the plan and
  /// adds its spend minus its allowance; a closed tick spends nothing and the plan moves on).
  bool open(TickIndex tick) const;
  /// Adds the spend of the tick that just ended.
  void book(double spend) { spent_ += spend; }
  double spent() const { return spent_; }

 private:
  std::vector<double> planned_;  // planned_[t]: cumulative plan of ticks < t, t in [0, ticks]
  bool unlimited_;
  double spent_ = 0.0;
};

}  // namespace promosim::plugins
