// Bandit discount: Thompson sampling over a grid of discount levels, one bandit per shopper
// segment (optionally per phase), rewarded by each session's margin, with the budget paced
// over the timeline in proportion to expected traffic.
#include <limits>

#include "bandit_discount_model.hpp"
#include "promosim/sdk.hpp"

namespace promosim {
namespace {

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

constexpr ParamSpec kParams[] = {
    ParamSpec::integer("levels", 6, 2, 64, "levels", "discount levels: 0, max_discount/(levels-1), ..., max_discount"),
    ParamSpec::real("max_discount", 0.25, 0, 0.95, "fraction of list price", "deepest discount level"),
    ParamSpec::boolean("per_phase", false,
                       "one bandit per (segment, phase), its prior taken from the segment's other phases"),
    ParamSpec::real("prior_sessions", 100, 1e-3, kUnbounded, "sessions",
                    "weight of each level's prior (the margin per history session) in sessions"),
    ParamSpec::real("peak_weight", 1, 0, kUnbounded, "multiplier",
                    "weight of the busiest phases' traffic in the spend plan (1 = plan by traffic alone)"),
};

constexpr MetricSpec kMetrics[] = {
    {"spend", "currency units", "the policy's discount spend so far, as booked by the pacer"},
    {"planned_spend", "currency units", "the plan's cumulative spend up to the end of this tick (0 without a budget)"},
    {"paced_off", "0 or 1", "1 if the pacer withheld every discount this tick"},
    {"best_discount", "fraction of list price",
     "discount of the level with the highest posterior mean margin, mean over segments (current phase)"},
    {"best_gain", "currency units per session",
     "that level's posterior mean margin per session over list price (level 0), mean over segments"},
};

class BanditDiscount final : public PricingPolicy {
 public:
  explicit BanditDiscount(const CreateContext& context) : model_(context, config(*context.params)) {}

  void fit(const LearnContext& context, EventSpan history) override {
    model_.learn_history(context.sessions, context.session_count, history);
  }

  void observe(const LearnContext& context, EventSpan events) override {
    const bool paced_off = !model_.pacer().open(context.tick);
    model_.learn_tick(context.tick, context.sessions, context.session_count, events);
    context.emit(0, model_.pacer().spent());
    context.emit(1, model_.pacer().planned_before(context.tick + 1));
    context.emit(2, paced_off ? 1.0 : 0.0);
    const std::uint16_t phase = model_.phase_of(context.tick);
    double discount = 0.0, gain = 0.0;
    for (SegmentId g = 0; g < model_.segment_count(); ++g) {
      const plugins::DiscountBandit& bandit = model_.bandit();
      const std::size_t best = bandit.best_level(g, phase);
      discount += bandit.discount(best);
      gain += bandit.posterior_mean(g, phase, best) - bandit.posterior_mean(g, phase, 0);
    }
    context.emit(3, discount / model_.segment_count());
    context.emit(4, gain / model_.segment_count());
  }

  void price(const SessionBatch& batch, const float* /*intent*/, std::size_t slate_size, const ItemId* slates,
             float* discounts, CouponOffer* /*coupons*/) const override {
    model_.price(batch, slate_size, slates, discounts);
  }

 private:
  static plugins::BanditDiscountConfig config(const ParameterSet& p) {
    plugins::BanditDiscountConfig c{};
    c.bandit.levels = static_cast<std::size_t>(p.integer("levels"));
    c.bandit.max_discount = p.real("max_discount");
    c.bandit.per_phase = p.boolean("per_phase");
    c.bandit.prior_sessions = p.real("prior_sessions");
    c.peak_weight = p.real("peak_weight");
    return c;
  }

  plugins::BanditDiscountModel model_;
};

}  // namespace
}  // namespace promosim

PROMOSIM_PLUGIN_LIBRARY(promosim::describe<promosim::BanditDiscount>(
    {"bandit_discount", "1.0.0",
     "Thompson sampling over discount levels per segment, rewarded by session margin, with budget pacing"},
    promosim::kLearnsFromHistory | promosim::kLearnsOnline | promosim::kUsesRandomness, promosim::kParams,
    promosim::kMetrics))
