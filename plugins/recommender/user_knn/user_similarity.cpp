#include "user_similarity.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace promosim::plugins {

SimilarityKind parse_similarity(std::string_view name) {
  if (name == "cosine") return SimilarityKind::kCosine;
  if (name == "pearson") return SimilarityKind::kPearson;
  throw std::invalid_argument("unknown similarity '" + std::string(name) + "' (expected " + kSimilarityChoices + ")");
}

double UserSimilarity::from_dot(ShopperId u, ShopperId v, double dot) const {
  double numerator = dot;
  double spread_u = matrix_.sum_squares(u), spread_v = matrix_.sum_squares(v);
  if (kind_ == SimilarityKind::kPearson) {
    const double n = matrix_.item_count();
    const double sum_u = matrix_.sum(u), sum_v = matrix_.sum(v);
    numerator -= sum_u * sum_v / n;
    spread_u -= sum_u * sum_u / n;
    spread_v -= sum_v * sum_v / n;
  }
  const double denominator = std::sqrt(spread_u * spread_v);
  return denominator > 0.0 ? numerator / denominator : 0.0;
}

double UserSimilarity::between(ShopperId u, ShopperId v) const {
  const auto a = matrix_.row(u), b = matrix_.row(v);
  double dot = 0.0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i].item < b[j].item) {
      ++i;
    } else if (b[j].item < a[i].item) {
      ++j;
    } else {
      dot += static_cast<double>(a[i++].weight) * b[j++].weight;
    }
  }
  return from_dot(u, v, dot);
}

}  // namespace promosim::plugins
