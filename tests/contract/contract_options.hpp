#pragma once
#include <string>

namespace promosim::contract {

/// Path of the plugin library under test, from --plugin; main() sets it before any test runs.
std::string& plugin_path();

}  // namespace promosim::contract
