#pragma once
// Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren & Volinsky
// 2008): fits a logged population's shopper and item factors to who engaged with what, so a
// replayed shopper's simulated tastes follow their real history (docs/logged-population.md).
#include <cstdint>
#include <span>
#include <vector>

namespace promosim {

/// One (shopper, item) cell with its summed engagement weight.
struct FeedbackCell {
  std::uint32_t row = 0;
  std::uint32_t col = 0;
  float weight = 0.0f;
};

struct ImplicitAlsOptions {
  std::uint32_t factors = 8;
  std::uint32_t iterations = 10;
  double regularisation = 0.1;  ///< λ on both sides
  double alpha = 10.0;          ///< confidence 1 + α · weight
  std::uint64_t key = 0;        ///< random key of the initial factors
};

/// Row-major factors: rows × factors and cols × factors.
struct FactorPair {
  std::vector<float> row_factors;
  std::vector<float> col_factors;
};

/// Fits preference p = 1 for every given cell and 0 elsewhere, with confidence 1 + α·weight,
/// minimising Σ c (p − x·y)² + λ(|x|² + |y|²). Rows and cols without cells stay 0. Each sweep
/// solves all cols, then all rows, exactly (in parallel, each independently: the result does
/// not depend on the thread count).
FactorPair fit_implicit_als(std::span<const FeedbackCell> cells, std::uint32_t rows, std::uint32_t cols,
                            const ImplicitAlsOptions& options);

/// Rescales the sides so that ⟨x, y⟩ over every (row, col) pair with cells on both sides has
/// standard deviation 1, the scale of the synthetic shoppers' match, and fitted rows have the
/// synthetic shoppers' mean squared length `dimensions` (so their match with drawn items is on
/// that scale too). The product of the two scales is fixed by the first condition.
void standardise_match(FactorPair& factors, std::span<const char> row_fitted, std::span<const char> col_fitted,
                       std::uint32_t dimensions);

}  // namespace promosim
