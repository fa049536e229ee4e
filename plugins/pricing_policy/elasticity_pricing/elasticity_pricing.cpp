// Elasticity pricing: learns how each segment's carting responds to price and discount (per
// category, pooled toward the segment) and how discounts lift clicks, then shows every item at
// the grid discount with the highest expected margin per impression, above a margin floor.
#include <limits>

#include "elasticity_pricing_model.hpp"
#include "promosim/sdk.hpp"

namespace promosim {
namespace {

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

constexpr ParamSpec kParams[] = {
    ParamSpec::integer("levels", 7, 2, 256, "levels",
                       "discount grid size: 0, max_discount/(levels-1), ..., max_discount"),
    ParamSpec::real("max_discount", 0.3, 0, 0.95, "fraction of list price", "deepest discount on the grid"),
    ParamSpec::real("min_margin", 0.1, 0, 0.95, "fraction of price paid",
                    "margin floor: a discount must leave (price paid - unit cost) >= min_margin x price paid"),
    ParamSpec::real("explore_share", 0.02, 0, 1, "share of sessions",
                    "sessions shown one random grid discount on every slot, so the responses stay identifiable"),
    ParamSpec::real("prior_elasticity", 1.5, -kUnbounded, kUnbounded, "logit per log price",
                    "prior mean of a segment's price elasticity of carting"),
    ParamSpec::real("prior_promotion", 1.0, -kUnbounded, kUnbounded, "logit per unit discount",
                    "prior mean of a segment's extra carting pull of a discount beyond its lower price"),
    ParamSpec::real("prior_salience", 2.0, -kUnbounded, kUnbounded, "log clicks per unit discount",
                    "prior mean of a segment's click lift from a shown discount"),
    ParamSpec::real("prior_sd", 1.0, 1e-3, kUnbounded, "same as the slopes",
                    "prior standard deviation of each segment-level slope"),
    ParamSpec::real("category_sd", 0.5, 1e-3, kUnbounded, "same as the slopes",
                    "how far a category's slopes may sit from its segment's (smaller pools more)"),
};

constexpr MetricSpec kMetrics[] = {
    {"mean_elasticity", "logit per log price", "segments' estimated price elasticity of carting, mean over segments"},
    {"mean_promotion", "logit per unit discount", "segments' estimated promotion response, mean over segments"},
    {"mean_salience", "log clicks per unit discount",
     "segments' estimated click lift of a discount, mean over segments"},
    {"discounted_share", "share", "share of (segment, item) pairs priced below list outside exploration"},
};

class ElasticityPricing final : public PricingPolicy {
 public:
  explicit ElasticityPricing(const CreateContext& context)
      : segment_count_(context.segment_count),
        model_(*context.catalog, context.segment_count, context.slate_size, context.random_key,
               config(*context.params)) {}

  void fit(const LearnContext& context, EventSpan history) override {
    model_.learn_history(history);
    report(context);
  }

  void observe(const LearnContext& context, EventSpan events) override {
    model_.learn_tick(context.tick, context.sessions, context.session_count, events);
    report(context);
  }

  void price(const SessionBatch& batch, const float* /*intent*/, std::size_t slate_size, const ItemId* slates,
             float* discounts, CouponOffer* /*coupons*/) const override {
    model_.price(batch, slate_size, slates, discounts);
  }

 private:
  static plugins::ElasticityPricingConfig config(const ParameterSet& p) {
    plugins::ElasticityPricingConfig c{};
    c.levels = static_cast<std::size_t>(p.integer("levels"));
    c.max_discount = p.real("max_discount");
    c.min_margin = p.real("min_margin");
    c.explore_share = p.real("explore_share");
    c.prior_elasticity = p.real("prior_elasticity");
    c.prior_promotion = p.real("prior_promotion");
    c.prior_salience = p.real("prior_salience");
    c.prior_sd = p.real("prior_sd");
    c.category_sd = p.real("category_sd");
    return c;
  }

  void report(const LearnContext& context) const {
    double elasticity = 0.0, promotion = 0.0, salience = 0.0;
    for (SegmentId g = 0; g < segment_count_; ++g) {
      elasticity += model_.segment_response(g).elasticity;
      promotion += model_.segment_response(g).promotion;
      salience += model_.click_salience(g);
    }
    const double n = segment_count_;
    context.emit(0, elasticity / n);
    context.emit(1, promotion / n);
    context.emit(2, salience / n);
    context.emit(3, model_.discounted_share());
  }

  std::uint32_t segment_count_;
  plugins::ElasticityPricingModel model_;
};

}  // namespace
}  // namespace promosim

PROMOSIM_PLUGIN_LIBRARY(promosim::describe<promosim::ElasticityPricing>(
    {"elasticity_pricing", "1.0.0",
     "per-item discount maximising expected margin under learned price, promotion and click responses"},
    promosim::kLearnsFromHistory | promosim::kLearnsOnline | promosim::kUsesRandomness, promosim::kParams,
    promosim::kMetrics))
