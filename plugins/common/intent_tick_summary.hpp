#pragma once
// What the learned intent models (logistic_intent, sequence_intent) report at every barrier
// about the tick's sessions, each scored before the model learns from it: the summary, its
// metrics (declared once for both plugins' descriptors) and its accumulation.
#include <cstddef>

#include "promosim/sdk.hpp"

namespace promosim::plugins {

struct IntentTickSummary {
  double log_loss = 0.0;         ///< mean log-loss of the predictions
  double mean_prediction = 0.0;  ///< mean predicted purchase probability
  double purchase_rate = 0.0;    ///< share of sessions that bought
};

/// The summary's metrics, in the order emit_summary() reports them.
inline constexpr MetricSpec kIntentTickMetrics[] = {
    {"log_loss", "nats per session", "mean log-loss of the tick's sessions, scored before the update"},
    {"mean_prediction", "probability", "mean predicted purchase probability of the tick's sessions"},
    {"purchase_rate", "share of sessions", "share of the tick's sessions that bought, to compare with mean_prediction"},
};

/// Sums a tick's scored sessions into its summary.
class IntentTickScore {
 public:
  /// One session: predicted `p`, the model's log-loss of it, and whether it bought.
  void add(double p, double loss, bool bought);
  /// The means over the sessions added; all 0 without any.
  IntentTickSummary summary() const;

 private:
  IntentTickSummary sums_;
  std::size_t bought_ = 0;
  std::size_t sessions_ = 0;
};

/// Reports `summary` as the kIntentTickMetrics.
void emit_summary(const LearnContext& context, const IntentTickSummary& summary);

}  // namespace promosim::plugins
