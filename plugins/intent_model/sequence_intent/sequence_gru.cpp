#include "sequence_gru.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace promosim::plugins {

SequenceGru::SequenceGru(const Shape& shape, std::uint64_t random_key, std::uint32_t purpose)
    : shape_(shape), input_size_(kEventTypes + shape.categories + kPriceBands + 2) {
  if (shape.hidden == 0) throw std::invalid_argument("GRU hidden size must be positive");
  const std::size_t h = shape.hidden;
  std::size_t offset = 0;
  const auto add = [&](const char* name, std::size_t size, bool bias) {
    blocks_.push_back({name, offset, size, bias});
    offset += size;
    return offset - size;
  };
  input_offset_ = add("input_weights", 3 * h * input_size_, false);
  recurrent_offset_ = add("recurrent_weights", 3 * h * h, false);
  gate_bias_offset_ = add("gate_biases", 3 * h, true);
  output_offset_ = add("output_weights", h, false);
  phase_offset_ = add("phase_offsets", shape.phases, false);
  segment_offset_ = add("segment_offsets", shape.segments, false);
  bias_offset_ = add("output_bias", 1, true);
  parameters_ = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(offset));

  const double bound = 1.0 / std::sqrt(static_cast<double>(h));
  const auto draw = [&](std::size_t block, std::size_t first, std::size_t count) {
    const RandomStream stream(random_key, purpose, static_cast<std::uint32_t>(block), 0);
    for (std::size_t k = 0; k < count; ++k) {
      parameters_[static_cast<Eigen::Index>(first + k)] = bound * (2.0 * stream.uniform(static_cast<std::uint32_t>(k)) - 1.0);
    }
  };
  // The gap and dated columns (the last two of W, column-major) stay 0.
  draw(0, input_offset_, 3 * h * gap_column());
  draw(1, recurrent_offset_, 3 * h * h);
  draw(3, output_offset_, h);
}

double SequenceGru::sigmoid(double z) {
  if (z >= 0.0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

void SequenceGru::forward(const SequenceStep* steps, std::size_t count, Workspace& work) const {
  const auto h = static_cast<Eigen::Index>(shape_.hidden);
  const auto t_count = static_cast<Eigen::Index>(count);
  const Eigen::Map<const Eigen::MatrixXd> w(parameters_.data() + input_offset_, 3 * h,
                                            static_cast<Eigen::Index>(input_size_));
  const Eigen::Map<const Eigen::MatrixXd> u(parameters_.data() + recurrent_offset_, 3 * h, h);
  const Eigen::Map<const Eigen::VectorXd> b(parameters_.data() + gate_bias_offset_, 3 * h);
  if (work.state.rows() != h || work.state.cols() < t_count + 1) {
    const Eigen::Index cols = std::max<Eigen::Index>(t_count, 1);
    work.state.resize(h, cols + 1);
    work.update.resize(h, cols);
    work.reset.resize(h, cols);
    work.candidate.resize(h, cols);
    work.pre.resize(3 * h);
    work.reset_state.resize(h);
  }
  work.state.col(0).setZero();
  for (Eigen::Index t = 0; t < t_count; ++t) {
    const SequenceStep& s = steps[t];
    if (s.category >= shape_.categories || s.type >= kEventTypes || s.band >= kPriceBands) {
      throw std::out_of_range("sequence step " + std::to_string(t) + " (category " + std::to_string(s.category) +
                              ", type " + std::to_string(s.type) + ", band " + std::to_string(s.band) +
                              ") is outside the GRU's inputs");
    }
    // One-hot inputs select columns of W; the gap and dated flag scale theirs.
    work.pre = b + w.col(s.type) + w.col(static_cast<Eigen::Index>(category_column(s))) +
               w.col(static_cast<Eigen::Index>(band_column(s)));
    if (s.dated != 0) {
      work.pre += w.col(static_cast<Eigen::Index>(dated_column())) +
                  static_cast<double>(s.gap) * w.col(static_cast<Eigen::Index>(gap_column()));
    }
    const auto previous = work.state.col(t);
    work.pre.head(2 * h).noalias() += u.topRows(2 * h) * previous;
    work.update.col(t) = work.pre.head(h).unaryExpr([](double x) { return sigmoid(x); });
    work.reset.col(t) = work.pre.segment(h, h).unaryExpr([](double x) { return sigmoid(x); });
    work.reset_state = work.reset.col(t).cwiseProduct(previous);
    work.pre.tail(h).noalias() += u.bottomRows(h) * work.reset_state;
    work.candidate.col(t) = work.pre.tail(h).array().tanh();
    // Cho et al.: h_t = z ⊙ h_{t-1} + (1 − z) ⊙ n_t.
    work.state.col(t + 1) = work.update.col(t).cwiseProduct(previous) +
                            (1.0 - work.update.col(t).array()).matrix().cwiseProduct(work.candidate.col(t));
  }
}

void SequenceGru::final_state(const SequenceStep* steps, std::size_t count, Workspace& work,
                              Eigen::Ref<Eigen::VectorXd> h) const {
  forward(steps, count, work);
  h = work.state.col(static_cast<Eigen::Index>(count));
}

double SequenceGru::accumulate_gradient(const SequenceStep* steps, std::size_t count, std::uint16_t phase,
                                        SegmentId segment, bool label, Workspace& work,
                                        Eigen::Ref<Eigen::VectorXd> gradient) const {
  forward(steps, count, work);
  const auto h = static_cast<Eigen::Index>(shape_.hidden);
  const auto last = work.state.col(static_cast<Eigen::Index>(count));
  const double p = sigmoid(output_logit(last.data(), phase, segment));
  constexpr double kEdge = 1e-12;
  const double loss = label ? -std::log(std::max(p, kEdge)) : -std::log(std::max(1.0 - p, kEdge));

  // Output layer: d loss / d logit = p − y.
  const double d_logit = p - (label ? 1.0 : 0.0);
  gradient[static_cast<Eigen::Index>(bias_offset_)] += d_logit;
  if (phase < shape_.phases) gradient[static_cast<Eigen::Index>(phase_offset_ + phase)] += d_logit;
  if (segment < shape_.segments) gradient[static_cast<Eigen::Index>(segment_offset_ + segment)] += d_logit;
  gradient.segment(static_cast<Eigen::Index>(output_offset_), h) += d_logit * last;

  const Eigen::Map<const Eigen::MatrixXd> u(parameters_.data() + recurrent_offset_, 3 * h, h);
  const Eigen::Map<const Eigen::VectorXd> v(parameters_.data() + output_offset_, h);
  Eigen::Map<Eigen::MatrixXd> d_w(gradient.data() + input_offset_, 3 * h, static_cast<Eigen::Index>(input_size_));
  Eigen::Map<Eigen::MatrixXd> d_u(gradient.data() + recurrent_offset_, 3 * h, h);
  Eigen::Map<Eigen::VectorXd> d_b(gradient.data() + gate_bias_offset_, 3 * h);
  work.d_state = d_logit * v;
  work.d_pre.resize(3 * h);
  for (auto t = static_cast<Eigen::Index>(count) - 1; t >= 0; --t) {
    const auto previous = work.state.col(t);
    const auto z = work.update.col(t);
    const auto r = work.reset.col(t);
    const auto n = work.candidate.col(t);
    // h_t = z ⊙ h_{t-1} + (1 − z) ⊙ n: through z, through n, and directly to h_{t-1}.
    work.d_pre.head(h) = work.d_state.cwiseProduct(previous - n).cwiseProduct(z.cwiseProduct((1.0 - z.array()).matrix()));
    work.d_pre.tail(h) = work.d_state.cwiseProduct((1.0 - z.array()).matrix())
                             .cwiseProduct((1.0 - n.array().square()).matrix());
    work.d_previous = work.d_state.cwiseProduct(z);
    // n = tanh(a_n + U_n (r ⊙ h_{t-1})).
    work.reset_state = r.cwiseProduct(previous);
    d_u.bottomRows(h).noalias() += work.d_pre.tail(h) * work.reset_state.transpose();
    work.d_reset_state.noalias() = u.bottomRows(h).transpose() * work.d_pre.tail(h);
    work.d_previous += work.d_reset_state.cwiseProduct(r);
    work.d_pre.segment(h, h) = work.d_reset_state.cwiseProduct(previous).cwiseProduct(r.cwiseProduct((1.0 - r.array()).matrix()));
    // z and r = σ(a + U h_{t-1}).
    d_u.topRows(2 * h).noalias() += work.d_pre.head(2 * h) * previous.transpose();
    work.d_previous.noalias() += u.topRows(2 * h).transpose() * work.d_pre.head(2 * h);
    d_b += work.d_pre;
    const SequenceStep& s = steps[t];
    d_w.col(s.type) += work.d_pre;
    d_w.col(static_cast<Eigen::Index>(category_column(s))) += work.d_pre;
    d_w.col(static_cast<Eigen::Index>(band_column(s))) += work.d_pre;
    if (s.dated != 0) {
      d_w.col(static_cast<Eigen::Index>(dated_column())) += work.d_pre;
      d_w.col(static_cast<Eigen::Index>(gap_column())) += static_cast<double>(s.gap) * work.d_pre;
    }
    work.d_state = work.d_previous;
  }
  return loss;
}

double SequenceGru::output_step(const float* h, std::uint16_t phase, SegmentId segment, bool label, double rate,
                                double l2) {
  const double p = sigmoid(output_logit(h, phase, segment));
  const double error = p - (label ? 1.0 : 0.0);
  double* w = parameters_.data();
  for (std::size_t j = 0; j < shape_.hidden; ++j) {
    w[output_offset_ + j] -= rate * (error * static_cast<double>(h[j]) + l2 * w[output_offset_ + j]);
  }
  if (phase < shape_.phases) w[phase_offset_ + phase] -= rate * (error + l2 * w[phase_offset_ + phase]);
  if (segment < shape_.segments) w[segment_offset_ + segment] -= rate * (error + l2 * w[segment_offset_ + segment]);
  w[bias_offset_] -= rate * error;
  return p;
}

}  // namespace promosim::plugins
