#pragma once
// An interval of allowed numeric values, inclusive or exclusive at each end. Declared in the
// scenario schema and built from plugins' ParamSpecs, so range checks, their messages and the
// generated reference all say the same thing.
#include <limits>
#include <string>
#include <string_view>

namespace promosim {

struct ValueRange {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false;  ///< min itself is excluded
  bool max_open = false;  ///< max itself is excluded

  bool contains(double value) const;
  bool bounded_below() const { return min != -std::numeric_limits<double>::infinity(); }
  bool bounded_above() const { return max != std::numeric_limits<double>::infinity(); }

  /// The range on its own: "[0, 1]", "(0, 24]", ">= 0", "> 0"; "" if unbounded.
  std::string interval() const;
  /// How the range reads after "a value": "in [0, 1]", ">= 0".
  std::string phrase() const;

  /// "" if `value` lies inside, else the cause and fix, e.g. "1.5 is above the maximum 1; use
  /// a value in [0, 1]". `shown` is the value as the user wrote it.
  std::string violation(std::string_view shown, double value) const;
};

}  // namespace promosim
