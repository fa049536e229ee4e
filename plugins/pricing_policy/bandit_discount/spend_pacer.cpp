#include "spend_pacer.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace promosim::plugins {

std::vector<double> SpendPacer::traffic_weights(const PhaseView* phases, std::uint32_t phase_count,
                                                TickIndex tick_count, double peak_weight) {
  std::vector<double> weights(tick_count, 1.0);
  if (phases == nullptr || phase_count == 0) return weights;
  double busiest = phases[0].traffic;
  for (std::uint32_t p = 1; p < phase_count; ++p) busiest = std::max(busiest, phases[p].traffic);
  for (std::uint32_t p = 0; p < phase_count; ++p) {
    const double weight = phases[p].traffic * (phases[p].traffic == busiest ? peak_weight : 1.0);
    const TickIndex end = std::min<TickIndex>(tick_count, phases[p].first_tick + phases[p].tick_count);
    for (TickIndex t = std::min(phases[p].first_tick, tick_count); t < end; ++t) weights[t] = weight;
  }
  return weights;
}

SpendPacer::SpendPacer(double budget, const std::vector<double>& weights)
    : planned_(weights.size() + 1, 0.0), unlimited_(!std::isfinite(budget)) {
  if (!(budget >= 0.0)) throw std::invalid_argument("pacing needs a budget >= 0, got " + std::to_string(budget));
  double total = 0.0;
  for (const double w : weights) {
    if (!(w >= 0.0 && std::isfinite(w))) {
      throw std::invalid_argument("pacing weight " + std::to_string(w) + " is not >= 0");
    }
    total += w;
  }
  if (unlimited_) return;
  if (!(total > 0.0)) throw std::invalid_argument("pacing needs a positive total weight");
  double cumulative = 0.0;
  for (std::size_t t = 0; t < weights.size(); ++t) {
    cumulative += weights[t];
    planned_[t + 1] = budget * (cumulative / total);
  }
  planned_.back() = budget;  // exactly the budget, whatever the rounding of the running sum
}

double SpendPacer::planned_before(TickIndex tick) const {
  return planned_[std::min<std::size_t>(tick, planned_.size() - 1)];
}

double SpendPacer::allowance(TickIndex tick) const {
  if (tick + std::size_t{1} >= planned_.size()) return 0.0;
  return planned_[tick + 1] - planned_[tick];
}

bool SpendPacer::open(TickIndex tick) const {
  return unlimited_ || spent_ - planned_before(tick) < allowance(tick);
}

}  // namespace promosim::plugins
