// Known-answer tests of the counter-based generator every draw in promosim comes from.
#include <catch2/catch.hpp>

#include "promosim/random_stream.hpp"

using promosim::Purpose;
using promosim::RandomStream;

namespace {

/// A stream whose Philox counter is (c0, c1, c2, ·) and key (k0, k1), read at block c3.
std::array<std::uint32_t, 4> philox(std::uint32_t c0, std::uint32_t c1, std::uint32_t c2, std::uint32_t c3,
                                    std::uint32_t k0, std::uint32_t k1) {
  return RandomStream((std::uint64_t{k1} << 32) | k0, c2, c0, c1).bits(c3);
}

}  // namespace

TEST_CASE("Philox4x32-10 matches the published known-answer vectors", "[random]") {
  // Salmon et al., "Parallel random numbers: as easy as 1, 2, 3" (SC11), Random123 kat_vectors.
  CHECK(philox(0, 0, 0, 0, 0, 0) == std::array<std::uint32_t, 4>{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
  CHECK(philox(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff) ==
        std::array<std::uint32_t, 4>{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
  CHECK(philox(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0) ==
        std::array<std::uint32_t, 4>{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
}

TEST_CASE("draws are addressed, not sequential", "[random]") {
  const RandomStream a(42, Purpose::kClick, 7, 3);
  const RandomStream same(42, Purpose::kClick, 7, 3);
  CHECK(a.uniform(5) == same.uniform(5));
  CHECK(a.uniform(5) == a.uniform4(1)[1]);  // index 5 is word 1 of block 1
  CHECK(a.uniform(5) != RandomStream(42, Purpose::kCart, 7, 3).uniform(5));
  CHECK(a.uniform(5) != RandomStream(42, Purpose::kClick, 8, 3).uniform(5));
  CHECK(a.uniform(5) != RandomStream(43, Purpose::kClick, 7, 3).uniform(5));
}

TEST_CASE("uniforms stay strictly inside (0, 1)", "[random]") {
  CHECK(RandomStream::to_unit(0) == 0.5 * 0x1p-32);
  CHECK(RandomStream::to_unit(0xffffffff) < 1.0);
  CHECK(RandomStream::to_unit(0xffffffff) == 1.0 - 0.5 * 0x1p-32);
}

TEST_CASE("uniform draws have the moments of U(0,1)", "[random]") {
  const RandomStream stream(2024, Purpose::kArrival, 1, 2);
  constexpr int kDraws = 100000;
  double sum = 0.0, sum_sq = 0.0;
  for (int i = 0; i < kDraws; ++i) {
    const double u = stream.uniform(static_cast<std::uint32_t>(i));
    sum += u;
    sum_sq += u * u;
  }
  const double mean = sum / kDraws;
  // Mean 1/2 and variance 1/12, each within about 5 standard errors.
  CHECK(mean == Approx(0.5).margin(0.005));
  CHECK(sum_sq / kDraws - mean * mean == Approx(1.0 / 12.0).margin(0.002));
}

TEST_CASE("derived keys differ for neighbouring seeds and replicates", "[random]") {
  CHECK(promosim::derive_key(1, 0) != promosim::derive_key(1, 1));
  CHECK(promosim::derive_key(1, 0) != promosim::derive_key(2, 0));
  CHECK(promosim::derive_key(1, 0) == promosim::derive_key(1, 0));
}

TEST_CASE("standard normal from two uniforms", "[random]") {
  // u1 = e^{-1/2} gives radius 1; u2 = 0 gives cos 0 = 1.
  CHECK(promosim::standard_normal(std::exp(-0.5), 0.0) == Approx(1.0));
  CHECK(promosim::standard_normal(std::exp(-2.0), 0.5) == Approx(-2.0));
}
