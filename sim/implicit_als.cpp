#include "implicit_als.hpp"

#include <tbb/parallel_for.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "promosim/random_stream.hpp"

namespace promosim {

namespace {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;

/// Cells grouped by one side: entry j of group g is (other index, weight).
struct Grouped {
  std::vector<std::uint32_t> offsets;
  std::vector<std::uint32_t> other;
  std::vector<float> weight;
};

Grouped group(std::span<const FeedbackCell> cells, std::uint32_t count, bool by_row) {
  Grouped g;
  g.offsets.assign(count + 1, 0);
  for (const FeedbackCell& c : cells) ++g.offsets[(by_row ? c.row : c.col) + 1];
  for (std::uint32_t i = 0; i < count; ++i) g.offsets[i + 1] += g.offsets[i];
  g.other.resize(cells.size());
  g.weight.resize(cells.size());
  std::vector<std::uint32_t> next(g.offsets.begin(), g.offsets.end() - 1);
  for (const FeedbackCell& c : cells) {
    const std::uint32_t at = next[by_row ? c.row : c.col]++;
    g.other[at] = by_row ? c.col : c.row;
    g.weight[at] = c.weight;
  }
  return g;
}

/// Solves every member of `side` given the other side's factors (one row each).
void solve_side(Matrix& side, const Matrix& other, const Grouped& cells, const ImplicitAlsOptions& o) {
  const Eigen::Index d = other.cols();
  const Matrix gram = other.transpose() * other;
  tbb::parallel_for(Eigen::Index{0}, side.rows(), [&](Eigen::Index i) {
    const std::uint32_t begin = cells.offsets[i], end = cells.offsets[i + 1];
    if (begin == end) {
      side.row(i).setZero();
      return;
    }
    Matrix a = gram + o.regularisation * Matrix::Identity(d, d);
    Vector b = Vector::Zero(d);
    for (std::uint32_t j = begin; j < end; ++j) {
      const auto y = other.row(cells.other[j]).transpose();
      const double confidence = 1.0 + o.alpha * cells.weight[j];
      a.noalias() += (confidence - 1.0) * y * y.transpose();
      b.noalias() += confidence * y;
    }
    side.row(i) = a.ldlt().solve(b).transpose();
  });
}

std::vector<float> to_floats(const Matrix& m) {
  std::vector<float> out(static_cast<std::size_t>(m.size()));
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    for (Eigen::Index j = 0; j < m.cols(); ++j) out[i * m.cols() + j] = static_cast<float>(m(i, j));
  }
  return out;
}

}  // namespace

FactorPair fit_implicit_als(std::span<const FeedbackCell> cells, std::uint32_t rows, std::uint32_t cols,
                            const ImplicitAlsOptions& options) {
  const Grouped by_row = group(cells, rows, true);
  const Grouped by_col = group(cells, cols, false);
  const Eigen::Index d = options.factors;
  Matrix x = Matrix::Zero(rows, d);
  Matrix y(cols, d);
  // Small random starting items; rows are solved from them first.
  for (std::uint32_t i = 0; i < cols; ++i) {
    const RandomStream stream(options.key, Purpose::kPopulation, i, 1);
    for (Eigen::Index j = 0; j < d; ++j) {
      const auto u = stream.uniform4(static_cast<std::uint32_t>(j));
      y(i, j) = 0.1 * standard_normal(u[0], u[1]);
    }
  }
  for (std::uint32_t sweep = 0; sweep < options.iterations; ++sweep) {
    solve_side(x, y, by_row, options);
    solve_side(y, x, by_col, options);
  }
  return {to_floats(x), to_floats(y)};
}

void standardise_match(FactorPair& factors, std::span<const char> row_fitted, std::span<const char> col_fitted,
                       std::uint32_t dimensions) {
  // E⟨x,y⟩² = trace(Mx My) and E⟨x,y⟩ = x̄·ȳ over independent rows and cols, from each side's
  // mean and second moment: no need to visit every pair.
  const auto moments = [&](const std::vector<float>& f, std::span<const char> fitted, Vector& mean, Matrix& second) {
    mean = Vector::Zero(dimensions);
    second = Matrix::Zero(dimensions, dimensions);
    double n = 0;
    for (std::size_t i = 0; i < fitted.size(); ++i) {
      if (!fitted[i]) continue;
      const Eigen::Map<const Eigen::VectorXf> v(f.data() + i * dimensions, dimensions);
      const Vector x = v.cast<double>();
      mean += x;
      second += x * x.transpose();
      n += 1;
    }
    if (n > 0) {
      mean /= n;
      second /= n;
    }
  };
  Vector mx, my;
  Matrix sx, sy;
  moments(factors.row_factors, row_fitted, mx, sx);
  moments(factors.col_factors, col_fitted, my, sy);
  const double variance = (sx * sy).trace() - std::pow(mx.dot(my), 2);
  if (!(variance > 0)) return;
  // One overall scale 1/sd for the match, split between the sides so that rows get the synthetic
  // shoppers' mean squared length (d: N(0, 1) per dimension); their match with items that were
  // not fitted (drawn, length about 1) then also has the synthetic spread.
  const double row_length = sx.trace();  // mean |x|²
  if (!(row_length > 0)) return;
  const double row_scale = std::sqrt(dimensions / row_length);
  const double col_scale = 1.0 / (std::sqrt(variance) * row_scale);
  for (float& v : factors.row_factors) v = static_cast<float>(v * row_scale);
  for (float& v : factors.col_factors) v = static_cast<float>(v * col_scale);
}

}  // namespace promosim
