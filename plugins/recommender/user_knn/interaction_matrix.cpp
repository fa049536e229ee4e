#include "interaction_matrix.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace promosim::plugins {

InteractionMatrix::InteractionMatrix(std::uint32_t shopper_count, std::uint32_t item_count)
    : rows_(shopper_count), postings_(item_count), sums_(shopper_count, 0.0), sum_squares_(shopper_count, 0.0) {}

bool InteractionMatrix::add(ShopperId shopper, ItemId item, float weight) {
  if (shopper >= rows_.size()) {
    throw std::out_of_range("shopper " + std::to_string(shopper) + " outside the population of " +
                            std::to_string(rows_.size()) + " shoppers");
  }
  if (item >= postings_.size()) {
    throw std::out_of_range("item " + std::to_string(item) + " outside the catalog of " +
                            std::to_string(postings_.size()) + " items");
  }
  std::vector<ItemWeight>& row = rows_[shopper];
  const auto at = std::lower_bound(row.begin(), row.end(), item,
                                   [](const ItemWeight& e, ItemId i) { return e.item < i; });
  const bool fresh = at == row.end() || at->item != item;
  if (fresh) {
    row.insert(at, {item, weight});
    postings_[item].push_back(shopper);
  } else {
    at->weight += weight;
  }
  // Recomputed from the row rather than updated by differences, so the sums are exact
  // functions of the row whatever order its events came in.
  double sum = 0.0, squares = 0.0;
  for (const ItemWeight& e : row) {
    sum += e.weight;
    squares += static_cast<double>(e.weight) * e.weight;
  }
  sums_[shopper] = sum;
  sum_squares_[shopper] = squares;
  return fresh;
}

float InteractionMatrix::weight(ShopperId shopper, ItemId item) const {
  const std::vector<ItemWeight>& row = rows_.at(shopper);
  const auto at = std::lower_bound(row.begin(), row.end(), item,
                                   [](const ItemWeight& e, ItemId i) { return e.item < i; });
  return at != row.end() && at->item == item ? at->weight : 0.0f;
}

}  // namespace promosim::plugins
