// Recency-frequency intent model: logistic regression on RFM-style features of the shopper's
// observable record (how recently and how often they visited and bought), learned by SGD from
// the history and then online from every tick's sessions. The classic, cheap purchase-
// propensity baseline (Hughes 1994, "Strategic Database Marketing").
#include <array>
#include <cmath>
#include <cstddef>
#include <iterator>

#include "promosim/sdk.hpp"

namespace promosim {
namespace {

constexpr ParamSpec kParams[] = {
    ParamSpec::real("learning_rate", 0.05, 1e-6, 1, "per session", "SGD step size for every session learned from"),
    ParamSpec::real("l2", 1e-4, 0, 1, "per session",
                    "L2 penalty on the feature weights (not the bias), keeps them bounded on long runs"),
    ParamSpec::real("recency_half_life_hours", 72, 0.01, 8760, "hours",
                    "time since the last visit or purchase at which its recency feature halves"),
    ParamSpec::integer("fit_epochs", 3, 1, 100, "passes", "passes over the history sessions in fit()"),
};

// Features: bias, visit recency, log1p(visits), log1p(purchased units), purchase recency.
constexpr std::size_t kFeatures = 5;
using Features = std::array<double, kFeatures>;

/// Logistic function that never overflows: exp() only sees non-positive arguments.
double sigmoid(double z) {
  if (z >= 0.0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

class RecencyFrequency final : public IntentModel {
 public:
  explicit RecencyFrequency(const CreateContext& context)
      : learning_rate_(context.params->real("learning_rate")),
        l2_(context.params->real("l2")),
        fit_epochs_(context.params->integer("fit_epochs")),
        // exp(-hours * ln 2 / half_life) halves every half_life hours.
        decay_per_tick_(std::log(2.0) * (24.0 / context.ticks_per_day) /
                        context.params->real("recency_half_life_hours")) {}

  void fit(const LearnContext& context, EventSpan /*history*/) override {
    for (long long epoch = 0; epoch < fit_epochs_; ++epoch) learn(context);
  }

  void observe(const LearnContext& context, EventSpan /*events*/) override { learn(context); }

  void predict(const SessionBatch& batch, float* intent) const override {
    for (std::size_t i = 0; i < batch.size; ++i) {
      intent[i] = static_cast<float>(probability(features(batch.sessions[i], batch.context->tick)));
    }
  }

 private:
  /// One SGD pass over the period's sessions, in the engine's fixed order; the label is
  /// whether the session bought anything.
  void learn(const LearnContext& context) {
    for (std::size_t s = 0; s < context.session_count; ++s) {
      const SessionOutcome& outcome = context.sessions[s];
      const Features x = features(outcome.view, outcome.tick);
      const double error = probability(x) - (outcome.purchases > 0 ? 1.0 : 0.0);
      weights_[0] -= learning_rate_ * error;
      for (std::size_t j = 1; j < kFeatures; ++j) {
        weights_[j] -= learning_rate_ * (error * x[j] + l2_ * weights_[j]);
      }
    }
  }

  double probability(const Features& x) const {
    double z = 0.0;
    for (std::size_t j = 0; j < kFeatures; ++j) z += weights_[j] * x[j];
    return sigmoid(z);
  }

  /// exp(-age / half-life scale) of an event at `since`, 0 if it never happened: a first-time
  /// visitor then differs from a returning one through the weight, not a made-up age.
  double recency(TickIndex since, TickIndex now) const {
    if (since == kNever) return 0.0;
    const double ticks = now > since ? static_cast<double>(now - since) : 0.0;
    return std::exp(-ticks * decay_per_tick_);
  }

  Features features(const SessionView& view, TickIndex tick) const {
    return {1.0, recency(view.last_visit_tick, tick), std::log1p(static_cast<double>(view.visits)),
            std::log1p(static_cast<double>(view.purchases)), recency(view.last_purchase_tick, tick)};
  }

  double learning_rate_;
  double l2_;
  long long fit_epochs_;
  double decay_per_tick_;  // recency exponent per tick
  Features weights_{};     // starts at 0: intent 0.5 until something is learned
};

}  // namespace
}  // namespace promosim

PROMOSIM_PLUGIN_LIBRARY(promosim::describe<promosim::RecencyFrequency>(
    {"recency_frequency", "1.0.0",
     "online logistic regression on visit/purchase recency and frequency (RFM) features"},
    promosim::kLearnsFromHistory | promosim::kLearnsOnline, promosim::kParams))
