#pragma once
// ns-3 style declaration of one scenario key: path, type, default, range and doc, written once
// and read by the validator (scenario_schema.cpp) and the generated reference alike.
#include <limits>

#include "scenario_value_range.hpp"

namespace promosim {

enum class KeyType {
  kText,          ///< any scalar, kept as written
  kName,          ///< [A-Za-z0-9_-]+
  kDate,          ///< YYYY-MM-DD, a real calendar date, or "" for none
  kInteger,       ///< whole number within `range` (2.0 accepted)
  kReal,          ///< number within `range` (integers accepted)
  kChoice,        ///< one of the '|'-separated `choices`
  kBudget,        ///< number within `range`, or "unlimited" (+infinity)
  kDistribution,  ///< {dist: ...}; every value it can yield must lie within `range`
  kTextList,      ///< list of scalars
  kRealList,      ///< list of numbers, each within `range`
  kMap,           ///< map whose keys are declared under this path
  kList,          ///< list of maps whose keys are declared under "<path>[]"; `range.min` entries at least
  kPluginChoice,  ///< plugin name, or a map declared under "arms[].<slot>"
  kParams,        ///< map checked against the chosen plugin's ParamSpecs
  kSweepGrid,     ///< map of arm paths ("pricing_policy.params.discount") to non-empty lists of scalars
  kSweepCases,    ///< list of maps of arm paths to scalars
};

struct KeySpec {
  const char* path = "";              ///< e.g. "population.segments[].share"; "[]" marks list entries
  KeyType type = KeyType::kText;
  const char* default_yaml = nullptr; ///< the default as YAML text; nullptr: the key is required
  // The range as plain fields rather than a ValueRange member: GCC 12 warns
  // (-Wmissing-field-initializers) when a designated initializer omits a class-type member.
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_open = false;
  bool max_open = false;
  const char* choices = "";           ///< kChoice: "tick|day"
  const char* doc = "";               ///< one line, Markdown

  /// Allowed values (kInteger, kReal, kBudget, kDistribution) or least entry count (kList).
  constexpr ValueRange range() const { return {min, max, min_open, max_open}; }
};

}  // namespace promosim
