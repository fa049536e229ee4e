#pragma once
// The one-line message of the UserError an action throws, for tests that assert its text.
#include <functional>
#include <string>

#include "user_error.hpp"

namespace promosim::test {

/// what() of the UserError `action` throws, or "(no UserError)" if it throws none.
inline std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const UserError& e) {
    return e.what();
  }
  return "(no UserError)";
}

}  // namespace promosim::test
