#include "scenario_plugin_choice.hpp"

#include <algorithm>

#include "did_you_mean.hpp"
#include "parameter_defaults.hpp"
#include "scenario_schema.hpp"
#include "yaml_scalar.hpp"

namespace promosim {
namespace {

std::string resolved_text(const ParameterSet::Entry& entry) {
  switch (entry.type) {
    case ParamType::kChoice: return entry.choice;
    case ParamType::kBoolean: return entry.number != 0.0 ? "true" : "false";
    default: return format_number(entry.number);
  }
}

}  // namespace

std::string unknown_plugin(const std::string& name, PluginKind kind, const PluginLookup& plugins) {
  const std::vector<std::string> names = plugins.names(kind);
  const std::string available = names.empty() ? "none" : join(names);
  const std::string slot = to_string(kind);
  if (const PluginDescriptor* other = plugins.find_any_kind(name); other != nullptr) {
    return "'" + name + "' is a " + to_string(other->kind) + " plugin; the " + slot + " slot needs a " + slot +
           " (available: " + available + ")";
  }
  return "unknown " + slot + " plugin '" + name + "'" + did_you_mean(name, names) + "; available: " + available +
         "; `promosim plugins` lists them";
}

std::string add_given(ParameterSet& params, const ParamSpec& spec, const YAML::Node& value) {
  if (spec.type != ParamType::kChoice) {
    const ScalarNumber n = read_number(value, spec.type, ValueRange{.min = spec.min, .max = spec.max});
    if (n.problem.empty()) params.set_number(spec.name, spec.type, n.value);
    return n.problem;
  }
  const std::vector<std::string> choices = split_choices(spec.choices);
  const std::string word = value.IsScalar() ? value.Scalar() : describe_node(value);
  if (value.IsScalar() && std::find(choices.begin(), choices.end(), word) != choices.end()) {
    params.set_choice(spec.name, word);
    return "";
  }
  return "unknown value '" + word + "'" + did_you_mean(word, choices) + "; use one of: " + join(choices);
}

YAML::Node resolved_params(const ParameterSet& params) {
  YAML::Node resolved(YAML::NodeType::Map);
  for (const ParameterSet::Entry& entry : params.entries()) resolved[entry.name] = resolved_text(entry);
  return resolved;
}

PluginChoice read_plugin_choice(ScenarioMapReader& arm, std::string_view key, PluginKind kind,
                                const PluginLookup& plugins) {
  const ScenarioMapReader::Field& field = arm.field(key);
  PluginChoice choice;
  if (!field.node.IsDefined()) return choice;
  YAML::Node out = arm.out()[std::string(key)];
  ScenarioDiagnostics& diagnostics = arm.diagnostics();

  // Both forms end up here: where the name is reported, and the params given (if any).
  YAML::Mark name_mark = field.mark;
  std::string name_path = field.path;
  YAML::Node params_node(YAML::NodeType::Null);
  YAML::Mark params_mark = field.mark;
  bool params_defaulted = field.defaulted;
  if (field.node.IsScalar()) {
    choice.name = field.node.Scalar();
    out["name"] = choice.name;
  } else if (field.node.IsMap()) {
    ScenarioMapReader form(diagnostics, field.node, field.mark, field.defaulted, field.path,
                           std::string(kPluginChoicePath), out);
    choice.name = form.text("name");
    if (!form.ok("name")) return choice;
    name_mark = form.field("name").mark;
    name_path += ".name";
    const ScenarioMapReader::Field& params = form.field("params");
    params_node.reset(params.node);
    params_mark = params.mark;
    params_defaulted = params.defaulted;
  } else {
    arm.error(key, "found " + describe_node(field.node) + " where a plugin is expected; use a plugin name or "
                       "{name: NAME, params: {...}}");
    return choice;
  }

  const PluginDescriptor* plugin = plugins.find(kind, choice.name);
  if (plugin == nullptr) {
    diagnostics.report(name_mark, name_path, unknown_plugin(choice.name, kind, plugins));
    return choice;
  }
  const std::string params_path = field.path + ".params";
  if (!params_node.IsMap() && !params_node.IsNull()) {
    diagnostics.report(params_mark, params_path,
                       "found " + describe_node(params_node) + " where a map is expected; use a map of parameters, "
                       "e.g. {" + (plugin->param_count > 0 ? std::string(plugin->params[0].name) : "name") + ": ...}");
    params_node.reset(YAML::Node(YAML::NodeType::Null));
  }
  std::vector<std::string> names;
  for (std::uint32_t i = 0; i < plugin->param_count; ++i) names.emplace_back(plugin->params[i].name);
  diagnostics.check_keys(params_node, params_path, names, "parameter",
                         std::string(" for ") + to_string(kind) + " '" + choice.name + "'");

  for (std::uint32_t i = 0; i < plugin->param_count; ++i) {
    const ParamSpec& spec = plugin->params[i];
    const auto [value, value_key] = find_entry(params_node, spec.name);
    if (!value.IsDefined()) {
      add_default(choice.params, spec);
    } else if (const std::string problem = add_given(choice.params, spec, value); !problem.empty()) {
      const YAML::Mark at = params_defaulted ? params_mark : value.IsNull() ? value_key.Mark() : value.Mark();
      diagnostics.report(at, params_path + "." + spec.name, problem);
      add_default(choice.params, spec);  // keeps the set complete; the scenario is rejected anyway
    }
  }
  out["params"] = resolved_params(choice.params);
  out.SetStyle(YAML::EmitterStyle::Flow);
  return choice;
}

}  // namespace promosim
