#pragma once
// Fixed shopper shards: shard k of n holds shoppers [k*N/n, (k+1)*N/n). They are the unit
// of parallel work and of paired statistics, and do not depend on the thread count.
#include <cstdint>

#include "promosim/types.hpp"

namespace promosim {

struct ShardRange {
  ShopperId begin, end;
  static ShardRange of(std::uint32_t shard, std::uint32_t shards, std::uint32_t shoppers) {
    const auto at = [&](std::uint64_t k) { return static_cast<ShopperId>(k * shoppers / shards); };
    return {at(shard), at(shard + 1ull)};
  }
};

}  // namespace promosim
