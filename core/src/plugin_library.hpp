#pragma once
// One loaded plugin library whose manifest passed the handshake.
#include <memory>
#include <string>

#include "promosim/plugin_manifest.hpp"

namespace boost::dll {
class shared_library;
}

namespace promosim {

class PluginLibrary {
 public:
  /// Loads `path` (rtld_now | rtld_local), finds the manifest entry point and checks every
  /// manifest field and descriptor against this build. Throws UserError with the field
  /// and both values on any mismatch; no factory has run by then.
  static std::shared_ptr<const PluginLibrary> load(const std::string& path);
  ~PluginLibrary();
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const std::string& path() const { return path_; }
  const PluginManifest& manifest() const { return *manifest_; }

 private:
  PluginLibrary() = default;
  std::string path_;
  std::unique_ptr<boost::dll::shared_library> library_;
  const PluginManifest* manifest_ = nullptr;
};

/// Checks a manifest (as returned by a library's entry point) against this build.
/// Returns "" if it is acceptable, else a description of the first mismatch. Exposed for
/// the contract tests.
std::string check_manifest(const PluginManifest& manifest);

}  // namespace promosim
