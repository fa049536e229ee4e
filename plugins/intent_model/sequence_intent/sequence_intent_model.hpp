#pragma once
// Sequence intent: a GRU reads each shopper's last events (type, category, price band, time
// gap) and a logistic output layer turns its final state, the phase and the segment into the
// probability that the session buys. The final state of every shopper is cached at barriers,
// so predicting a session costs one output layer.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "intent_tick_summary.hpp"
#include "promosim/sdk.hpp"
#include "sequence_gru.hpp"
#include "sequence_gru_trainer.hpp"
#include "shopper_sequences.hpp"

namespace promosim::plugins {

struct SequenceIntentConfig {
  std::size_t sequence_length = 1;     ///< events kept per shopper
  std::size_t hidden_size = 1;         ///< GRU state size
  SequenceTrainingConfig fit;          ///< training on the history
  double online_learning_rate = 0.0;   ///< output-layer SGD step per session in observe; 0 = frozen
  std::uint32_t refit_every_ticks = 0; ///< retrain the whole network this often; 0 = never
  std::size_t refit_sessions = 1;      ///< sessions sampled for each retraining
  std::size_t refit_epochs = 1;        ///< passes over the sample per retraining
};

class SequenceIntentModel {
 public:
  /// Purposes of the model's random streams, offsets from kPluginPurposeBase.
  static constexpr std::uint32_t kInitPurpose = 1;
  static constexpr std::uint32_t kShufflePurpose = 2;
  static constexpr std::uint32_t kSamplePurpose = 3;

  SequenceIntentModel(const CatalogView& catalog, std::uint32_t shopper_count, std::uint32_t segment_count,
                      std::uint32_t phase_count, std::uint32_t ticks_per_day, std::uint64_t random_key,
                      const SequenceIntentConfig& config);

  /// Learns from the history: replays its sessions in order, each labelled by whether it bought
  /// and paired with the shopper's sequence before it, trains the GRU on them and caches every
  /// shopper's state. History events must come shopper by shopper, visit by visit, each
  /// session's clicks + carts + purchases events in a row (std::invalid_argument if not); they
  /// are undated, so their gaps are unknown. Returns the mean log-loss of the last epoch.
  double fit_history(const SessionOutcome* sessions, std::size_t session_count, EventSpan events);

  /// Learns from a finished tick: scores each session from the cached state (for the summary),
  /// takes an output-layer SGD step, samples it for the next retraining; then appends the tick's
  /// events, re-runs the GRU for the shoppers they touched and, when due, retrains the network
  /// on the sample and re-runs it for everyone.
  IntentTickSummary learn_tick(TickIndex tick, std::uint16_t phase, const SessionOutcome* sessions,
                               std::size_t session_count, EventSpan events);

  /// Writes each session's purchase probability. const and thread-safe.
  void predict(const SessionBatch& batch, float* intent) const;
  /// The probability for one session in `phase` (SequenceGru::kNoPhase for none).
  double probability(const SessionView& view, std::uint16_t phase) const;

  /// The cached final GRU state of `shopper` (hidden_size floats).
  const float* hidden_state(ShopperId shopper) const;
  std::size_t refits() const { return refits_; }

 private:
  void check_session(const SessionView& view) const;
  void refresh(const std::vector<ShopperId>& shoppers);
  void refresh_all();
  void sample(const SessionView& view, TickIndex tick, std::uint16_t phase, bool label);
  void refit();

  std::uint32_t segment_count_;
  std::uint64_t random_key_;
  SequenceIntentConfig config_;
  ShopperSequences sequences_;
  SequenceGru gru_;
  SequenceGruTrainer trainer_;
  std::vector<float> states_;  // shopper × hidden_size
  // Bottom-k sample of the sessions since the last retraining, by a hash of (shopper, tick):
  // a max-heap of (hash, slot) and each slot's example and steps.
  std::vector<std::pair<double, std::size_t>> sample_heap_;
  std::vector<SequenceExample> sample_examples_;
  std::vector<SequenceStep> sample_steps_;
  std::size_t refits_ = 0;
};

}  // namespace promosim::plugins
