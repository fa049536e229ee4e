#pragma once
#include "promosim/plugin.hpp"
#include "promosim/plugin_kind.hpp"
#include "promosim/session_batch.hpp"

namespace promosim {

/// Chooses the slate of items each session is shown.
class Recommender : public Plugin {
 public:
  static constexpr PluginKind kKind = PluginKind::kRecommender;

  /// Fills `slates` (caller-owned, batch.size * slate_size entries, row-major: session i's
  /// slate is slates[i*slate_size .. (i+1)*slate_size)) with distinct item ids in
  /// [0, item_count), best first. Items whose launch_tick is after the current tick must
  /// not be shown; unused slots are kNoItem. const and thread-safe: called concurrently
  /// for different batches.
  virtual void recommend(const SessionBatch& batch, std::size_t slate_size,
                         ItemId* slates) const = 0;
};

}  // namespace promosim
