#pragma once
// The validated, typed parameters handed to a plugin's create(). Built by the core from the
// scenario and the plugin's ParamSpecs, so every declared parameter is present, in range and
// of its declared type by the time a plugin reads it.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "promosim/parameter_spec.hpp"

namespace promosim {

class ParameterSet {
 public:
  struct Entry {
    std::string name;
    ParamType type = ParamType::kReal;
    double number = 0.0;  ///< integer, real or boolean (0/1) value
    std::string choice;   ///< kChoice value
  };

  /// Core side: adds a value. Names are unique; the core adds one entry per ParamSpec.
  void set_number(std::string name, ParamType type, double value) {
    entries_.push_back({std::move(name), type, value, {}});
  }
  void set_choice(std::string name, std::string value) {
    entries_.push_back({std::move(name), ParamType::kChoice, 0.0, std::move(value)});
  }

  /// Plugin side: typed reads. Asking for an undeclared name or the wrong type is a bug in
  /// the plugin and throws std::logic_error naming the parameter.
  long long integer(std::string_view name) const {
    return static_cast<long long>(find(name, ParamType::kInteger).number);
  }
  double real(std::string_view name) const { return find(name, ParamType::kReal).number; }
  bool boolean(std::string_view name) const {
    return find(name, ParamType::kBoolean).number != 0.0;
  }
  const std::string& choice(std::string_view name) const {
    return find(name, ParamType::kChoice).choice;
  }

  const std::vector<Entry>& entries() const { return entries_; }

 private:
  const Entry& find(std::string_view name, ParamType type) const {
    for (const Entry& e : entries_) {
      if (e.name != name) continue;
      if (e.type != type) {
        throw std::logic_error("parameter '" + std::string(name) + "' is " + to_string(e.type) +
                               ", read as " + to_string(type));
      }
      return e;
    }
    throw std::logic_error("parameter '" + std::string(name) + "' is not declared");
  }
  std::vector<Entry> entries_;
};

}  // namespace promosim
