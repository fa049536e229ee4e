#pragma once
// The real public datasets in ../shared/data, beside the repository and never copied into it.
// Tests that read them pass with a "SKIPPED:" warning where the folder is absent (a user's
// clone); the behaviour they cover is also tested on the project's own fixtures.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

namespace promosim::test {

inline std::string real_data_path(const std::string& relative) {
  return std::string(PROMOSIM_SOURCE_DIR) + "/../shared/data/" + relative;
}

/// True if the dataset file is there; otherwise warns that the test is skipped.
inline bool real_data_present(const std::string& relative) {
  if (std::filesystem::exists(real_data_path(relative))) return true;
  WARN("SKIPPED: real dataset " << real_data_path(relative) << " is absent (needs ../shared/data beside the repository)");
  return false;
}

}  // namespace promosim::test
