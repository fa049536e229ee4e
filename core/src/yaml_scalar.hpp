#pragma once
// Reading and writing YAML scalars exactly: numbers are parsed with std::from_chars (no
// locale, no silent truncation such as "2.5" read as integer 2) and printed in the shortest
// form that reads back as the same double, so a resolved configuration round-trips.
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "promosim/parameter_spec.hpp"
#include "scenario_value_range.hpp"

namespace promosim {

/// Shortest text that reads back as the same double; whole numbers below 1e15 in plain digits
/// ("50000000", not "5e+07").
std::string format_number(double value);

/// A finite number in plain YAML style ("2", "-0.5", "1e3", "+4"); nullopt otherwise.
std::optional<double> parse_real(std::string_view text);

/// The first value of `key` in `map` and its key node (yaml-cpp keeps duplicate keys in
/// iteration order; lookups must see the first, as yaml-cpp's own operator[] does), or two
/// undefined nodes.
std::pair<YAML::Node, YAML::Node> find_entry(const YAML::Node& map, std::string_view key);

/// How a node reads in a message: "'many'", "a map", "a list", "no value".
std::string describe_node(const YAML::Node& node);

/// The value of a numeric scalar, or why it is not acceptable.
struct ScalarNumber {
  double value = 0.0;      ///< integer, real or boolean (0/1) value
  long long integer = 0;   ///< exact value of an integer (seeds exceed 2^53)
  std::string problem;     ///< cause and fix; empty when the value is acceptable
};

/// Reads `node` as a `type` (kInteger, kReal or kBoolean) within `range`. Integers accept
/// whole reals such as 2.0, reals accept integers, booleans are exactly true or false, and a
/// quoted scalar is text, never a number.
ScalarNumber read_number(const YAML::Node& node, ParamType type, const ValueRange& range);

/// "an integer in [1, 1000]", "a number >= 0", "true or false": what a value of `type`
/// within `range` must be.
std::string number_expectation(ParamType type, const ValueRange& range);

}  // namespace promosim
