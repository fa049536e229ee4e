#include "huge_pages.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string>

namespace promosim::cli {
namespace {

constexpr const char* kTunable = "glibc.malloc.hugetlb";

bool environment_has(const char* name, const char* part) {
  const char* value = std::getenv(name);
  return value != nullptr && std::string(value).find(part) != std::string::npos;
}

}  // namespace

void restart_with_huge_pages(char** argv) {
  if (environment_has("GLIBC_TUNABLES", kTunable)) return;
  const char* wanted = std::getenv("PROMOSIM_HUGE_PAGES");
  if (wanted != nullptr && std::string(wanted) == "0") return;
  if (environment_has("LD_PRELOAD", "vgpreload")) return;  // valgrind's preload: stay in its process
  const char* current = std::getenv("GLIBC_TUNABLES");
  const std::string before = current != nullptr ? current : "";  // setenv may invalidate `current`
  const bool had = current != nullptr;
  const std::string value = (before.empty() ? "" : before + ":") + kTunable + "=1";
  if (setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  // execv failed: carry on as we are, with the environment as it was.
  if (had) {
    setenv("GLIBC_TUNABLES", before.c_str(), 1);
  } else {
    unsetenv("GLIBC_TUNABLES");
  }
}

}  // namespace promosim::cli
