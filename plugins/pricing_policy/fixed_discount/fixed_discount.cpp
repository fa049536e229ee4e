// Fixed discount: one discount depth on every eligible shown item, optionally only for
// hesitant shoppers (low predicted intent) and only on items above a price floor. The
// blanket-coupon baseline, and with max_intent < 1 the simplest intent-targeted promotion.
#include <iterator>
#include <limits>

#include "promosim/sdk.hpp"

namespace promosim {
namespace {

constexpr ParamSpec kParams[] = {
    ParamSpec::real("discount", 0.1, 0, 0.95, "fraction of list price",
                    "discount shown with every eligible item (0.1 = 10% off)"),
    ParamSpec::real("min_price", 0, 0, std::numeric_limits<double>::infinity(), "currency units",
                    "only items whose list price is at least this are discounted"),
    ParamSpec::real("max_intent", 1, 0, 1, "probability",
                    "only sessions whose predicted intent is at most this get discounts (1 = everyone)"),
};

class FixedDiscount final : public PricingPolicy {
 public:
  explicit FixedDiscount(const CreateContext& context)
      : catalog_(context.catalog),
        discount_(static_cast<float>(context.params->real("discount"))),
        min_price_(static_cast<float>(context.params->real("min_price"))),
        max_intent_(static_cast<float>(context.params->real("max_intent"))) {}

  void price(const SessionBatch& batch, const float* intent, std::size_t slate_size, const ItemId* slates,
             float* discounts,
             CouponOffer* /*coupons*/) const override {
    for (std::size_t i = 0; i < batch.size; ++i) {
      const bool targeted = intent[i] <= max_intent_;
      for (std::size_t j = i * slate_size; j < (i + 1) * slate_size; ++j) {
        const ItemId item = slates[j];
        const bool eligible = targeted && item != kNoItem && catalog_->list_price[item] >= min_price_;
        discounts[j] = eligible ? discount_ : 0.0f;
      }
    }
  }

 private:
  const CatalogView* catalog_;
  // Thresholds in float, the precision of the prices and scores they are compared with, so
  // max_intent 0.3 includes a session scored 0.3f.
  float discount_;
  float min_price_;
  float max_intent_;
};

}  // namespace
}  // namespace promosim

PROMOSIM_PLUGIN_LIBRARY(promosim::describe<promosim::FixedDiscount>(
    {"fixed_discount", "1.0.0", "the same discount on every shown item, optionally only for hesitant shoppers"},
    promosim::kReadsIntent, promosim::kParams))
