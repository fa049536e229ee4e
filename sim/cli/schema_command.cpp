#include <iostream>

#include "commands.hpp"
#include "scenario_loader.hpp"

namespace promosim::cli {

int schema_command() {
  std::cout << scenario_reference_markdown();
  return kExitOk;
}

}  // namespace promosim::cli
