#include "candidate_index.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "promosim/top_k.hpp"

namespace promosim::plugins {
namespace {

/// Items whose similarities are computed together, as one matrix product of this many rows
/// against the whole catalog (a few MB of scratch per thread).
constexpr Eigen::Index kBlockItems = 128;

}  // namespace

CandidateIndex::CandidateIndex(const FactorMatrix& item_factors, std::span<const float> item_bias,
                               const Eigen::VectorXf& mean_shopper, std::size_t per_item, std::size_t pool_size)
    : per_item_(per_item),
      near_(static_cast<std::size_t>(item_factors.rows()) * per_item, kNoItem),
      counts_(static_cast<std::size_t>(item_factors.rows()), 0) {
  const Eigen::Index n = item_factors.rows();
  if (item_bias.size() != static_cast<std::size_t>(n)) {
    throw std::invalid_argument("candidate index: " + std::to_string(item_bias.size()) + " item biases for " +
                                std::to_string(n) + " items");
  }
  FactorMatrix unit = item_factors;
  std::vector<std::uint8_t> has_factors(static_cast<std::size_t>(n), 0);
  for (Eigen::Index i = 0; i < n; ++i) {
    const float norm = unit.row(i).norm();
    if (norm > 0.0f) {
      unit.row(i) /= norm;
      has_factors[static_cast<std::size_t>(i)] = 1;
    }
  }

  const Eigen::Index blocks = (n + kBlockItems - 1) / kBlockItems;
  tbb::parallel_for(Eigen::Index{0}, blocks, [&](Eigen::Index b) {
    const Eigen::Index first = b * kBlockItems;
    const Eigen::Index rows = std::min(kBlockItems, n - first);
    // Column r holds item first + r's cosine with every item, contiguous for the scan below.
    const Eigen::MatrixXf similarity = unit * unit.middleRows(first, rows).transpose();
    TopK best(per_item);
    for (Eigen::Index r = 0; r < rows; ++r) {
      const auto item = static_cast<ItemId>(first + r);
      if (has_factors[item] == 0) continue;
      best.clear();
      for (Eigen::Index j = 0; j < n; ++j) {
        if (j != first + r && has_factors[static_cast<std::size_t>(j)] != 0) {
          best.push(similarity(j, r), static_cast<ItemId>(j));
        }
      }
      best.write(near_.data() + static_cast<std::size_t>(item) * per_item_);
      counts_[item] = static_cast<std::uint32_t>(best.size());
    }
  });

  TopK strongest(pool_size);
  const Eigen::VectorXf scores = item_factors * mean_shopper;
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto item = static_cast<std::size_t>(i);
    if (has_factors[item] != 0) strongest.push(scores(i) + item_bias[item], static_cast<ItemId>(i));
  }
  pool_.resize(strongest.size());
  strongest.write(pool_.data());
}

}  // namespace promosim::plugins
