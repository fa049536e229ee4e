#pragma once
// Trains a SequenceGru by Adam (Kingma & Ba, 2015) on mini-batches of labelled sequences, in an
// order and with sums that do not depend on the thread count.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sequence_gru.hpp"

namespace promosim::plugins {

/// One labelled session: the shopper's sequence before it (steps[offset, offset + length) of
/// the example set's steps), the session's phase and segment, and whether it bought.
struct SequenceExample {
  std::uint64_t offset = 0;
  std::uint16_t length = 0;
  std::uint16_t phase = SequenceGru::kNoPhase;
  SegmentId segment = 0;
  bool label = false;
};

struct SequenceTrainingConfig {
  std::size_t epochs = 1;
  std::size_t batch_size = 1;
  double learning_rate = 0.0;   ///< Adam step size
  double l2 = 0.0;              ///< penalty (l2 / 2)·|θ|² on every block but the biases
};

class SequenceGruTrainer {
 public:
  /// Shuffles draw from RandomStream(random_key, purpose, round, epoch); `round` tells apart
  /// successive trainings of one model (0 for the fit, then one per refit).
  SequenceGruTrainer(std::uint64_t random_key, std::uint32_t purpose) : random_key_(random_key), purpose_(purpose) {}

  /// Runs `config.epochs` passes over `examples` in a fresh shuffled order each, one Adam step
  /// per mini-batch of the mean gradient. A batch is split into fixed chunks of examples whose
  /// gradients are computed in parallel and added in chunk order. Returns the mean log-loss of
  /// the last epoch (each example scored before its batch's step).
  double train(SequenceGru& gru, const std::vector<SequenceStep>& steps, const std::vector<SequenceExample>& examples,
               const SequenceTrainingConfig& config, std::uint32_t round) const;

  /// Mean log-loss of `examples` under the current parameters.
  static double mean_log_loss(const SequenceGru& gru, const std::vector<SequenceStep>& steps,
                              const std::vector<SequenceExample>& examples);

 private:
  std::uint64_t random_key_;
  std::uint32_t purpose_;
};

}  // namespace promosim::plugins
