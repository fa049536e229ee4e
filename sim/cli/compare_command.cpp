#include <iostream>

#include "commands.hpp"
#include "comparison.hpp"
#include "results_reader.hpp"

namespace promosim::cli {

int compare_command(const CompareArgs& args) {
  const ResultsReader reader(args.database);
  CompareOptions options;
  options.run = args.run;
  options.baseline = args.baseline;
  options.format = args.format;
  std::cout << compare_results(reader, options);
  return kExitOk;
}

}  // namespace promosim::cli
