#include "sequence_intent_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "history_event_cursor.hpp"

namespace promosim::plugins {
namespace {

double log_loss(double p, bool y) {
  constexpr double kEdge = 1e-12;
  return y ? -std::log(std::max(p, kEdge)) : -std::log(std::max(1.0 - p, kEdge));
}

}  // namespace

SequenceIntentModel::SequenceIntentModel(const CatalogView& catalog, std::uint32_t shopper_count,
                                         std::uint32_t segment_count, std::uint32_t phase_count,
                                         std::uint32_t ticks_per_day, std::uint64_t random_key,
                                         const SequenceIntentConfig& config)
    : segment_count_(segment_count),
      random_key_(random_key),
      config_(config),
      sequences_(catalog, shopper_count, config.sequence_length, ticks_per_day),
      gru_({config.hidden_size, catalog.category_count, phase_count, segment_count}, random_key,
           static_cast<std::uint32_t>(Purpose::kPluginPurposeBase) + kInitPurpose),
      trainer_(random_key, static_cast<std::uint32_t>(Purpose::kPluginPurposeBase) + kShufflePurpose),
      states_(static_cast<std::size_t>(shopper_count) * config.hidden_size, 0.0f) {}

void SequenceIntentModel::check_session(const SessionView& view) const {
  if (view.shopper >= sequences_.shopper_count()) {
    throw std::out_of_range("session of shopper " + std::to_string(view.shopper) + " outside the population of " +
                            std::to_string(sequences_.shopper_count()));
  }
  if (view.segment >= segment_count_) {
    throw std::out_of_range("session of shopper " + std::to_string(view.shopper) + " is in segment " +
                            std::to_string(view.segment) + " of " + std::to_string(segment_count_));
  }
}

const float* SequenceIntentModel::hidden_state(ShopperId shopper) const {
  if (shopper >= sequences_.shopper_count()) {
    throw std::out_of_range("shopper " + std::to_string(shopper) + " outside the population of " +
                            std::to_string(sequences_.shopper_count()));
  }
  return states_.data() + static_cast<std::size_t>(shopper) * config_.hidden_size;
}

double SequenceIntentModel::probability(const SessionView& view, std::uint16_t phase) const {
  check_session(view);
  return SequenceGru::sigmoid(gru_.output_logit(hidden_state(view.shopper), phase, view.segment));
}

void SequenceIntentModel::predict(const SessionBatch& batch, float* intent) const {
  const std::uint16_t phase = batch.context->phase;
  for (std::size_t i = 0; i < batch.size; ++i) intent[i] = static_cast<float>(probability(batch.sessions[i], phase));
}

void SequenceIntentModel::refresh(const std::vector<ShopperId>& shoppers) {
  const std::size_t hidden = config_.hidden_size;
  // Each shopper's state depends only on their own sequence, so any split over threads gives
  // the same states.
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, shoppers.size(), 256), [&](const tbb::blocked_range<std::size_t>& range) {
    SequenceGru::Workspace work;
    std::vector<SequenceStep> steps(sequences_.length());
    Eigen::VectorXd h(static_cast<Eigen::Index>(hidden));
    for (std::size_t k = range.begin(); k < range.end(); ++k) {
      const ShopperId s = shoppers[k];
      gru_.final_state(steps.data(), sequences_.copy(s, steps.data()), work, h);
      float* out = states_.data() + static_cast<std::size_t>(s) * hidden;
      for (std::size_t j = 0; j < hidden; ++j) out[j] = static_cast<float>(h[static_cast<Eigen::Index>(j)]);
    }
  });
}

void SequenceIntentModel::refresh_all() {
  std::vector<ShopperId> everyone(sequences_.shopper_count());
  for (ShopperId s = 0; s < everyone.size(); ++s) everyone[s] = s;
  refresh(everyone);
}

double SequenceIntentModel::fit_history(const SessionOutcome* sessions, std::size_t session_count, EventSpan events) {
  std::vector<SequenceStep> steps;
  std::vector<SequenceExample> examples;
  examples.reserve(session_count);
  HistoryEventCursor cursor(events);
  for (std::size_t s = 0; s < session_count; ++s) {
    const SessionView& view = sessions[s].view;
    check_session(view);
    SequenceExample example;
    example.offset = steps.size();
    steps.resize(steps.size() + sequences_.length());
    example.length = static_cast<std::uint16_t>(sequences_.copy(view.shopper, steps.data() + example.offset));
    steps.resize(example.offset + example.length);
    example.segment = view.segment;
    example.label = sessions[s].purchases > 0;
    examples.push_back(example);
    for (const Event& e : cursor.next(sessions[s], s)) sequences_.append(e, false);
  }
  cursor.finish();
  const double loss = trainer_.train(gru_, steps, examples, config_.fit, 0);
  refresh_all();
  return loss;
}

void SequenceIntentModel::sample(const SessionView& view, TickIndex tick, std::uint16_t phase, bool label) {
  const double key = RandomStream(random_key_, static_cast<std::uint32_t>(Purpose::kPluginPurposeBase) + kSamplePurpose,
                                  view.shopper, tick)
                         .uniform(0);
  const std::size_t length = sequences_.length();
  std::size_t slot = 0;
  if (sample_heap_.size() < config_.refit_sessions) {
    slot = sample_heap_.size();
    sample_examples_.emplace_back();
    sample_steps_.resize(sample_steps_.size() + length);
  } else if (key < sample_heap_.front().first) {
    std::pop_heap(sample_heap_.begin(), sample_heap_.end());
    slot = sample_heap_.back().second;
    sample_heap_.pop_back();
  } else {
    return;
  }
  sample_heap_.emplace_back(key, slot);
  std::push_heap(sample_heap_.begin(), sample_heap_.end());
  SequenceExample& example = sample_examples_[slot];
  example.offset = slot * length;
  example.length = static_cast<std::uint16_t>(sequences_.copy(view.shopper, sample_steps_.data() + example.offset));
  example.phase = phase;
  example.segment = view.segment;
  example.label = label;
}

void SequenceIntentModel::refit() {
  SequenceTrainingConfig training = config_.fit;
  training.epochs = config_.refit_epochs;
  trainer_.train(gru_, sample_steps_, sample_examples_, training, static_cast<std::uint32_t>(++refits_));
  sample_heap_.clear();
  sample_examples_.clear();
  sample_steps_.clear();
  refresh_all();
}

IntentTickSummary SequenceIntentModel::learn_tick(TickIndex tick, std::uint16_t phase, const SessionOutcome* sessions,
                                                  std::size_t session_count, EventSpan events) {
  IntentTickScore score;
  const bool refitting = config_.refit_every_ticks > 0;
  for (std::size_t s = 0; s < session_count; ++s) {
    const SessionView& view = sessions[s].view;
    check_session(view);
    const bool label = sessions[s].purchases > 0;
    const float* h = hidden_state(view.shopper);
    double p = 0.0;
    if (config_.online_learning_rate > 0.0) {
      p = gru_.output_step(h, phase, view.segment, label, config_.online_learning_rate, config_.fit.l2);
    } else {
      p = SequenceGru::sigmoid(gru_.output_logit(h, phase, view.segment));
    }
    score.add(p, log_loss(p, label), label);
    if (refitting) sample(view, tick, phase, label);
  }
  std::vector<ShopperId> touched;
  touched.reserve(events.size);
  for (const Event& e : events) {
    sequences_.append(e, true);
    touched.push_back(e.shopper);
  }
  if (refitting && (tick + 1) % config_.refit_every_ticks == 0 && !sample_examples_.empty()) {
    refit();
  } else {
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    refresh(touched);
  }
  return score.summary();
}

}  // namespace promosim::plugins
