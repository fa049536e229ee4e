#include "yaml_scalar.hpp"

#include <charconv>
#include <cmath>

namespace promosim {

std::string format_number(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::optional<double> parse_real(std::string_view text) {
  if (text.starts_with('+')) text.remove_prefix(1);
  if (text.empty() || text.starts_with('+')) return std::nullopt;
  double value = 0.0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::pair<YAML::Node, YAML::Node> find_entry(const YAML::Node& map, std::string_view key) {
  if (map.IsMap()) {
    for (const auto& entry : map) {
      if (entry.first.IsScalar() && entry.first.Scalar() == key) return {entry.second, entry.first};
    }
  }
  return {YAML::Node(YAML::NodeType::Undefined), YAML::Node(YAML::NodeType::Undefined)};
}

std::string describe_node(const YAML::Node& node) {
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  if (node.IsScalar()) return "'" + node.Scalar() + "'";
  return "no value";
}

std::string number_expectation(ParamType type, const ValueRange& range) {
  if (type == ParamType::kBoolean) return "true or false";
  const std::string phrase = range.phrase();
  return (type == ParamType::kInteger ? "an integer" : "a number") + (phrase.empty() ? "" : " " + phrase);
}

ScalarNumber read_number(const YAML::Node& node, ParamType type, const ValueRange& range) {
  ScalarNumber out;
  const std::string fix = "; use " + number_expectation(type, range);
  if (!node.IsScalar()) {
    out.problem = "found " + describe_node(node) + " where " +
                  (type == ParamType::kBoolean ? "true or false" : type == ParamType::kInteger ? "an integer" : "a number") +
                  " is expected" + fix;
    return out;
  }
  const std::string& text = node.Scalar();
  // yaml-cpp tags quoted scalars "!": "3" in quotes is text, and accepting it would hide a
  // typo such as '0.5O' behind a conversion.
  const bool quoted = node.Tag() == "!";
  if (type == ParamType::kBoolean) {
    if (!quoted && (text == "true" || text == "false")) {
      out.value = text == "true" ? 1.0 : 0.0;
    } else {
      out.problem = describe_node(node) + " is not true or false" + fix;
    }
    return out;
  }
  const std::optional<double> real = quoted ? std::nullopt : parse_real(text);
  if (!real) {
    const std::string noun = type == ParamType::kInteger ? "an integer" : "a number";
    out.problem = describe_node(node) + (quoted ? " is quoted text, not " : " is not ") + noun + fix;
    return out;
  }
  out.value = *real;
  if (type == ParamType::kInteger) {
    if (*real != std::floor(*real)) {
      out.problem = text + " is not a whole number" + fix;
      return out;
    }
    // Integers go through from_chars so values beyond 2^53 (seeds) stay exact.
    std::string_view digits(text);
    if (digits.starts_with('+')) digits.remove_prefix(1);
    const auto result = std::from_chars(digits.data(), digits.data() + digits.size(), out.integer);
    const bool plain_digits = result.ec == std::errc() && result.ptr == digits.data() + digits.size();
    if (result.ec == std::errc::result_out_of_range || (!plain_digits && std::fabs(*real) >= 0x1p63)) {
      out.problem = text + " does not fit a 64-bit integer" + fix;
      return out;
    }
    if (!plain_digits) out.integer = static_cast<long long>(*real);  // written as a real: 2.0, 1e3
  }
  out.problem = range.violation(text, out.value);
  return out;
}

}  // namespace promosim
