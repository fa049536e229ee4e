// Matrix factorization recommender: implicit-feedback factor model of shoppers and items
// (weighted ALS or BPR) trained on the history, with new and returning shoppers folded in at
// every barrier, candidates from factor-space neighbours of recent items plus a global pool,
// and the content fallback for shoppers without factors and for newly launched items.
#include <limits>

#include "event_weights.hpp"
#include "fallback_params.hpp"
#include "matrix_factorization_model.hpp"
#include "promosim/sdk.hpp"

namespace promosim {
namespace {

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

constexpr ParamSpec kParams[] = {
    ParamSpec::choice("method", "als", plugins::kMethodChoices,
                      "training: weighted alternating least squares on confidence-weighted preferences (als) "
                      "or Bayesian personalised ranking by SGD on sampled triples (bpr)"),
    ParamSpec::integer("factors", 32, 1, 256, "dimensions", "latent factors per shopper and per item"),
    ParamSpec::integer("iterations", 10, 1, 100, "sweeps", "als: alternating sweeps (items, then shoppers)"),
    ParamSpec::real("regularisation", 1000, 1e-6, kUnbounded, "squared-error units",
                    "als: weight of the penalty on shopper factors and on item factors' distance from their "
                    "prior (category mean or 0), in training and fold-in"),
    ParamSpec::real("alpha", 50, 0, kUnbounded, "confidence per unit of weight",
                    "als: confidence of an interaction is 1 + alpha * weight, in training and fold-in"),
    ParamSpec::boolean("category_prior", true,
                       "shrink each item's factors toward its category's mean instead of toward 0, so sparsely "
                       "seen items borrow their category's taste direction (both methods)"),
    ParamSpec::boolean("item_bias", true, "learn a baseline appeal per item next to the factors (both methods)"),
    ParamSpec::integer("epochs", 40, 1, 1000, "epochs", "bpr: passes of as many sampled triples as interactions"),
    ParamSpec::real("learning_rate", 0.02, 1e-6, 10, "per step", "bpr: SGD step size"),
    ParamSpec::real("bpr_regularisation", 0.03, 0, kUnbounded, "per step",
                    "bpr: per-step pull of the factors each step touches toward their prior (category mean or 0), "
                    "in training and fold-in"),
    plugins::kClickWeightParam,
    plugins::kCartWeightParam,
    plugins::kPurchaseWeightParam,
    ParamSpec::integer("item_neighbours", 10, 0, 1000, "items",
                       "candidates per recent item: its nearest items in factor space (cosine)"),
    ParamSpec::integer("pool_size", 200, 0, 100000, "items",
                       "candidates every session scores: the best items for the average shopper"),
    plugins::kFallbackParam,
    plugins::kColdSlotsParam,
};

constexpr MetricSpec kMetrics[] = {
    {"training_loss", "loss units",
     "fit: the final training loss (als: weighted squared error plus penalty; bpr: mean -ln sigma on fixed triples)"},
    {"folded_in", "shoppers", "shoppers whose factors were solved again at this barrier"},
    {"factor_coverage", "share of sessions", "share of the tick's sessions whose shopper had factors"},
};

class MatrixFactorization final : public Recommender {
 public:
  explicit MatrixFactorization(const CreateContext& context) : model_(context, config(*context.params)) {}

  void fit(const LearnContext& context, EventSpan history) override {
    model_.fit(history);
    if (!model_.training_loss().empty()) context.emit(0, model_.training_loss().back());
  }

  void observe(const LearnContext& context, EventSpan events) override {
    const auto summary = model_.observe(context.tick, context.sessions, context.session_count, events);
    context.emit(1, static_cast<double>(summary.folded_in));
    context.emit(2, summary.coverage);
  }

  void recommend(const SessionBatch& batch, std::size_t slate_size, ItemId* slates) const override {
    model_.recommend(batch, slate_size, slates);
  }

 private:
  static plugins::MatrixFactorizationConfig config(const ParameterSet& p) {
    plugins::MatrixFactorizationConfig c;
    c.method = plugins::parse_method(p.choice("method"));
    const auto factors = static_cast<std::size_t>(p.integer("factors"));
    const bool item_bias = p.boolean("item_bias");
    c.als = {factors, static_cast<std::size_t>(p.integer("iterations")), p.real("regularisation"), p.real("alpha"),
             item_bias};
    c.category_prior = p.boolean("category_prior");
    c.bpr = {factors, static_cast<std::size_t>(p.integer("epochs")), p.real("learning_rate"),
             p.real("bpr_regularisation"), item_bias};
    c.event_weights = plugins::EventWeights::from(p);
    c.item_neighbours = static_cast<std::size_t>(p.integer("item_neighbours"));
    c.pool_size = static_cast<std::size_t>(p.integer("pool_size"));
    c.fallback = plugins::parse_fallback(p.choice(plugins::kFallbackParam.name));
    c.cold_slots = static_cast<std::size_t>(p.integer(plugins::kColdSlotsParam.name));
    return c;
  }

  plugins::MatrixFactorizationModel model_;
};

}  // namespace
}  // namespace promosim

PROMOSIM_PLUGIN_LIBRARY(promosim::describe<promosim::MatrixFactorization>(
    {"matrix_factorization", "1.0.0", "implicit-feedback matrix factorization (weighted ALS or BPR) with fold-in"},
    promosim::kLearnsFromHistory | promosim::kLearnsOnline, promosim::kParams, promosim::kMetrics))
