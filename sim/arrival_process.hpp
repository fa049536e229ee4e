#pragma once
// When shoppers visit: an inhomogeneous Poisson process per shopper, with rate = the
// shopper's visit rate x the tick's traffic multiplier. Each gap is an exponential draw
// addressed by the visit that precedes it, so arrivals are the same in every arm.
#include <cstdint>

#include "promosim/types.hpp"
#include "timeline.hpp"

namespace promosim {

class ArrivalProcess {
 public:
  ArrivalProcess(const Timeline& timeline, std::uint64_t key) : timeline_(timeline), key_(key) {}

  /// Tick of the shopper's first visit in the timeline, from tick `from` on (when they join),
  /// or kNever.
  TickIndex first(ShopperId s, double rate, TickIndex from = 0) const;
  /// Tick of the shopper's next visit after one at `tick`, or kNever.
  TickIndex after(ShopperId s, TickIndex tick, double rate) const;
  /// Length in days of the shopper's gap number `gap` in the organic history (traffic 1).
  double history_gap(ShopperId s, std::uint32_t gap, double rate) const;

 private:
  double exponential(ShopperId s, TickIndex address, std::uint32_t index) const;
  const Timeline& timeline_;
  std::uint64_t key_;
};

}  // namespace promosim
