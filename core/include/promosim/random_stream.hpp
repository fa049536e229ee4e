#pragma once
// Counter-based randomness (Philox4x32-10, Random123). A draw is a pure function of
// (key, purpose, a, b, index): no state, no order dependence, so the same shopper at the
// same tick gets the same numbers in every arm and on any thread count.
#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstdint>

namespace promosim {

/// Namespaces of the counter's third word. Engine purposes are below kPluginPurposeBase;
/// plugins use kPluginPurposeBase + their own small constant.
enum class Purpose : std::uint32_t {
  kArrival = 1,
  kSessionIntent = 2,
  kClick = 3,
  kCart = 4,
  kPurchase = 5,
  kEventSample = 6,
  kPadding = 7,
  kCartAhead = 8,
  kChurn = 9,
  kFlashSale = 10,
  kCouponDrop = 11,
  kPresale = 12,
  kCatalog = 16,
  kPopulation = 17,
  kHistory = 18,
  kOfflineEvaluation = 19,  ///< sampled negatives of `promosim evaluate`
  kPluginPurposeBase = 1u << 16,
};

/// A stream of uniform numbers addressed by index. Two streams with equal arguments give
/// equal numbers. Cheap to construct (no state beyond the key and counter); const methods
/// are thread-safe.
class RandomStream {
 public:
  /// key: 64-bit key (e.g. DecisionContext::random_key); purpose: see Purpose;
  /// a, b: the entity the draws belong to, typically (shopper, tick).
  RandomStream(std::uint64_t key, std::uint32_t purpose, std::uint32_t a, std::uint32_t b)
      : key_{{static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32)}},
        a_(a), b_(b), purpose_(purpose) {}
  RandomStream(std::uint64_t key, Purpose purpose, std::uint32_t a, std::uint32_t b)
      : RandomStream(key, static_cast<std::uint32_t>(purpose), a, b) {}

  /// Four independent 32-bit words for block `block`.
  std::array<std::uint32_t, 4> bits(std::uint32_t block) const {
    r123::Philox4x32 philox;
    const r123::Philox4x32::ctr_type counter = {{a_, b_, purpose_, block}};
    const r123::Philox4x32::ctr_type out = philox(counter, key_);
    return {out[0], out[1], out[2], out[3]};
  }

  /// Uniform in the open interval (0, 1); draw `index` uses word index % 4 of block index / 4.
  double uniform(std::uint32_t index) const { return to_unit(bits(index / 4)[index % 4]); }

  /// Four uniforms in (0, 1) from one Philox call: the fast path for draws made together.
  std::array<double, 4> uniform4(std::uint32_t block) const {
    const auto w = bits(block);
    return {to_unit(w[0]), to_unit(w[1]), to_unit(w[2]), to_unit(w[3])};
  }

  /// Maps a 32-bit word to (0, 1): never 0 or 1, so log(u) and log(1-u) are finite.
  static double to_unit(std::uint32_t word) { return (static_cast<double>(word) + 0.5) * 0x1p-32; }

 private:
  r123::Philox4x32::key_type key_;
  std::uint32_t a_, b_, purpose_;
};

/// Standard normal from two uniforms in (0, 1) (Box-Muller, cosine branch).
inline double standard_normal(double u1, double u2) {
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

/// Derives a stream key from a master seed and a sub-key (e.g. the replicate index) with
/// the SplitMix64 finaliser, so neighbouring seeds give unrelated keys.
constexpr std::uint64_t derive_key(std::uint64_t seed, std::uint64_t sub) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (sub + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace promosim
