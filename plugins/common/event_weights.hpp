#pragma once
// How much a click, an add-to-cart and a purchased unit add to a shopper's interaction with an
// item, for the recommenders that learn from weighted interaction counts (user_knn,
// matrix_factorization): the three parameters, declared once for their ParamSpec tables, and
// the weights read from them.
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

#include "promosim/sdk.hpp"

namespace promosim::plugins {

inline constexpr ParamSpec kClickWeightParam = ParamSpec::real(
    "click_weight", 1, 0, std::numeric_limits<double>::infinity(), "weight per event", "interaction weight a click adds");
inline constexpr ParamSpec kCartWeightParam =
    ParamSpec::real("cart_weight", 3, 0, std::numeric_limits<double>::infinity(), "weight per event",
                    "interaction weight an add-to-cart adds");
inline constexpr ParamSpec kPurchaseWeightParam =
    ParamSpec::real("purchase_weight", 10, 0, std::numeric_limits<double>::infinity(), "weight per event",
                    "interaction weight a purchased unit adds");

/// The interaction weight each event type adds.
struct EventWeights {
  float click = 0.0f;
  float cart = 0.0f;
  float purchase = 0.0f;

  /// The weights the three parameters above set.
  static EventWeights from(const ParameterSet& params);

  /// Throws std::invalid_argument unless every weight is >= 0; `owner` names the model in the
  /// message.
  void validate(std::string_view owner) const;

  /// The weight of `e`'s type. Inline: it runs once per learned event.
  float of(const Event& e) const {
    switch (e.type) {
      case EventType::kClick: return click;
      case EventType::kCart: return cart;
      case EventType::kPurchase: return purchase;
    }
    throw std::invalid_argument("event of unknown type " + std::to_string(static_cast<int>(e.type)));
  }
};

}  // namespace promosim::plugins
