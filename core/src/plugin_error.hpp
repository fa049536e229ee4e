#pragma once
// A plugin failed inside one of its calls. Carries only core-owned strings: whatever the
// plugin threw is caught at the boundary and its message copied, so no plugin-defined type
// outlives the call.
#include <exception>
#include <string>
#include <type_traits>

#include "promosim/plugin_descriptor.hpp"
#include "user_error.hpp"

namespace promosim {

class PluginError : public UserError {
 public:
  /// where: the arm/replicate/tick the call was made for, e.g. "arm 'a', replicate 0, tick 5".
  PluginError(const PluginDescriptor& plugin, const char* method, const std::string& where,
              const std::string& message)
      : UserError(std::string(to_string(plugin.kind)) + " plugin '" + plugin.name + "' failed in " +
                  method + (where.empty() ? "" : " (" + where + ")") + ": " + message +
                  "; fix the plugin or choose another in the scenario") {}
};

/// Runs `call` and converts anything it throws into a PluginError. `where` is the location
/// text, or a callable returning it, so hot paths format it only when a call fails.
template <class Where, class F>
decltype(auto) guarded_call(const PluginDescriptor& plugin, const char* method, const Where& where, F&& call) {
  const auto location = [&]() -> std::string {
    if constexpr (std::is_invocable_v<const Where&>) {
      return where();
    } else {
      return where;
    }
  };
  try {
    return call();
  } catch (const std::exception& e) {
    throw PluginError(plugin, method, location(), e.what());
  } catch (...) {
    throw PluginError(plugin, method, location(), "a non-standard exception");
  }
}

}  // namespace promosim
