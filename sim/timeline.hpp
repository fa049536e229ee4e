#pragma once
// The promotion calendar as ticks: which phase each tick is in, its traffic multiplier (phase
// traffic x hour-of-day profile x opening surge), where the next peak starts, and the
// cumulative visit intensity used to place shoppers' arrivals.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "promosim/types.hpp"
#include "scenario.hpp"

namespace promosim {

class Timeline {
 public:
  explicit Timeline(const TimelineConfig& config);

  TickIndex tick_count() const { return static_cast<TickIndex>(phase_of_tick_.size()); }
  std::uint32_t ticks_per_day() const { return ticks_per_day_; }
  double tick_days() const { return 1.0 / ticks_per_day_; }
  std::uint16_t phase(TickIndex t) const { return phase_of_tick_[t]; }
  /// Arrival-rate multiplier of tick t: the phase's traffic x the hour-of-day profile x the
  /// opening surge.
  double traffic(TickIndex t) const { return traffic_[t]; }
  /// First tick of the next peak phase after tick t, or kNever (also during a peak).
  TickIndex next_peak(TickIndex t) const { return next_peak_[t]; }
  bool in_peak(TickIndex t) const { return phases_[phase_of_tick_[t]].peak; }
  const PhaseConfig& phase_config(std::uint16_t phase) const { return phases_[phase]; }
  std::size_t phase_count() const { return phases_.size(); }
  TickIndex phase_first_tick(std::uint16_t phase) const { return phase_first_tick_[phase]; }
  TickIndex phase_tick_count(std::uint16_t phase) const { return phase_first_tick_[phase + 1] - phase_first_tick_[phase]; }

  /// The tick `hours` into `phase` (rounded down).
  TickIndex tick_into_phase(std::uint16_t phase, double hours) const {
    return phase_first_tick_[phase] + static_cast<TickIndex>(std::floor(hours * ticks_per_day_ / 24.0 + 1e-9));
  }
  /// Whole ticks covering `hours`, at least one.
  TickIndex ticks_covering(double hours) const {
    return std::max<TickIndex>(1, static_cast<TickIndex>(std::ceil(hours * ticks_per_day_ / 24.0 - 1e-9)));
  }
  /// Cumulative intensity at the start of tick t (t may equal tick_count()): the sum of traffic(t)
  /// times tick length in days over ticks before t. A shopper with visit rate r
  /// makes on average r * (intensity(b) - intensity(a)) visits in ticks [a, b).
  double intensity(TickIndex t) const { return cumulative_[t]; }

  /// The first tick t whose end reaches `target` intensity (intensity(t + 1) >= target), or
  /// kNever if the timeline ends first.
  TickIndex first_tick_reaching(double target) const;

 private:
  std::uint32_t ticks_per_day_;
  std::vector<PhaseConfig> phases_;
  std::vector<std::uint16_t> phase_of_tick_;
  std::vector<TickIndex> phase_first_tick_;
  std::vector<double> traffic_;
  std::vector<double> cumulative_;
  std::vector<TickIndex> next_peak_;
};

}  // namespace promosim
