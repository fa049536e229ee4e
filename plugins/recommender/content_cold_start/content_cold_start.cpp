// content_cold_start recommender: ranks items by what the catalog says about them (category,
// brand, price band) weighted by what each segment engaged with, lifts the categories and
// brands the shopper just browsed, and reserves the last slots for cold items, so new items
// and new shoppers are served from the first tick.
#include <limits>

#include "content_cold_start_model.hpp"
#include "promosim/sdk.hpp"

namespace promosim {
namespace {

constexpr double kUnbounded = std::numeric_limits<double>::infinity();
constexpr plugins::ContentWeights kDefaultWeights{};

constexpr ParamSpec kParams[] = {
    ParamSpec::real("category_weight", kDefaultWeights.category, 0, kUnbounded, "per log-lift",
                    "weight of the segment's affinity for the item's category"),
    ParamSpec::real("brand_weight", kDefaultWeights.brand, 0, kUnbounded, "per log-lift",
                    "weight of the brand's appeal relative to its category"),
    ParamSpec::real("price_band_weight", kDefaultWeights.price_band, 0, kUnbounded, "per log-lift",
                    "weight of the price band's appeal (list-price quintile within the category)"),
    ParamSpec::real("recent_category_boost", kDefaultWeights.recent_category, 0, kUnbounded, "log-lift",
                    "added to items in a category of the shopper's recent items"),
    ParamSpec::real("recent_brand_boost", kDefaultWeights.recent_brand, 0, kUnbounded, "log-lift",
                    "added on top for items of a recent item's brand"),
    ParamSpec::real("prior_items", kDefaultWeights.prior_items, 0.001, kUnbounded, "items",
                    "average items' worth of exposure each category, brand and price-band lift is shrunk toward its parent's with"),
    ParamSpec::real("item_weight", kDefaultWeights.item, 0, kUnbounded, "per log-lift",
                    "weight of the item's own engagement against what its attributes predict for its time on sale"),
    ParamSpec::real("prior_engagement", kDefaultWeights.prior_engagement, 0.001, kUnbounded, "score",
                    "pseudo-engagement shrinking the item's own lift toward 1 (a purchase adds 10, a click 1)"),
    ParamSpec::integer("cold_slots", 1, 0, 50, "slots",
                       "last slots of each slate reserved for cold items (fewer than 5 events), best content score first"),
    ParamSpec::real("cold_min_score", 0, -kUnbounded, kUnbounded, "log-lift",
                    "cold items scoring below this (e.g. on sale long enough to be judged, and ignored) get no reserved slot"),
    ParamSpec::choice("warm_ranking", "content", "content|popularity",
                      "ranking of the other slots: attribute scores with recent boosts, or the segment's most engaged-with items"),
    ParamSpec::boolean("exclude_recent", true,
                       "skip items the shopper clicked recently, unless nothing else is left to show"),
};

constexpr MetricSpec kMetrics[] = {
    {"cold_items_on_sale", "items", "launched items with fewer than 5 events after the tick's events"},
    {"cold_click_share", "share", "share of the tick's clicks on items that were cold at its start"},
    {"items_warmed", "items", "items the tick's events took to 5 events"},
};

class ContentColdStart final : public Recommender {
 public:
  explicit ContentColdStart(const CreateContext& context)
      : model_(*context.catalog, context.segment_count, config(*context.params)) {}

  void fit(const LearnContext& context, EventSpan history) override { report(context, model_.learn(history, 0)); }

  void observe(const LearnContext& context, EventSpan events) override {
    report(context, model_.learn(events, context.tick + 1));
  }

  void recommend(const SessionBatch& batch, std::size_t slate_size, ItemId* slates) const override {
    for (std::size_t i = 0; i < batch.size; ++i) {
      model_.recommend(batch.sessions[i], *batch.context, slate_size, slates + i * slate_size);
    }
  }

 private:
  static plugins::ContentColdStartConfig config(const ParameterSet& p) {
    plugins::ContentColdStartConfig c;
    c.weights.category = p.real("category_weight");
    c.weights.brand = p.real("brand_weight");
    c.weights.price_band = p.real("price_band_weight");
    c.weights.recent_category = p.real("recent_category_boost");
    c.weights.recent_brand = p.real("recent_brand_boost");
    c.weights.prior_items = p.real("prior_items");
    c.weights.item = p.real("item_weight");
    c.weights.prior_engagement = p.real("prior_engagement");
    c.cold_slots = static_cast<std::size_t>(p.integer("cold_slots"));
    c.cold_min_score = static_cast<float>(p.real("cold_min_score"));
    c.warm_ranking = plugins::parse_fallback(p.choice("warm_ranking"));
    c.exclude_recent = p.boolean("exclude_recent");
    return c;
  }

  static void report(const LearnContext& context, const plugins::ColdStartReport& r) {
    context.emit(0, r.cold_items_on_sale);
    context.emit(1, r.cold_click_share);
    context.emit(2, r.items_warmed);
  }

  plugins::ContentColdStartModel model_;
};

}  // namespace
}  // namespace promosim

PROMOSIM_PLUGIN_LIBRARY(promosim::describe<promosim::ContentColdStart>(
    {"content_cold_start", "1.0.0",
     "attribute scores (category, brand, price band) per segment, recent-item boosts, slots reserved for cold items"},
    promosim::kLearnsFromHistory | promosim::kLearnsOnline, promosim::kParams, promosim::kMetrics))
