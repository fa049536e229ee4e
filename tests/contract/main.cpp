// promosim_contract_tests --plugin <library.so> [Catch2 options]: checks every plugin in one
// library against the plugin contract (DESIGN.md §3). promosim_add_plugin() registers one
// CTest run per plugin it builds; out-of-tree plugin developers run it the same way.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <iostream>

#include "contract_options.hpp"

namespace promosim::contract {

std::string& plugin_path() {
  static std::string path;
  return path;
}

}  // namespace promosim::contract

int main(int argc, char* argv[]) {
  Catch::Session session;
  std::string& path = promosim::contract::plugin_path();
  session.cli(session.cli() | Catch::clara::Opt(path, "library.so")["--plugin"]("the plugin library to check"));
  if (const int status = session.applyCommandLine(argc, argv); status != 0) return status;
  if (path.empty() && !session.configData().showHelp) {
    std::cerr << "promosim_contract_tests: no plugin library given; pass --plugin <path to the plugin .so>\n";
    return 2;
  }
  return session.run();
}
