#pragma once
// What the scenario validator needs to know about plugins: their descriptors by name.
#include <string>
#include <string_view>
#include <vector>

#include "promosim/plugin_descriptor.hpp"

namespace promosim {

class PluginLookup {
 public:
  virtual ~PluginLookup() = default;
  /// The descriptor of plugin `name` of `kind`, or nullptr.
  virtual const PluginDescriptor* find(PluginKind kind, std::string_view name) const = 0;
  /// A plugin called `name` of any kind, or nullptr (to explain "wrong slot" errors).
  virtual const PluginDescriptor* find_any_kind(std::string_view name) const = 0;
  /// Names of every known plugin of `kind`, sorted (for did-you-mean and listings).
  virtual std::vector<std::string> names(PluginKind kind) const = 0;
};

}  // namespace promosim
