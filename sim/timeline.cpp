#include "timeline.hpp"

#include <algorithm>
#include <cmath>

namespace promosim {

namespace {

/// Mean of the hourly profile over the minutes [start, start + length) of the day (wrapping),
/// relative to the profile's mean, so a whole day averages 1.
double hourly_factor(const std::vector<double>& hourly, std::uint32_t start, std::uint32_t length) {
  if (hourly.empty()) return 1.0;
  double day = 0.0;
  for (const double h : hourly) day += h;
  const double mean = day / static_cast<double>(hourly.size());
  double sum = 0.0;
  for (std::uint32_t m = 0; m < length; ++m) sum += hourly[((start + m) / 60) % 24];
  return sum / length / mean;
}

}  // namespace

Timeline::Timeline(const TimelineConfig& config)
    : ticks_per_day_(1440 / config.tick_minutes), phases_(config.phases) {
  const std::uint32_t tick_minutes = config.tick_minutes;
  cumulative_.push_back(0.0);
  for (std::size_t p = 0; p < phases_.size(); ++p) {
    phase_first_tick_.push_back(tick_count());
    // The validator guarantees days * ticks_per_day is whole; round away float noise.
    const auto ticks = static_cast<TickIndex>(std::llround(phases_[p].days * ticks_per_day_));
    const auto surge_ticks = std::max<TickIndex>(1, static_cast<TickIndex>(std::llround(phases_[p].surge_hours * 60 / tick_minutes)));
    for (TickIndex i = 0; i < ticks; ++i) {
      const std::uint32_t minute_of_day = (config.start_hour * 60 + tick_count() * tick_minutes) % 1440;
      double traffic = phases_[p].traffic * hourly_factor(config.hourly_traffic, minute_of_day, tick_minutes);
      if (i < surge_ticks) traffic *= phases_[p].opening_surge;
      phase_of_tick_.push_back(static_cast<std::uint16_t>(p));
      traffic_.push_back(traffic);
      cumulative_.push_back(cumulative_.back() + traffic / ticks_per_day_);
    }
  }
  phase_first_tick_.push_back(tick_count());
  // Walking back from the end, remember where the next peak phase starts.
  next_peak_.assign(tick_count(), kNever);
  TickIndex next = kNever;
  for (TickIndex t = tick_count(); t-- > 0;) {
    const std::uint16_t p = phase_of_tick_[t];
    if (phases_[p].peak && phase_first_tick_[p] == t) next = t;
    next_peak_[t] = phases_[p].peak ? kNever : next;
  }
}

TickIndex Timeline::first_tick_reaching(double target) const {
  // cumulative_[t + 1] is the intensity at the end of tick t.
  const auto it = std::lower_bound(cumulative_.begin() + 1, cumulative_.end(), target);
  if (it == cumulative_.end()) return kNever;
  return static_cast<TickIndex>(it - cumulative_.begin() - 1);
}

}  // namespace promosim
