#pragma once
// The YAML forms of a Distribution ({dist: lognormal, median: 100, sigma: 0.8}): the parser,
// Distribution::to_string and the generated reference all read this one table.
#include <span>

#include "distribution.hpp"
#include "scenario_value_range.hpp"

namespace promosim {

struct DistributionForm {
  Distribution::Family family;
  const char* name;     ///< value of the `dist` key
  const char* a_key;    ///< key of Distribution::a
  ValueRange a_range;
  const char* b_key;    ///< key of Distribution::b, nullptr for one-parameter forms
  ValueRange b_range;
  const char* doc;      ///< one line, Markdown
};

/// Every form, in the order the reference lists them.
std::span<const DistributionForm> distribution_forms();

/// The form of `family`.
const DistributionForm& distribution_form(Distribution::Family family);

}  // namespace promosim
