// User-kNN recommender: shows each shopper what their most similar shoppers engaged with
// (user-based collaborative filtering over weighted click/cart/purchase counts), with the
// content fallback for shoppers without neighbours and for newly launched items.
#include <limits>

#include "event_weights.hpp"
#include "fallback_params.hpp"
#include "promosim/sdk.hpp"
#include "user_knn_model.hpp"

namespace promosim {
namespace {

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

constexpr ParamSpec kParams[] = {
    ParamSpec::choice("similarity", "cosine", plugins::kSimilarityChoices,
                      "how alike two shoppers' weighted interaction rows are: cosine, or Pearson correlation "
                      "over the whole catalog"),
    ParamSpec::integer("neighbours", 30, 1, 1000, "shoppers",
                       "most similar shoppers kept per shopper; their engagement is what gets recommended"),
    ParamSpec::real("min_score", 0, 0, kUnbounded, "event weight",
                    "items whose similarity-weighted mean neighbour weight is below this are not recommended "
                    "(0 = no threshold)"),
    plugins::kClickWeightParam,
    plugins::kCartWeightParam,
    plugins::kPurchaseWeightParam,
    ParamSpec::integer("refresh_per_tick", 5000, 0, 10000000, "shoppers per tick",
                       "neighbour searches at each barrier for shoppers whose interactions changed, "
                       "longest-waiting first; bounds the barrier's work"),
    plugins::kFallbackParam,
    plugins::kColdSlotsParam,
};

constexpr MetricSpec kMetrics[] = {
    {"refreshed_shoppers", "shoppers", "shoppers whose neighbours were searched again at this barrier"},
    {"refresh_backlog", "shoppers", "shoppers whose interactions changed and who still wait for a search"},
    {"neighbour_coverage", "share of sessions", "share of the tick's sessions whose shopper had neighbours"},
};

class UserKnn final : public Recommender {
 public:
  explicit UserKnn(const CreateContext& context) : model_(context, config(*context.params)) {}

  void fit(const LearnContext& /*context*/, EventSpan history) override { model_.fit(history); }

  void observe(const LearnContext& context, EventSpan events) override {
    const auto summary = model_.observe(context.sessions, context.session_count, events);
    context.emit(0, static_cast<double>(summary.refreshed));
    context.emit(1, static_cast<double>(summary.backlog));
    context.emit(2, summary.coverage);
  }

  void recommend(const SessionBatch& batch, std::size_t slate_size, ItemId* slates) const override {
    model_.recommend(batch, slate_size, slates);
  }

 private:
  static plugins::UserKnnConfig config(const ParameterSet& p) {
    plugins::UserKnnConfig c;
    c.similarity = plugins::parse_similarity(p.choice("similarity"));
    c.neighbours = static_cast<std::size_t>(p.integer("neighbours"));
    c.min_score = p.real("min_score");
    c.event_weights = plugins::EventWeights::from(p);
    c.refresh_per_tick = static_cast<std::size_t>(p.integer("refresh_per_tick"));
    c.fallback = plugins::parse_fallback(p.choice(plugins::kFallbackParam.name));
    c.cold_slots = static_cast<std::size_t>(p.integer(plugins::kColdSlotsParam.name));
    return c;
  }

  plugins::UserKnnModel model_;
};

}  // namespace
}  // namespace promosim

PROMOSIM_PLUGIN_LIBRARY(promosim::describe<promosim::UserKnn>(
    {"user_knn", "1.0.0", "user-based collaborative filtering: what the most similar shoppers engaged with"},
    promosim::kLearnsFromHistory | promosim::kLearnsOnline, promosim::kParams, promosim::kMetrics))
