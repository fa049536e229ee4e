#pragma once
// One side of implicit-feedback alternating least squares (Hu, Koren & Volinsky 2008): with
// the other side's factors F fixed (and, optionally, a fixed offset o_j added to every score
// of row j, e.g. an item bias), a row's factors x minimise
//   Σ_all j c_j (p_j − o_j − x·f_j)² + λ |x − prior|²
// where p_j = 1 and c_j = 1 + α r_j for the row's interactions and p_j = 0, c_j = 1 for every
// other row of F. Setting the gradient to zero gives
//   x = (FᵀF + λI + Σ_j∈row (c_j − 1) f_j f_jᵀ)⁻¹ (λ prior − Fᵀo + Σ_j∈row f_j (c_j (1 − o_j) + o_j)).
// FᵀF and Fᵀo are computed once per solver (the paper's precomputation), so a row costs
// O(n_row k² + k³), not O(|F| k²).
#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <span>

#include "factor_matrix.hpp"
#include "implicit_feedback.hpp"

namespace promosim::plugins {

class WeightedLeastSquares {
 public:
  /// `fixed` (rows × k) and `offsets` (rows entries, or empty for none) must outlive the
  /// solver and stay unchanged while it is used. regularisation λ > 0 keeps every system
  /// positive definite; alpha ≥ 0.
  WeightedLeastSquares(const FactorMatrix& fixed, std::span<const float> offsets, double regularisation,
                       double alpha);

  /// Buffers of one solve, reused across rows so that solving allocates nothing. One per thread.
  struct Workspace {
    explicit Workspace(Eigen::Index k) : system(k, k), rhs(k), cholesky(k) {}
    Eigen::MatrixXd system;
    Eigen::VectorXd rhs;
    Eigen::LLT<Eigen::MatrixXd> cholesky;
  };

  /// Writes the row's factors (k floats) into `out`; `prior` (k floats) or nullptr for 0.
  /// A row without interactions and without a prior is outside the model: all zeros. Interaction indices
  /// must be rows of `fixed` (std::out_of_range otherwise).
  void solve(std::span<const Interaction> interactions, float* out, Workspace& workspace,
             const float* prior = nullptr) const;

  Eigen::Index factors() const { return fixed_.cols(); }

 private:
  const FactorMatrix& fixed_;
  std::span<const float> offsets_;
  double regularisation_;
  double alpha_;
  Eigen::MatrixXd gram_;               // FᵀF
  Eigen::VectorXd offset_projection_;  // Fᵀo
};

}  // namespace promosim::plugins
