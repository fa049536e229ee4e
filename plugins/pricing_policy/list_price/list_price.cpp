// The "no promotion" pricing policy: every item at its list price. The baseline against
// which any discount's lift and cost are measured.
#include <algorithm>

#include "promosim/sdk.hpp"

namespace promosim {
namespace {

class ListPrice final : public PricingPolicy {
 public:
  explicit ListPrice(const CreateContext& /*context*/) {}

  void price(const SessionBatch& batch, const float* /*intent*/, std::size_t slate_size,
             const ItemId* /*slates*/, float* discounts,
             CouponOffer* /*coupons*/) const override {
    std::fill(discounts, discounts + batch.size * slate_size, 0.0f);
  }
};

}  // namespace
}  // namespace promosim

PROMOSIM_PLUGIN_LIBRARY(promosim::describe<promosim::ListPrice>(
    {"list_price", "1.0.0", "no discount: every item at its list price"}, 0))
