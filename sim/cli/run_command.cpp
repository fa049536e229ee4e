#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "comparison.hpp"
#include "number_format.hpp"
#include "peak_memory.hpp"
#include "plugin_registry.hpp"
#include "results_reader.hpp"
#include "scenario_loader.hpp"
#include "scenario_runner.hpp"
#include "scenario_summary.hpp"

namespace promosim::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void request_stop(int) { g_stop.store(true); }

/// SIGINT/SIGTERM ask the run to stop at the next tick and mark itself interrupted; a second
/// signal gets the default action (SA_RESETHAND), so a stuck plugin can still be killed.
void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = request_stop;
  action.sa_flags = SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

}  // namespace

int run_command(const RunArgs& args) {
  const ProcessGroup::Launch mpi;  // under mpirun (MPI builds): this process is one rank
  const ProcessGroup& group = ProcessGroup::world();
  const ScenarioLoader loader(args.scenario, args.overrides);
  const PluginRegistry registry = PluginRegistry::discover(PluginRegistry::search_path(loader.plugin_paths()));
  const Scenario scenario = loader.resolve(registry);

  RunOptions options;
  options.threads = args.threads;
  options.independent = args.independent;
  options.database = args.out.empty() ? scenario.output.path : args.out;
  options.interactive = isatty(STDERR_FILENO) != 0;
  options.processes = &group;
  const std::filesystem::path parent = std::filesystem::path(options.database).parent_path();
  std::error_code ignored;  // if this fails, opening the database reports why
  if (!parent.empty()) std::filesystem::create_directories(parent, ignored);

  // Every rank runs the same simulation; rank 0 alone writes the results and speaks.
  std::ostream out(group.rank() == 0 ? std::cout.rdbuf() : nullptr);
  out << "scenario " << scenario.name << ": " << scenario_summary(scenario);
  if (group.distributed()) out << ", " << group.size() << " MPI ranks";
  out << "\n" << std::flush;

  install_stop_handlers();
  ScenarioRunner runner(scenario, registry, options);
  const RunReport report = runner.run(std::cerr, g_stop);

  char summary[256];
  std::snprintf(summary, sizeof summary, "%s sessions in %.2f s (%s sessions/s), peak memory %s",
                with_separators(static_cast<double>(report.sessions)).c_str(), report.seconds,
                with_separators(report.sessions_per_second).c_str(),
                format_bytes(peak_memory_bytes()).c_str());
  // Where the time went: the loop's own rate is the figure to compare plugins and machines by.
  const StageTimes& t = report.times;
  char stages[320];
  std::snprintf(stages, sizeof stages,
                "time: worlds %.2f s, fit %.2f s, session loop %.2f s (%s sessions/s; decide %.2f s, respond %.2f s, "
                "barrier %.2f s)",
                t.world, t.fit, t.loop(),
                with_separators(t.loop() > 0.0 ? static_cast<double>(report.sessions) / t.loop() : 0.0).c_str(),
                t.decide, t.respond, t.barrier);
  if (report.status == RunStatus::kInterrupted) {
    out << "run " << report.run_id << " interrupted: " << report.message << "\n" << summary << "\n"
        << "results: " << report.database << " (run marked interrupted)\n";
    return kExitInterrupted;
  }
  out << "run " << report.run_id << " complete: " << summary << "\n"
      << stages << "\n"
      << "results: " << report.database << "\n";
  if (!args.no_compare && group.rank() == 0) {
    const ResultsReader reader(report.database);
    CompareOptions compare;
    compare.runs = {report.run_id};
    compare.format = "table";
    out << "\n" << compare_results(reader, compare);
  }
  return kExitOk;
}

}  // namespace promosim::cli
