#include <filesystem>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "comparison.hpp"
#include "report_data.hpp"
#include "report_html.hpp"
#include "results_reader.hpp"
#include "user_error.hpp"

namespace promosim::cli {

int report_command(const ReportArgs& args) {
  const ResultsReader reader(args.database);
  CompareOptions options = args.options;
  if (args.run) options.runs = {*args.run};
  const ReportData data = report_data(reader, options);
  const RunSummary& run = data.run;
  const std::string html =
      render_report_html(data.json, "promosim report: " + run.scenario_name + ", run " + std::to_string(run.id));

  // Written beside the target and renamed over it, so a failed write never leaves half a report.
  namespace fs = std::filesystem;
  const fs::path target(args.out);
  const fs::path partial = target.string() + ".partial";
  {
    std::ofstream file(partial, std::ios::binary);
    if (!file) {
      throw UserError("cannot write the report to '" + args.out +
                      "': check that its folder exists and is writable, or choose another -o path");
    }
    file << html;
    file.close();
    if (!file) {
      std::error_code ignored;
      fs::remove(partial, ignored);
      throw UserError("writing the report to '" + args.out + "' failed (disk full?); free space or choose another -o path");
    }
  }
  std::error_code error;
  fs::rename(partial, target, error);
  if (error) {
    fs::remove(partial, error);
    throw UserError("cannot replace '" + args.out + "': " + error.message() + "; choose another -o path");
  }
  std::cout << "report: " << args.out << " (run " << run.id << ", " << html.size() / 1024 << " KiB; opens offline)\n";
  return kExitOk;
}

}  // namespace promosim::cli
