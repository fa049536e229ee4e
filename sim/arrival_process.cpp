#include "arrival_process.hpp"

#include <cmath>

#include "promosim/random_stream.hpp"

namespace promosim {
namespace {
// Draw addresses: history gaps by gap number under kHistoryGaps; the first timeline arrival
// under kFirstArrival; later ones under the tick of the visit before them.
constexpr TickIndex kHistoryGaps = kNever - 1;
constexpr TickIndex kFirstArrival = kNever;
}  // namespace

double ArrivalProcess::exponential(ShopperId s, TickIndex address, std::uint32_t index) const {
  return -std::log(RandomStream(key_, Purpose::kArrival, s, address).uniform(index));
}

TickIndex ArrivalProcess::first(ShopperId s, double rate, TickIndex from) const {
  return timeline_.first_tick_reaching(timeline_.intensity(from) + exponential(s, kFirstArrival, 0) / rate);
}

TickIndex ArrivalProcess::after(ShopperId s, TickIndex tick, double rate) const {
  return timeline_.first_tick_reaching(timeline_.intensity(tick + 1) + exponential(s, tick, 0) / rate);
}

double ArrivalProcess::history_gap(ShopperId s, std::uint32_t gap, double rate) const {
  return exponential(s, kHistoryGaps, gap) / rate;
}

}  // namespace promosim
