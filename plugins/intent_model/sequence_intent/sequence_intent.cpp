// Sequence intent model: a GRU over each shopper's most recent events (type, category, price
// band, time gap) with a logistic output layer that adds the phase and segment, trained by
// backpropagation through time on the history, its output layer tuned online and the whole
// network retrained periodically on a sample of the timeline's sessions.
#include <cmath>

#include "intent_tick_summary.hpp"
#include "promosim/sdk.hpp"
#include "sequence_intent_model.hpp"

namespace promosim {
namespace {

constexpr ParamSpec kParams[] = {
    ParamSpec::integer("sequence_length", 20, 1, 255, "events", "most recent events of a shopper the GRU reads"),
    ParamSpec::integer("hidden_size", 16, 1, 128, "units", "size of the GRU's hidden state"),
    ParamSpec::integer("epochs", 3, 1, 100, "passes", "passes over the history sessions in fit()"),
    ParamSpec::real("learning_rate", 0.01, 1e-6, 1, "per step", "Adam step size of the fit and of each retraining"),
    ParamSpec::integer("batch_size", 64, 1, 4096, "sessions", "sessions per Adam step"),
    ParamSpec::real("l2", 1e-5, 0, 1, "per session", "L2 penalty on every weight but the biases"),
    ParamSpec::real("online_learning_rate", 0.002, 0, 1, "per session",
                    "SGD step of the output layer for every session in observe(); 0 keeps it fixed between retrainings"),
    ParamSpec::real("refit_every_hours", 24, 0, 8760, "hours",
                    "retrain the whole network on the sampled timeline sessions this often (rounded up to whole ticks); 0 never"),
    ParamSpec::integer("refit_sessions", 20000, 1, 1000000, "sessions",
                       "timeline sessions sampled (uniformly, by a hash of shopper and tick) for each retraining"),
    ParamSpec::integer("refit_epochs", 2, 1, 100, "passes", "passes over the sample in each retraining"),
};

class SequenceIntent final : public IntentModel {
 public:
  explicit SequenceIntent(const CreateContext& context)
      : model_(*context.catalog, context.shopper_count, context.segment_count,
               context.phases == nullptr ? 0 : context.phase_count, context.ticks_per_day, context.random_key,
               config(*context.params, context.ticks_per_day)) {}

  void fit(const LearnContext& context, EventSpan history) override {
    model_.fit_history(context.sessions, context.session_count, history);
  }

  void observe(const LearnContext& context, EventSpan events) override {
    plugins::emit_summary(context, model_.learn_tick(context.tick, context.phase, context.sessions,
                                                     context.session_count, events));
  }

  void predict(const SessionBatch& batch, float* intent) const override { model_.predict(batch, intent); }

 private:
  static plugins::SequenceIntentConfig config(const ParameterSet& p, std::uint32_t ticks_per_day) {
    plugins::SequenceIntentConfig c;
    c.sequence_length = static_cast<std::size_t>(p.integer("sequence_length"));
    c.hidden_size = static_cast<std::size_t>(p.integer("hidden_size"));
    c.fit.epochs = static_cast<std::size_t>(p.integer("epochs"));
    c.fit.learning_rate = p.real("learning_rate");
    c.fit.batch_size = static_cast<std::size_t>(p.integer("batch_size"));
    c.fit.l2 = p.real("l2");
    c.online_learning_rate = p.real("online_learning_rate");
    c.refit_every_ticks = static_cast<std::uint32_t>(std::ceil(p.real("refit_every_hours") * ticks_per_day / 24.0));
    c.refit_sessions = static_cast<std::size_t>(p.integer("refit_sessions"));
    c.refit_epochs = static_cast<std::size_t>(p.integer("refit_epochs"));
    return c;
  }

  plugins::SequenceIntentModel model_;
};

}  // namespace
}  // namespace promosim

PROMOSIM_PLUGIN_LIBRARY(promosim::describe<promosim::SequenceIntent>(
    {"sequence_intent", "1.0.0",
     "GRU over each shopper's recent events (type, category, price band, gap) with phase and segment offsets"},
    promosim::kLearnsFromHistory | promosim::kLearnsOnline, promosim::kParams, promosim::plugins::kIntentTickMetrics))
