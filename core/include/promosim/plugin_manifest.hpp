#pragma once
// The one symbol a plugin library exports. The loader reads the fixed-offset fields first
// (ABI version, size, alignment), then the build facts, and refuses the library on any
// mismatch before a single factory runs (the gz-plugin handshake).
#include <Eigen/Core>
#include <cstdint>

#include "promosim/plugin_descriptor.hpp"
#include "promosim/version.hpp"

namespace promosim {

struct PluginManifest {
  std::uint32_t abi_version;     ///< kAbiVersion the library was built with
  std::uint32_t manifest_size;   ///< sizeof(PluginManifest) in the library
  std::uint32_t manifest_align;  ///< alignof(PluginManifest) in the library
  std::uint32_t eigen_version;   ///< world*10000 + major*100 + minor
  std::uint32_t eigen_max_align; ///< EIGEN_MAX_ALIGN_BYTES: mixed values corrupt memory
  std::uint32_t descriptor_count;
  const char* core_version;
  const char* compiler;          ///< compiler id and version
  const char* standard_library;  ///< standard library id and release
  const PluginDescriptor* descriptors;
};

#define PROMOSIM_STRINGIFY_IMPL(x) #x
#define PROMOSIM_STRINGIFY(x) PROMOSIM_STRINGIFY_IMPL(x)

/// The manifest of code compiled in the current translation unit; the host builds its own
/// with the same function and compares field by field.
inline PluginManifest this_build_manifest(const PluginDescriptor* descriptors,
                                          std::uint32_t count) {
  return PluginManifest{
      kAbiVersion,
      static_cast<std::uint32_t>(sizeof(PluginManifest)),
      static_cast<std::uint32_t>(alignof(PluginManifest)),
      EIGEN_WORLD_VERSION * 10000u + EIGEN_MAJOR_VERSION * 100u + EIGEN_MINOR_VERSION,
      static_cast<std::uint32_t>(EIGEN_MAX_ALIGN_BYTES),
      count,
      kCoreVersion,
#if defined(__clang__)
      "clang " __clang_version__,
#elif defined(__GNUC__)
      "gcc " __VERSION__,
#else
      "unknown",
#endif
#if defined(_GLIBCXX_RELEASE)
      "libstdc++ " PROMOSIM_STRINGIFY(_GLIBCXX_RELEASE),
#elif defined(_LIBCPP_VERSION)
      "libc++ " PROMOSIM_STRINGIFY(_LIBCPP_VERSION),
#else
      "unknown",
#endif
      descriptors};
}

/// Name of the exported entry point.
inline constexpr const char* kManifestSymbol = "promosim_plugin_manifest";

}  // namespace promosim

/// Defines the library's entry point; list the descriptors of every plugin in the library:
///   PROMOSIM_PLUGIN_LIBRARY(promosim::describe<MyRecommender>(...))
/// Only this symbol is exported (plugins are built with hidden visibility).
#define PROMOSIM_PLUGIN_LIBRARY(...)                                                     \
  extern "C" __attribute__((visibility("default"))) const ::promosim::PluginManifest*    \
  promosim_plugin_manifest() {                                                           \
    static const ::promosim::PluginDescriptor descriptors[] = {__VA_ARGS__};            \
    static const ::promosim::PluginManifest manifest = ::promosim::this_build_manifest(  \
        descriptors, static_cast<std::uint32_t>(sizeof(descriptors) / sizeof(descriptors[0]))); \
    return &manifest;                                                                    \
  }
