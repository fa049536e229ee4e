#pragma once
// Sets PROMOSIM_PSEUDONYM_KEY for the commands a test runs, and removes it afterwards: the
// logged-data commands refuse to read a log without a key.
#include <cstdlib>

namespace promosim::test {

struct PseudonymKeyInEnvironment {
  PseudonymKeyInEnvironment() { ::setenv("PROMOSIM_PSEUDONYM_KEY", "integration-test key 42", 1); }
  ~PseudonymKeyInEnvironment() { ::unsetenv("PROMOSIM_PSEUDONYM_KEY"); }
  PseudonymKeyInEnvironment(const PseudonymKeyInEnvironment&) = delete;
  PseudonymKeyInEnvironment& operator=(const PseudonymKeyInEnvironment&) = delete;
};

}  // namespace promosim::test
