#pragma once
#include "promosim/types.hpp"

namespace promosim {

/// One phase of the scenario's timeline, as plugins see it (e.g. to pace a budget by phase).
struct PhaseView {
  const char* name = "";
  TickIndex first_tick = 0;  ///< first tick of the phase
  TickIndex tick_count = 0;  ///< ticks in the phase
  double traffic = 1.0;      ///< the phase's arrival-rate multiplier
};

}  // namespace promosim
