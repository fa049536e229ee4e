#include "timeline.hpp"

#include <algorithm>
#include <cmath>

namespace promosim {

Timeline::Timeline(const TimelineConfig& config)
    : ticks_per_day_(1440 / config.tick_minutes), phases_(config.phases) {
  cumulative_.push_back(0.0);
  for (std::size_t p = 0; p < phases_.size(); ++p) {
    phase_first_tick_.push_back(tick_count());
    // The validator guarantees days * ticks_per_day is whole; round away float noise.
    const auto ticks = static_cast<TickIndex>(std::llround(phases_[p].days * ticks_per_day_));
    for (TickIndex i = 0; i < ticks; ++i) {
      phase_of_tick_.push_back(static_cast<std::uint16_t>(p));
      cumulative_.push_back(cumulative_.back() + phases_[p].traffic / ticks_per_day_);
    }
  }
  phase_first_tick_.push_back(tick_count());
}

TickIndex Timeline::first_tick_reaching(double target) const {
  // cumulative_[t + 1] is the intensity at the end of tick t.
  const auto it = std::lower_bound(cumulative_.begin() + 1, cumulative_.end(), target);
  if (it == cumulative_.end()) return kNever;
  return static_cast<TickIndex>(it - cumulative_.begin() - 1);
}

}  // namespace promosim
