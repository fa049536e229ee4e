#pragma once
// The factor storage both trainers share, and the item groups (categories) whose mean factors
// a hierarchical prior shrinks items toward.
#include <Eigen/Core>
#include <cstdint>
#include <span>

#include "promosim/types.hpp"

namespace promosim::plugins {

/// Factors one row per shopper or item, row-major so a row is contiguous.
using FactorMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Which group (category) each item's factors are shrunk toward; empty: no groups.
struct ItemGroups {
  std::span<const CategoryId> of_item;  ///< one entry per item, or empty
  std::uint32_t count = 0;              ///< groups; every entry is below it
};

/// The mean row of each group's items (groups.count × columns), summed in item order in double;
/// a group without items gets 0. Throws std::invalid_argument if the groups do not match the
/// rows.
FactorMatrix group_means(const ItemGroups& groups, const FactorMatrix& item_rows);

}  // namespace promosim::plugins
