#pragma once
// The part every plugin kind shares: construction context and the two learning hooks.
#include <cstdint>

#include "promosim/catalog_view.hpp"
#include "promosim/parameter_set.hpp"
#include "promosim/phase_view.hpp"
#include "promosim/session_batch.hpp"
#include "promosim/types.hpp"

namespace promosim {

/// Handed to a plugin's constructor. Pointers are owned by the engine and outlive the
/// plugin instance.
struct CreateContext {
  const ParameterSet* params = nullptr;  ///< validated against the descriptor's ParamSpecs
  const CatalogView* catalog = nullptr;
  std::uint32_t shopper_count = 0;       ///< shopper ids are in [0, shopper_count)
  std::uint32_t segment_count = 0;
  std::uint32_t slate_size = 0;          ///< items per recommendation slate
  TickIndex tick_count = 0;
  std::uint32_t ticks_per_day = 24;
  std::uint64_t random_key = 0;          ///< same in every arm of a replicate
  const PhaseView* phases = nullptr;     ///< the timeline's phases in order, phase_count entries
  std::uint32_t phase_count = 0;
  double discount_budget = 0.0;          ///< the arm's discount budget, currency; +inf if unlimited
};

/// Handed to fit() and observe(). `sessions` lists every session of the period (the history
/// for fit, the tick just finished for observe) in shard order, with its outcome; memory is
/// owned by the engine and valid only during the call. `emit` records a value of one of the
/// metrics the descriptor declares (index into PluginDescriptor::metrics) for this tick.
struct LearnContext {
  const CatalogView* catalog = nullptr;
  TickIndex tick = 0;        ///< tick just finished (0 for fit)
  std::uint16_t phase = 0;
  std::uint32_t ticks_per_day = 24;
  const SessionOutcome* sessions = nullptr;
  std::size_t session_count = 0;
  void (*emit_fn)(void* sink, std::uint32_t metric, double value) = nullptr;
  void* sink = nullptr;
  void emit(std::uint32_t metric, double value) const {
    if (emit_fn != nullptr) emit_fn(sink, metric, value);
  }
};

/// Base of every plugin kind. Learning is single-threaded and happens in a fixed order
/// (recommender, intent model, pricing policy) at tick barriers; decision methods of the
/// kinds are const and called from many threads at once between barriers.
class Plugin {
 public:
  virtual ~Plugin() = default;

  /// Learns from the organic history before the timeline starts. Called once, before any
  /// decision call, only if the descriptor has kLearnsFromHistory. Events are ordered by
  /// tick, then shopper.
  virtual void fit(const LearnContext& /*context*/, EventSpan /*history*/) {}

  /// Learns from the events of the tick that just ended (clicks, carts, purchases of all
  /// shards, merged in shard order). Called only if the descriptor has kLearnsOnline.
  virtual void observe(const LearnContext& /*context*/, EventSpan /*events*/) {}
};

}  // namespace promosim
