#pragma once
// Drawing a few items at random from many, reproducibly (flash sales, pre-sales).
#include <algorithm>
#include <vector>

#include "promosim/random_stream.hpp"
#include "promosim/types.hpp"

namespace promosim {

/// `count` distinct items drawn uniformly from `pool` (in draw order), using draws 0, 1, ... of
/// `stream`: a partial Fisher-Yates shuffle.
inline std::vector<ItemId> sample_items(std::vector<ItemId> pool, std::size_t count, const RandomStream& stream) {
  const std::size_t n = std::min(count, pool.size());
  for (std::size_t k = 0; k < n; ++k) {
    const auto left = static_cast<double>(pool.size() - k);
    const std::size_t pick =
        k + std::min(pool.size() - k - 1, static_cast<std::size_t>(stream.uniform(static_cast<std::uint32_t>(k)) * left));
    std::swap(pool[k], pool[pick]);
  }
  pool.resize(n);
  return pool;
}

}  // namespace promosim
