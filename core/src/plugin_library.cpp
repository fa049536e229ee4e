#include "plugin_library.hpp"

#include <boost/dll/shared_library.hpp>
#include <cmath>
#include <cstring>
#include <set>
#include <string_view>

#include "user_error.hpp"

namespace promosim {
namespace {

std::string text(const char* s) { return s == nullptr ? "(null)" : s; }

bool valid_name(const char* name) {
  if (name == nullptr || *name == '\0') return false;
  for (const char* c = name; *c != '\0'; ++c) {
    if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_')) return false;
  }
  return true;
}

bool choice_allowed(std::string_view choices, std::string_view value) {
  std::size_t start = 0;
  while (start <= choices.size()) {
    const std::size_t bar = choices.find('|', start);
    const std::size_t end = bar == std::string_view::npos ? choices.size() : bar;
    if (choices.substr(start, end - start) == value) return true;
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return false;
}

std::string check_param(const PluginDescriptor& d, const ParamSpec& p) {
  const std::string where = std::string("parameter '") + text(p.name) + "' of plugin '" + d.name + "'";
  if (!valid_name(p.name)) return "a parameter of plugin '" + text(d.name) + "' has an invalid name";
  if (p.doc == nullptr || *p.doc == '\0') return where + " has no doc";
  switch (p.type) {
    case ParamType::kChoice:
      if (p.choices == nullptr || p.default_choice == nullptr || !choice_allowed(p.choices, p.default_choice)) {
        return where + " has default '" + text(p.default_choice) + "' not among '" + text(p.choices) + "'";
      }
      return "";
    case ParamType::kInteger:
      if (std::floor(p.default_number) != p.default_number) return where + " has a non-integer default";
      [[fallthrough]];
    case ParamType::kReal:
    case ParamType::kBoolean:
      if (!(p.min <= p.default_number && p.default_number <= p.max)) {
        return where + " has default " + std::to_string(p.default_number) + " outside [" +
               std::to_string(p.min) + ", " + std::to_string(p.max) + "]";
      }
      return "";
  }
  return where + " has an unknown type";
}

std::string check_descriptor(const PluginDescriptor& d) {
  if (!valid_name(d.name)) return "a plugin has an invalid name '" + text(d.name) + "' (use [a-z0-9_]+)";
  if (static_cast<unsigned>(d.kind) > static_cast<unsigned>(PluginKind::kPricingPolicy)) {
    return "plugin '" + text(d.name) + "' has an unknown kind " + std::to_string(static_cast<unsigned>(d.kind));
  }
  if (d.create == nullptr || d.destroy == nullptr) return "plugin '" + text(d.name) + "' has no create or destroy";
  if (d.version == nullptr || *d.version == '\0') return "plugin '" + text(d.name) + "' has no version";
  if (d.param_count > 0 && d.params == nullptr) return "plugin '" + text(d.name) + "' declares parameters but gives none";
  if (d.metric_count > 0 && d.metrics == nullptr) return "plugin '" + text(d.name) + "' declares metrics but gives none";
  std::set<std::string_view> seen;
  for (std::uint32_t i = 0; i < d.param_count; ++i) {
    if (std::string problem = check_param(d, d.params[i]); !problem.empty()) return problem;
    if (!seen.insert(d.params[i].name).second) {
      return "plugin '" + text(d.name) + "' declares parameter '" + d.params[i].name + "' twice";
    }
  }
  return "";
}

template <class T>
std::string mismatch(const char* field, const T& library, const T& host) {
  return std::string(field) + " is " + library + " in the plugin but " + host + " in this promosim";
}

}  // namespace

std::string check_manifest(const PluginManifest& m) {
  const PluginManifest host = this_build_manifest(nullptr, 0);
  // The first three fields sit at fixed offsets in every manifest version, so they are safe
  // to read before anything else is trusted.
  if (m.abi_version != host.abi_version) {
    return mismatch("plugin ABI version", std::to_string(m.abi_version), std::to_string(host.abi_version));
  }
  if (m.manifest_size != host.manifest_size) {
    return mismatch("manifest size", std::to_string(m.manifest_size), std::to_string(host.manifest_size));
  }
  if (m.manifest_align != host.manifest_align) {
    return mismatch("manifest alignment", std::to_string(m.manifest_align), std::to_string(host.manifest_align));
  }
  if (m.eigen_version != host.eigen_version) {
    return mismatch("Eigen version", std::to_string(m.eigen_version), std::to_string(host.eigen_version));
  }
  if (m.eigen_max_align != host.eigen_max_align) {
    return mismatch("EIGEN_MAX_ALIGN_BYTES", std::to_string(m.eigen_max_align), std::to_string(host.eigen_max_align));
  }
  if (text(m.core_version) != host.core_version) return mismatch("core version", text(m.core_version), text(host.core_version));
  if (text(m.compiler) != host.compiler) return mismatch("compiler", text(m.compiler), text(host.compiler));
  if (text(m.standard_library) != host.standard_library) {
    return mismatch("standard library", text(m.standard_library), text(host.standard_library));
  }
  if (m.descriptor_count == 0 || m.descriptors == nullptr) return "the manifest lists no plugins";
  for (std::uint32_t i = 0; i < m.descriptor_count; ++i) {
    if (std::string problem = check_descriptor(m.descriptors[i]); !problem.empty()) return problem;
  }
  return "";
}

std::shared_ptr<const PluginLibrary> PluginLibrary::load(const std::string& path) {
  std::shared_ptr<PluginLibrary> lib(new PluginLibrary());
  lib->path_ = path;
  try {
    namespace mode = boost::dll::load_mode;
    lib->library_ = std::make_unique<boost::dll::shared_library>(
        path, mode::rtld_now | mode::rtld_local);
  } catch (const std::exception& e) {
    throw UserError("cannot load plugin file " + path + ": " + e.what() +
                    "; it is not a shared library built for this machine (rebuild it, or remove it from the plugin folder)");
  }
  if (!lib->library_->has(kManifestSymbol)) {
    throw UserError(path + " is not a promosim plugin: it has no '" + kManifestSymbol +
                    "' entry point; build it with promosim_add_plugin() and PROMOSIM_PLUGIN_LIBRARY(...), or remove it from the plugin folder");
  }
  using EntryPoint = const PluginManifest*();
  const PluginManifest* manifest = nullptr;
  try {
    manifest = lib->library_->get<EntryPoint>(kManifestSymbol)();
  } catch (const std::exception& e) {
    throw UserError("plugin " + path + " failed while returning its manifest: " + e.what() + "; fix the plugin");
  }
  if (manifest == nullptr) throw UserError("plugin " + path + " returned no manifest; fix the plugin");
  if (std::string problem = check_manifest(*manifest); !problem.empty()) {
    throw UserError("plugin " + path + " does not fit this promosim: " + problem +
                    "; rebuild the plugin against this promosim's SDK with promosim_add_plugin()");
  }
  lib->manifest_ = manifest;
  return lib;
}

PluginLibrary::~PluginLibrary() = default;

}  // namespace promosim
