#include "plugin_registry.hpp"

#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <cstdlib>
#include <filesystem>

#include "user_error.hpp"

namespace promosim {

std::vector<std::string> PluginRegistry::search_path(const std::vector<std::string>& extra) {
  std::vector<std::string> folders = extra;
  if (const char* env = std::getenv("PROMOSIM_PLUGIN_PATH"); env != nullptr) {
    std::string_view rest(env);
    while (!rest.empty()) {
      const std::size_t colon = rest.find(':');
      const std::string_view part = rest.substr(0, colon);
      if (!part.empty()) folders.emplace_back(part);
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  const std::filesystem::path exe(boost::dll::program_location().string());
  folders.push_back((exe.parent_path().parent_path() / "lib" / "promosim" / "plugins").string());
  return folders;
}

PluginRegistry PluginRegistry::discover(const std::vector<std::string>& folders) {
  PluginRegistry registry;
  for (const std::string& folder : folders) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) continue;
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".so") files.push_back(entry.path().string());
    }
    // Directory order is filesystem-dependent; sort so duplicate errors and listings are stable.
    std::sort(files.begin(), files.end());
    for (const std::string& file : files) registry.add_library(file);
  }
  return registry;
}

void PluginRegistry::add_library(const std::string& path) {
  std::shared_ptr<const PluginLibrary> library = PluginLibrary::load(path);
  const PluginManifest& manifest = library->manifest();
  for (std::uint32_t i = 0; i < manifest.descriptor_count; ++i) {
    const PluginDescriptor& d = manifest.descriptors[i];
    if (const PluginEntry* existing = entry(d.kind, d.name); existing != nullptr) {
      throw UserError(std::string("two ") + to_string(d.kind) + " plugins are called '" + d.name + "': " +
                      existing->library->path() + " and " + path + "; remove one from the plugin path");
    }
    entries_.push_back({library, &d});
  }
}

const PluginEntry* PluginRegistry::entry(PluginKind kind, std::string_view name) const {
  for (const PluginEntry& e : entries_) {
    if (e.descriptor->kind == kind && name == e.descriptor->name) return &e;
  }
  return nullptr;
}

const PluginDescriptor* PluginRegistry::find(PluginKind kind, std::string_view name) const {
  const PluginEntry* e = entry(kind, name);
  return e != nullptr ? e->descriptor : nullptr;
}

const PluginDescriptor* PluginRegistry::find_any_kind(std::string_view name) const {
  for (const PluginEntry& e : entries_) {
    if (name == e.descriptor->name) return e.descriptor;
  }
  return nullptr;
}

std::vector<std::string> PluginRegistry::names(PluginKind kind) const {
  std::vector<std::string> out;
  for (const PluginEntry& e : entries_) {
    if (e.descriptor->kind == kind) out.emplace_back(e.descriptor->name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace promosim
