#include "factor_matrix.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace promosim::plugins {

FactorMatrix group_means(const ItemGroups& groups, const FactorMatrix& item_rows) {
  if (groups.of_item.size() != static_cast<std::size_t>(item_rows.rows())) {
    throw std::invalid_argument("item groups: " + std::to_string(groups.of_item.size()) + " entries for " +
                                std::to_string(item_rows.rows()) + " items");
  }
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(groups.count, item_rows.cols());
  std::vector<std::size_t> sizes(groups.count, 0);
  for (Eigen::Index i = 0; i < item_rows.rows(); ++i) {
    const CategoryId g = groups.of_item[static_cast<std::size_t>(i)];
    if (g >= groups.count) {
      throw std::invalid_argument("item groups: item " + std::to_string(i) + " in group " + std::to_string(g) +
                                  " of " + std::to_string(groups.count));
    }
    sums.row(g) += item_rows.row(i).cast<double>();
    ++sizes[g];
  }
  FactorMatrix means(groups.count, item_rows.cols());
  for (std::uint32_t g = 0; g < groups.count; ++g) {
    const double size = sizes[g] > 0 ? static_cast<double>(sizes[g]) : 1.0;
    means.row(g) = (sums.row(g) / size).cast<float>();
  }
  return means;
}

}  // namespace promosim::plugins
