#include "parameter_defaults.hpp"

namespace promosim {

void add_default(ParameterSet& params, const ParamSpec& spec) {
  if (spec.type == ParamType::kChoice) {
    params.set_choice(spec.name, spec.default_choice);
  } else {
    params.set_number(spec.name, spec.type, spec.default_number);
  }
}

ParameterSet default_parameters(const PluginDescriptor& plugin) {
  ParameterSet params;
  for (std::uint32_t i = 0; i < plugin.param_count; ++i) add_default(params, plugin.params[i]);
  return params;
}

}  // namespace promosim
