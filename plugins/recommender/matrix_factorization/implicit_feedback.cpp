#include "implicit_feedback.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace promosim::plugins {
namespace {

template <class Row>  // const or mutable row
auto find_item(Row& row, ItemId item) {
  return std::lower_bound(row.begin(), row.end(), item, [](const Interaction& e, ItemId i) { return e.index < i; });
}

}  // namespace

ImplicitFeedback::ImplicitFeedback(std::uint32_t shopper_count, std::uint32_t item_count)
    : item_count_(item_count), rows_(shopper_count) {}

bool ImplicitFeedback::add(ShopperId shopper, ItemId item, float weight) {
  if (shopper >= rows_.size()) {
    throw std::out_of_range("shopper " + std::to_string(shopper) + " outside the population of " +
                            std::to_string(rows_.size()) + " shoppers");
  }
  if (item >= item_count_) {
    throw std::out_of_range("item " + std::to_string(item) + " outside the catalog of " +
                            std::to_string(item_count_) + " items");
  }
  std::vector<Interaction>& row = rows_[shopper];
  const auto at = find_item(row, item);
  if (at != row.end() && at->index == item) {
    at->weight += weight;
    return false;
  }
  row.insert(at, {item, weight});
  return true;
}

bool ImplicitFeedback::contains(ShopperId shopper, ItemId item) const {
  const std::vector<Interaction>& row = rows_[shopper];
  const auto at = find_item(row, item);
  return at != row.end() && at->index == item;
}

SparseRows ImplicitFeedback::by_shopper() const {
  SparseRows out;
  out.offsets.reserve(rows_.size() + 1);
  for (const std::vector<Interaction>& row : rows_) {
    out.entries.insert(out.entries.end(), row.begin(), row.end());
    out.offsets.push_back(out.entries.size());
  }
  return out;
}

SparseRows ImplicitFeedback::by_item() const {
  SparseRows out;
  out.offsets.assign(item_count_ + 1, 0);
  for (const std::vector<Interaction>& row : rows_) {
    for (const Interaction& e : row) ++out.offsets[e.index + 1];
  }
  for (std::size_t i = 0; i < item_count_; ++i) out.offsets[i + 1] += out.offsets[i];
  out.entries.resize(out.offsets.back());
  std::vector<std::size_t> next(out.offsets.begin(), out.offsets.end() - 1);
  // Shoppers are visited in id order, so every item's row comes out sorted by shopper.
  for (ShopperId s = 0; s < rows_.size(); ++s) {
    for (const Interaction& e : rows_[s]) out.entries[next[e.index]++] = {s, e.weight};
  }
  return out;
}

}  // namespace promosim::plugins
