// Logistic intent model: logistic regression on standardised features of the session (recency
// and frequency of visits and purchases, the shopper's recent clicks, carts left open, price
// level and discounts seen, campaign phase, segment), fitted by Newton's method on the history
// and updated online by SGD after every tick.
#include "intent_tick_summary.hpp"
#include "logistic_intent_model.hpp"
#include "promosim/sdk.hpp"

namespace promosim {
namespace {

constexpr ParamSpec kParams[] = {
    ParamSpec::real("learning_rate", 0.002, 1e-6, 1, "per session",
                    "online SGD step size for every session learned from in observe()"),
    ParamSpec::real("l2", 1e-4, 0, 1, "per session", "L2 penalty on every weight but the bias"),
    ParamSpec::integer("newton_iterations", 25, 1, 100, "iterations",
                       "most Newton (IRLS) steps of the fit on the history; it stops earlier once converged"),
    ParamSpec::real("recency_half_life_hours", 72, 0.01, 8760, "hours",
                    "time since the last purchase at which the purchase-recency decay feature halves"),
    ParamSpec::real("activity_half_life_hours", 72, 0.01, 8760, "hours",
                    "age at which a click or add-to-cart counts half in the recent-activity features"),
};

class LogisticIntent final : public IntentModel {
 public:
  explicit LogisticIntent(const CreateContext& context)
      : model_(*context.catalog, context.shopper_count, context.segment_count, context.phases, context.phase_count,
               context.ticks_per_day, config(*context.params)) {}

  void fit(const LearnContext& context, EventSpan history) override {
    model_.fit_history(context.sessions, context.session_count, history);
  }

  void observe(const LearnContext& context, EventSpan events) override {
    plugins::emit_summary(context, model_.learn_tick(context.tick, context.phase, context.sessions,
                                                     context.session_count, events));
  }

  void predict(const SessionBatch& batch, float* intent) const override { model_.predict(batch, intent); }

 private:
  static plugins::LogisticIntentConfig config(const ParameterSet& p) {
    plugins::LogisticIntentConfig c;
    c.learning_rate = p.real("learning_rate");
    c.l2 = p.real("l2");
    c.newton_iterations = static_cast<int>(p.integer("newton_iterations"));
    c.recency_half_life_hours = p.real("recency_half_life_hours");
    c.activity_half_life_hours = p.real("activity_half_life_hours");
    return c;
  }

  plugins::LogisticIntentModel model_;
};

}  // namespace
}  // namespace promosim

PROMOSIM_PLUGIN_LIBRARY(promosim::describe<promosim::LogisticIntent>(
    {"logistic_intent", "1.0.0",
     "logistic regression on recency, frequency, cart state, prices seen, phase and segment (Newton fit, online SGD)"},
    promosim::kLearnsFromHistory | promosim::kLearnsOnline, promosim::kParams, promosim::plugins::kIntentTickMetrics))
