// The "no intent model" choice: an uninformative constant, so intent-gated pricing treats all
// shoppers alike and an arm without an intent model still hands the pricing policy a score.
#include <algorithm>

#include "promosim/sdk.hpp"

namespace promosim {
namespace {

/// The score every session gets: the midpoint, which favours neither side of a threshold
/// a pricing policy might compare it with.
constexpr float kUninformative = 0.5f;

class NoIntent final : public IntentModel {
 public:
  explicit NoIntent(const CreateContext& /*context*/) {}

  void predict(const SessionBatch& batch, float* intent) const override {
    std::fill(intent, intent + batch.size, kUninformative);
  }
};

}  // namespace
}  // namespace promosim

PROMOSIM_PLUGIN_LIBRARY(promosim::describe<promosim::NoIntent>(
    {"none", "1.0.0", "uninformative: intent 0.5 for every session, so intent-gated pricing treats all shoppers alike"},
    0))
