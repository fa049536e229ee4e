#pragma once
// ns-3 style attribute declarations: one declaration per plugin parameter carrying its
// type, default, unit, range and help. The validator, `promosim plugins`, the generated
// docs and the ParameterSet handed to create() all read these; a default is written once.
#include <cstdint>
#include <limits>

namespace promosim {

enum class ParamType : std::uint8_t { kInteger, kReal, kBoolean, kChoice };

/// Declaration of one parameter. Built with the static helpers below, usable in constexpr
/// arrays. Numeric defaults and bounds are doubles (integers up to 2^53 are exact);
/// a kChoice's allowed values are one '|'-separated string, e.g. "cosine|pearson".
struct ParamSpec {
  const char* name = "";
  ParamType type = ParamType::kReal;
  double default_number = 0.0;       ///< integer/real/boolean (0 or 1) default
  const char* default_choice = "";   ///< kChoice default
  double min = -std::numeric_limits<double>::infinity();  ///< inclusive
  double max = std::numeric_limits<double>::infinity();   ///< inclusive
  const char* choices = "";
  const char* unit = "";
  const char* doc = "";

  static constexpr ParamSpec integer(const char* name, std::int64_t def, std::int64_t min,
                                     std::int64_t max, const char* unit, const char* doc) {
    return {name, ParamType::kInteger, static_cast<double>(def), "", static_cast<double>(min),
            static_cast<double>(max), "", unit, doc};
  }
  static constexpr ParamSpec real(const char* name, double def, double min, double max,
                                  const char* unit, const char* doc) {
    return {name, ParamType::kReal, def, "", min, max, "", unit, doc};
  }
  static constexpr ParamSpec boolean(const char* name, bool def, const char* doc) {
    return {name, ParamType::kBoolean, def ? 1.0 : 0.0, "", 0.0, 1.0, "", "", doc};
  }
  static constexpr ParamSpec choice(const char* name, const char* def, const char* choices,
                                    const char* doc) {
    return {name, ParamType::kChoice, 0.0, def, 0.0, 0.0, choices, "", doc};
  }
};

inline const char* to_string(ParamType type) {
  switch (type) {
    case ParamType::kInteger: return "integer";
    case ParamType::kReal: return "real";
    case ParamType::kBoolean: return "boolean";
    case ParamType::kChoice: return "choice";
  }
  return "?";
}

}  // namespace promosim
