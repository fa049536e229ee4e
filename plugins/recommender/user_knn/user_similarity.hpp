#pragma once
// How alike two shoppers' interaction rows are: cosine, or Pearson correlation over the whole
// catalog (an item the shopper never touched counts as weight 0).
#include <cstdint>
#include <string_view>

#include "interaction_matrix.hpp"

namespace promosim::plugins {

enum class SimilarityKind { kCosine, kPearson };

/// The `similarity` parameter's choices and their parsing.
inline constexpr const char* kSimilarityChoices = "cosine|pearson";
SimilarityKind parse_similarity(std::string_view name);

class UserSimilarity {
 public:
  /// `matrix` must outlive this object.
  UserSimilarity(SimilarityKind kind, const InteractionMatrix& matrix) : kind_(kind), matrix_(matrix) {}

  /// The similarity of u and v given the dot product of their rows, which is what neighbour
  /// search accumulates through the inverted index:
  ///   cosine:  dot / sqrt(Σu² Σv²)
  ///   pearson: (dot − Σu Σv / n) / sqrt((Σu² − (Σu)²/n) (Σv² − (Σv)²/n)), n = item count
  /// 0 when a denominator is 0 (an empty row, or a row with the same weight on every item).
  double from_dot(ShopperId u, ShopperId v, double dot) const;

  /// The similarity of u and v computed from their rows (a merge of the two sorted rows).
  double between(ShopperId u, ShopperId v) const;

 private:
  SimilarityKind kind_;
  const InteractionMatrix& matrix_;
};

}  // namespace promosim::plugins
