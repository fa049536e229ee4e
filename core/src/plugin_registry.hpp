#pragma once
// Every plugin found on the search path, by kind and name.
#include <memory>
#include <string>
#include <vector>

#include "plugin_library.hpp"
#include "plugin_lookup.hpp"

namespace promosim {

struct PluginEntry {
  std::shared_ptr<const PluginLibrary> library;
  const PluginDescriptor* descriptor = nullptr;
};

class PluginRegistry : public PluginLookup {
 public:
  /// Folders searched, in order: `extra` (e.g. the scenario's plugin_paths), the entries of
  /// PROMOSIM_PLUGIN_PATH (':'-separated), then the folder beside the executable
  /// (<bin>/../lib/promosim/plugins). Missing folders are skipped.
  static std::vector<std::string> search_path(const std::vector<std::string>& extra);

  /// Loads every *.so in each folder of `folders`. Throws UserError for a file that is not a
  /// valid plugin library, or for two plugins of one kind and name (naming both files).
  static PluginRegistry discover(const std::vector<std::string>& folders);

  /// Loads one library file (e.g. for `promosim check-plugin`-style tests).
  void add_library(const std::string& path);

  const PluginEntry* entry(PluginKind kind, std::string_view name) const;
  const std::vector<PluginEntry>& entries() const { return entries_; }

  const PluginDescriptor* find(PluginKind kind, std::string_view name) const override;
  const PluginDescriptor* find_any_kind(std::string_view name) const override;
  std::vector<std::string> names(PluginKind kind) const override;

 private:
  std::vector<PluginEntry> entries_;
};

}  // namespace promosim
