#pragma once

namespace promosim {

/// Bumped on every change to a type or virtual interface a plugin sees (any header in
/// core/include/promosim). A plugin built against another value is refused at load.
inline constexpr unsigned kAbiVersion = 3;

/// The core's release version, recorded with every run.
inline constexpr const char* kCoreVersion = "0.1.0";

}  // namespace promosim
