#include "coupon_drops.hpp"

#include <algorithm>
#include <cmath>

#include "promosim/random_stream.hpp"

namespace promosim {

CouponDrops::CouponDrops(const std::vector<CouponDropConfig>& config, const Timeline& timeline, std::uint64_t key)
    : key_(key) {
  for (const CouponDropConfig& c : config) {
    Drop drop;
    drop.first_tick = timeline.tick_into_phase(c.phase, c.after_hours);
    drop.end_tick = std::min(timeline.tick_count(), drop.first_tick + timeline.ticks_covering(c.valid_hours));
    drop.share = c.share;
    drop.visit_lift = c.visit_lift;
    drop.coupon.threshold[0] = static_cast<float>(c.threshold);
    drop.coupon.value[0] = static_cast<float>(c.value);
    drops_.push_back(drop);
  }
}

bool CouponDrops::receives(ShopperId s, std::size_t drop) const {
  return RandomStream(key_, Purpose::kCouponDrop, s, static_cast<std::uint32_t>(drop)).uniform(0) < drops_[drop].share;
}

int CouponDrops::usable(ShopperId s, TickIndex t, std::uint8_t used) const {
  for (std::size_t d = 0; d < drops_.size(); ++d) {
    if (t >= drops_[d].first_tick && t < drops_[d].end_tick && (used & (1u << d)) == 0 && receives(s, d)) {
      return static_cast<int>(d);
    }
  }
  return -1;
}

TickIndex CouponDrops::lured_visit(ShopperId s, std::size_t drop, std::uint32_t ticks_per_day) const {
  const RandomStream stream(key_, Purpose::kCouponDrop, s, static_cast<std::uint32_t>(drop));
  if (stream.uniform(1) >= drops_[drop].visit_lift) return kNever;
  const auto delay = std::min(ticks_per_day - 1, static_cast<std::uint32_t>(stream.uniform(2) * ticks_per_day));
  return drops_[drop].first_tick + delay;
}

}  // namespace promosim
