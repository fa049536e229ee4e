#include "event_weights.hpp"

namespace promosim::plugins {

EventWeights EventWeights::from(const ParameterSet& params) {
  return {static_cast<float>(params.real(kClickWeightParam.name)), static_cast<float>(params.real(kCartWeightParam.name)),
          static_cast<float>(params.real(kPurchaseWeightParam.name))};
}

void EventWeights::validate(std::string_view owner) const {
  for (const float w : {click, cart, purchase}) {
    if (!(w >= 0.0f)) {
      throw std::invalid_argument(std::string(owner) + " event weights must be >= 0, got " + std::to_string(w));
    }
  }
}

}  // namespace promosim::plugins
