// Random recommender: a uniformly random slate of launched items per session. The floor
// every strategy should clear, and the logging policy off-policy estimators need (known,
// positive propensity for every item).
#include <algorithm>
#include <array>
#include <cstdint>
#include <numeric>
#include <vector>

#include "promosim/sdk.hpp"

namespace promosim {
namespace {

/// This plugin's RandomStream purpose, offset from Purpose::kPluginPurposeBase.
constexpr std::uint32_t kSlatePurpose = 1;

class RandomRecommender final : public Recommender {
 public:
  explicit RandomRecommender(const CreateContext& context)
      : catalog_(context.catalog), by_launch_(context.catalog->item_count) {
    // Items ordered by launch tick (then id): those launched by tick t are a prefix, so a
    // session samples indices into that prefix without touching the rest of the catalog.
    std::iota(by_launch_.begin(), by_launch_.end(), ItemId{0});
    std::stable_sort(by_launch_.begin(), by_launch_.end(), [this](ItemId a, ItemId b) {
      return catalog_->launch_tick[a] < catalog_->launch_tick[b];
    });
  }

  void recommend(const SessionBatch& batch, std::size_t slate_size, ItemId* slates) const override {
    const TickIndex tick = batch.context->tick;
    const auto launched_end = std::upper_bound(
        by_launch_.begin(), by_launch_.end(), tick,
        [this](TickIndex t, ItemId item) { return t < catalog_->launch_tick[item]; });
    const auto launched = static_cast<std::uint32_t>(launched_end - by_launch_.begin());
    const auto k = static_cast<std::uint32_t>(std::min<std::size_t>(slate_size, launched));
    const std::uint32_t purpose = static_cast<std::uint32_t>(Purpose::kPluginPurposeBase) + kSlatePurpose;
    for (std::size_t i = 0; i < batch.size; ++i) {
      ItemId* slate = slates + i * slate_size;
      const RandomStream stream(batch.context->random_key, purpose, batch.sessions[i].shopper, tick);
      std::array<std::uint32_t, 4> block{};
      std::uint32_t drawn = 0;
      // Uniform integer in [0, bound) by Lemire's multiply-shift, four words per Philox call;
      // the bias (at most bound / 2^32) is far below anything a simulation can detect.
      const auto below = [&](std::uint32_t bound) {
        if (drawn % 4 == 0) block = stream.bits(drawn / 4);
        const std::uint64_t word = block[drawn++ % 4];
        return static_cast<std::uint32_t>((word * bound) >> 32);
      };
      // Floyd's algorithm: k distinct indices in [0, launched) from exactly k draws, O(k^2)
      // membership checks on the slate itself (k is a slate, not a catalog).
      for (std::uint32_t j = launched - k, filled = 0; j < launched; ++j, ++filled) {
        const std::uint32_t pick = below(j + 1);
        const ItemId candidate = by_launch_[pick];
        slate[filled] = std::find(slate, slate + filled, candidate) != slate + filled ? by_launch_[j] : candidate;
      }
      // Floyd's set is uniform but its order is not (late draws favour late indices), and
      // slate position matters to shoppers: a Fisher-Yates pass makes the order uniform too.
      for (std::uint32_t j = k; j > 1; --j) std::swap(slate[j - 1], slate[below(j)]);
      std::fill(slate + k, slate + slate_size, kNoItem);
    }
  }

 private:
  const CatalogView* catalog_;
  std::vector<ItemId> by_launch_;
};

}  // namespace
}  // namespace promosim

PROMOSIM_PLUGIN_LIBRARY(promosim::describe<promosim::RandomRecommender>(
    {"random", "1.0.0", "uniformly random distinct launched items, the same for a shopper and tick in every arm"},
    promosim::kUsesRandomness))
