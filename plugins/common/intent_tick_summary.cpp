#include "intent_tick_summary.hpp"

namespace promosim::plugins {

void IntentTickScore::add(double p, double loss, bool bought) {
  sums_.log_loss += loss;
  sums_.mean_prediction += p;
  bought_ += bought ? 1 : 0;
  ++sessions_;
}

IntentTickSummary IntentTickScore::summary() const {
  IntentTickSummary mean;
  if (sessions_ == 0) return mean;
  const double n = static_cast<double>(sessions_);
  mean.log_loss = sums_.log_loss / n;
  mean.mean_prediction = sums_.mean_prediction / n;
  mean.purchase_rate = static_cast<double>(bought_) / n;
  return mean;
}

void emit_summary(const LearnContext& context, const IntentTickSummary& summary) {
  context.emit(0, summary.log_loss);
  context.emit(1, summary.mean_prediction);
  context.emit(2, summary.purchase_rate);
}

}  // namespace promosim::plugins
