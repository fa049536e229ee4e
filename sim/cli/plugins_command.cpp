#include <cstdio>
#include <iostream>
#include <set>
#include <sstream>

#include "commands.hpp"
#include "did_you_mean.hpp"
#include "plugin_registry.hpp"
#include "user_error.hpp"

namespace promosim::cli {
namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string default_text(const ParamSpec& p) {
  switch (p.type) {
    case ParamType::kChoice: return p.default_choice;
    case ParamType::kBoolean: return p.default_number != 0.0 ? "true" : "false";
    default: return number(p.default_number);
  }
}

std::string range_text(const ParamSpec& p) {
  switch (p.type) {
    case ParamType::kChoice: return std::string("one of ") + p.choices;
    case ParamType::kBoolean: return "true|false";
    default: return "[" + number(p.min) + ", " + number(p.max) + "]";
  }
}

std::string capabilities_text(std::uint32_t caps) {
  std::string out;
  const auto add = [&](Capability c, const char* name) {
    if ((caps & c) == 0) return;
    if (!out.empty()) out += ", ";
    out += name;
  };
  add(kLearnsFromHistory, "learns from history (fit)");
  add(kLearnsOnline, "learns online (observe)");
  add(kUsesRandomness, "uses randomness");
  add(kReadsIntent, "reads intent scores");
  return out.empty() ? "none" : out;
}

void describe(const PluginEntry& e) {
  const PluginDescriptor& d = *e.descriptor;
  std::cout << d.name << " (" << to_string(d.kind) << ") version " << d.version << "\n"
            << "  " << d.description << "\n"
            << "  file: " << e.library->path() << "\n"
            << "  capabilities: " << capabilities_text(d.capabilities) << "\n";
  if (d.param_count == 0) std::cout << "  parameters: none\n";
  for (std::uint32_t i = 0; i < d.param_count; ++i) {
    const ParamSpec& p = d.params[i];
    std::cout << "  " << p.name << " (" << to_string(p.type) << (*p.unit != '\0' ? std::string(", ") + p.unit : "")
              << ")  default " << default_text(p) << ", " << range_text(p) << "\n      " << p.doc << "\n";
  }
  for (std::uint32_t i = 0; i < d.metric_count; ++i) {
    const MetricSpec& m = d.metrics[i];
    std::cout << "  emits " << m.name << (*m.unit != '\0' ? std::string(" (") + m.unit + ")" : "") << ": " << m.doc
              << "\n";
  }
}

}  // namespace

int plugins_command(const std::string& name, const std::vector<std::string>& plugin_paths) {
  const PluginRegistry registry = PluginRegistry::discover(PluginRegistry::search_path(plugin_paths));
  if (name.empty()) {
    std::printf("%-15s %-20s %-8s %s\n", "KIND", "NAME", "VERSION", "DESCRIPTION");
    for (const PluginEntry& e : registry.entries()) {
      std::printf("%-15s %-20s %-8s %s\n", to_string(e.descriptor->kind), e.descriptor->name,
                  e.descriptor->version, e.descriptor->description);
    }
    std::cout << registry.entries().size() << " plugins; `promosim plugins NAME` shows one with its parameters\n";
    return kExitOk;
  }
  bool found = false;
  std::set<std::string> all;
  for (const PluginEntry& e : registry.entries()) {
    all.insert(e.descriptor->name);
    if (name == e.descriptor->name) {
      if (found) std::cout << "\n";
      describe(e);
      found = true;
    }
  }
  if (!found) {
    throw UserError("no plugin called '" + name + "'" +
                    did_you_mean(name, std::vector<std::string>(all.begin(), all.end())) +
                    "; run `promosim plugins` to list them");
  }
  return kExitOk;
}

}  // namespace promosim::cli
