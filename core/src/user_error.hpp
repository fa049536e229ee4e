#pragma once
// Errors a user can cause and fix (a bad scenario, path, data file or plugin file). The
// message is one line: the cause, then what to do. The CLI prints it without a stack trace
// and exits non-zero. Bugs use the standard exceptions instead.
#include <stdexcept>
#include <string>

namespace promosim {

class UserError : public std::runtime_error {
 public:
  explicit UserError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace promosim
