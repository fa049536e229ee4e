#pragma once
#include "promosim/parameter_set.hpp"
#include "promosim/plugin_descriptor.hpp"

namespace promosim {

/// Adds the declared default of `spec` to `params`.
void add_default(ParameterSet& params, const ParamSpec& spec);

/// Every parameter of `plugin` at its declared default, in declaration order.
ParameterSet default_parameters(const PluginDescriptor& plugin);

}  // namespace promosim
