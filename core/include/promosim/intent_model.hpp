#pragma once
#include "promosim/plugin.hpp"
#include "promosim/plugin_kind.hpp"
#include "promosim/session_batch.hpp"

namespace promosim {

/// Estimates how likely each session is to end in a purchase. The score is handed to the
/// pricing policy (so promotions can target hesitant shoppers) and recorded beside the
/// simulated outcome.
class IntentModel : public Plugin {
 public:
  static constexpr PluginKind kKind = PluginKind::kIntentModel;

  /// Writes one probability in [0, 1] per session into `intent` (caller-owned, batch.size
  /// entries). const and thread-safe.
  virtual void predict(const SessionBatch& batch, float* intent) const = 0;
};

}  // namespace promosim
