#pragma once
// A single-layer GRU (Cho et al., 2014) over a shopper's event sequence, with a logistic output
// layer that adds the session's phase and segment: P(purchase) = σ(v·h_T + φ[phase] + ψ[segment] + c).
// Hand-written forward pass and backpropagation through time, on one flat parameter vector so
// an optimiser can treat every block alike.
#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "promosim/sdk.hpp"
#include "shopper_sequences.hpp"

namespace promosim::plugins {

class SequenceGru {
 public:
  struct Shape {
    std::size_t hidden = 1;      ///< H, size of the hidden state
    std::size_t categories = 1;  ///< catalog categories (one-hot inputs)
    std::size_t phases = 0;      ///< timeline phases (output-layer offsets)
    std::size_t segments = 1;    ///< shopper segments (output-layer offsets)
  };

  /// A phase with no output offset: the history, or a phase outside the timeline.
  static constexpr std::uint16_t kNoPhase = 0xFFFF;

  /// A named slice of the parameter vector. Biases are not penalised by L2.
  struct Block {
    const char* name;
    std::size_t offset;
    std::size_t size;
    bool bias;
  };

  /// Scratch memory of one forward and backward pass; give each thread its own.
  struct Workspace {
    Eigen::MatrixXd state;   ///< H × (T+1): h_0 = 0, h_1, ..., h_T
    Eigen::MatrixXd update;  ///< H × T: update gates z_t
    Eigen::MatrixXd reset;   ///< H × T: reset gates r_t
    Eigen::MatrixXd candidate;  ///< H × T: candidate states n_t
    Eigen::VectorXd pre, reset_state, d_state, d_pre, d_previous, d_reset_state;
  };

  /// Input weights, recurrent weights and output weights start uniform in ±1/√H, drawn from
  /// RandomStream(random_key, purpose, block, 0); the input weights of the gap and its "dated"
  /// flag start at 0, so a model that never saw dated events ignores them. Biases start at 0.
  SequenceGru(const Shape& shape, std::uint64_t random_key, std::uint32_t purpose);

  const Shape& shape() const { return shape_; }
  /// Input width D: event types, categories, price bands, gap, dated flag.
  std::size_t input_size() const { return input_size_; }
  std::size_t parameter_count() const { return static_cast<std::size_t>(parameters_.size()); }
  Eigen::VectorXd& parameters() { return parameters_; }
  const Eigen::VectorXd& parameters() const { return parameters_; }
  /// Input weights W (3H × D: update, reset, candidate rows), recurrent U (3H × H), gate biases
  /// b (3H), output weights v (H), phase offsets φ, segment offsets ψ, output bias c.
  const std::vector<Block>& blocks() const { return blocks_; }

  /// The hidden state after `count` steps from h_0 = 0, into h (H values).
  void final_state(const SequenceStep* steps, std::size_t count, Workspace& work, Eigen::Ref<Eigen::VectorXd> h) const;

  /// The output logit for hidden state h (H values, float or double).
  template <class Scalar>
  double output_logit(const Scalar* h, std::uint16_t phase, SegmentId segment) const {
    const double* p = parameters_.data();
    double z = p[bias_offset_];
    for (std::size_t j = 0; j < shape_.hidden; ++j) z += p[output_offset_ + j] * static_cast<double>(h[j]);
    if (phase < shape_.phases) z += p[phase_offset_ + phase];
    if (segment < shape_.segments) z += p[segment_offset_ + segment];
    return z;
  }

  /// Log-loss of one example (sequence, phase, segment, label); adds its gradient with respect
  /// to every parameter to `gradient` (parameter_count() values) by backpropagation through time.
  double accumulate_gradient(const SequenceStep* steps, std::size_t count, std::uint16_t phase, SegmentId segment,
                             bool label, Workspace& work, Eigen::Ref<Eigen::VectorXd> gradient) const;

  /// One SGD step of the output layer only (v, φ, ψ, c) for hidden state h: cached states stay
  /// valid. Returns the probability before the step.
  double output_step(const float* h, std::uint16_t phase, SegmentId segment, bool label, double rate, double l2);

  static double sigmoid(double z);

 private:
  /// Runs the sequence, keeping every gate for the backward pass.
  void forward(const SequenceStep* steps, std::size_t count, Workspace& work) const;
  std::size_t category_column(const SequenceStep& s) const { return kEventTypes + s.category; }
  std::size_t band_column(const SequenceStep& s) const { return kEventTypes + shape_.categories + s.band; }
  std::size_t gap_column() const { return kEventTypes + shape_.categories + kPriceBands; }
  std::size_t dated_column() const { return gap_column() + 1; }

  Shape shape_;
  std::size_t input_size_;
  std::size_t input_offset_, recurrent_offset_, gate_bias_offset_, output_offset_, phase_offset_, segment_offset_,
      bias_offset_;
  std::vector<Block> blocks_;
  Eigen::VectorXd parameters_;
};

}  // namespace promosim::plugins
