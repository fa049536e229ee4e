#include "sequence_gru_trainer.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <tbb/parallel_for.h>

namespace promosim::plugins {
namespace {

/// Examples per gradient chunk: the unit of parallel work and of the fixed summation order.
constexpr std::size_t kChunk = 16;

// Adam's usual constants (Kingma & Ba 2015).
constexpr double kBeta1 = 0.9;
constexpr double kBeta2 = 0.999;
constexpr double kEpsilon = 1e-8;

}  // namespace

double SequenceGruTrainer::train(SequenceGru& gru, const std::vector<SequenceStep>& steps,
                                 const std::vector<SequenceExample>& examples, const SequenceTrainingConfig& config,
                                 std::uint32_t round) const {
  if (examples.empty() || config.epochs == 0) return 0.0;
  if (config.batch_size == 0) throw std::invalid_argument("GRU training batch size must be positive");
  for (const SequenceExample& e : examples) {
    if (e.offset + e.length > steps.size()) throw std::out_of_range("GRU training example runs past its steps");
  }
  const auto n_params = static_cast<Eigen::Index>(gru.parameter_count());
  Eigen::VectorXd penalty = Eigen::VectorXd::Constant(n_params, config.l2);
  for (const SequenceGru::Block& block : gru.blocks()) {
    if (block.bias) penalty.segment(static_cast<Eigen::Index>(block.offset), static_cast<Eigen::Index>(block.size)).setZero();
  }
  Eigen::VectorXd first_moment = Eigen::VectorXd::Zero(n_params);
  Eigen::VectorXd second_moment = Eigen::VectorXd::Zero(n_params);
  const std::size_t chunks_per_batch = (config.batch_size + kChunk - 1) / kChunk;
  std::vector<Eigen::VectorXd> chunk_gradient(chunks_per_batch, Eigen::VectorXd::Zero(n_params));
  std::vector<double> chunk_loss(chunks_per_batch);
  std::vector<SequenceGru::Workspace> workspaces(chunks_per_batch);
  Eigen::VectorXd gradient(n_params);
  std::vector<std::size_t> order(examples.size());
  std::uint64_t adam_step = 0;
  double epoch_loss = 0.0;

  for (std::size_t epoch = 0; epoch < config.epochs; ++epoch) {
    // Fisher–Yates with draws addressed by (round, epoch, position): the same order every run.
    std::iota(order.begin(), order.end(), std::size_t{0});
    const RandomStream shuffle(random_key_, purpose_, round, static_cast<std::uint32_t>(epoch));
    for (std::size_t i = order.size() - 1; i > 0; --i) {
      const auto j = static_cast<std::size_t>(shuffle.uniform(static_cast<std::uint32_t>(i)) * static_cast<double>(i + 1));
      std::swap(order[i], order[std::min(j, i)]);
    }
    epoch_loss = 0.0;
    for (std::size_t begin = 0; begin < order.size(); begin += config.batch_size) {
      const std::size_t end = std::min(order.size(), begin + config.batch_size);
      const std::size_t chunks = (end - begin + kChunk - 1) / kChunk;
      tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
        chunk_gradient[c].setZero();
        chunk_loss[c] = 0.0;
        for (std::size_t k = begin + c * kChunk; k < std::min(end, begin + (c + 1) * kChunk); ++k) {
          const SequenceExample& e = examples[order[k]];
          chunk_loss[c] += gru.accumulate_gradient(steps.data() + e.offset, e.length, e.phase, e.segment, e.label,
                                                   workspaces[c], chunk_gradient[c]);
        }
      });
      gradient.setZero();
      for (std::size_t c = 0; c < chunks; ++c) {
        gradient += chunk_gradient[c];
        epoch_loss += chunk_loss[c];
      }
      gradient /= static_cast<double>(end - begin);
      Eigen::VectorXd& theta = gru.parameters();
      gradient += penalty.cwiseProduct(theta);
      ++adam_step;
      first_moment = kBeta1 * first_moment + (1.0 - kBeta1) * gradient;
      second_moment = kBeta2 * second_moment + (1.0 - kBeta2) * gradient.cwiseAbs2();
      const double step = config.learning_rate * std::sqrt(1.0 - std::pow(kBeta2, static_cast<double>(adam_step))) /
                          (1.0 - std::pow(kBeta1, static_cast<double>(adam_step)));
      theta.array() -= step * first_moment.array() / (second_moment.array().sqrt() + kEpsilon);
    }
  }
  return epoch_loss / static_cast<double>(examples.size());
}

double SequenceGruTrainer::mean_log_loss(const SequenceGru& gru, const std::vector<SequenceStep>& steps,
                                         const std::vector<SequenceExample>& examples) {
  if (examples.empty()) return 0.0;
  SequenceGru::Workspace work;
  Eigen::VectorXd h(static_cast<Eigen::Index>(gru.shape().hidden));
  double total = 0.0;
  for (const SequenceExample& e : examples) {
    gru.final_state(steps.data() + e.offset, e.length, work, h);
    const double p = SequenceGru::sigmoid(gru.output_logit(h.data(), e.phase, e.segment));
    total += e.label ? -std::log(std::max(p, 1e-12)) : -std::log(std::max(1.0 - p, 1e-12));
  }
  return total / static_cast<double>(examples.size());
}

}  // namespace promosim::plugins
