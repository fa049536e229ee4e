#include "scenario_value_range.hpp"

#include "yaml_scalar.hpp"

namespace promosim {

bool ValueRange::contains(double value) const {
  const bool above_min = min_open ? value > min : value >= min;
  const bool below_max = max_open ? value < max : value <= max;
  return above_min && below_max;
}

std::string ValueRange::interval() const {
  // Built with append(): GCC 12 reports a false -Wrestrict on "(" + std::string temporaries.
  std::string text;
  if (bounded_below() && bounded_above()) {
    text.append(min_open ? "(" : "[").append(format_number(min)).append(", ").append(format_number(max));
    return text.append(max_open ? ")" : "]");
  }
  if (bounded_below()) text.append(min_open ? "> " : ">= ").append(format_number(min));
  if (bounded_above()) text.append(max_open ? "< " : "<= ").append(format_number(max));
  return text;
}

std::string ValueRange::phrase() const {
  std::string text = bounded_below() && bounded_above() ? "in " : "";
  return text.append(interval());
}

std::string ValueRange::violation(std::string_view shown, double value) const {
  if (contains(value)) return "";
  const std::string fix = "; use a value " + phrase();
  const std::string v(shown);
  if (value < min || (min_open && value == min)) {
    return (min_open ? v + " must be greater than " : v + " is below the minimum ") + format_number(min) + fix;
  }
  return (max_open ? v + " must be less than " : v + " is above the maximum ") + format_number(max) + fix;
}

}  // namespace promosim
