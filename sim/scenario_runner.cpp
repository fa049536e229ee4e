#include "scenario_runner.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>

#include <memory>
#include <optional>
#include <sstream>

#include "arm_simulation.hpp"
#include "progress_reporter.hpp"
#include "promosim/version.hpp"
#include "replicate_writer.hpp"
#include "results_store.hpp"
#include "timeline.hpp"
#include "world.hpp"
#include "yaml_scalar.hpp"

namespace promosim {
namespace {

/// "popularity {decay: 0.9, mode: decayed}": a plugin choice with all its parameters, numbers
/// written exactly (shortest round-trip form).
std::string describe_choice(const PluginChoice& choice) {
  std::ostringstream out;
  out << choice.name << " {";
  const char* sep = "";
  for (const ParameterSet::Entry& e : choice.params.entries()) {
    out << sep << e.name << ": ";
    if (e.type == ParamType::kChoice) {
      out << e.choice;
    } else if (e.type == ParamType::kBoolean) {
      out << (e.number != 0.0 ? "true" : "false");
    } else {
      out << format_number(e.number);
    }
    sep = ", ";
  }
  out << "}";
  return out.str();
}

}  // namespace

ScenarioRunner::ScenarioRunner(const Scenario& scenario, const PluginRegistry& plugins, RunOptions options)
    : scenario_(scenario), plugins_(plugins), options_(std::move(options)) {}

RunReport ScenarioRunner::run(std::ostream& progress_out, const std::atomic<bool>& stop) {
  const unsigned threads = options_.threads != 0 ? options_.threads : static_cast<unsigned>(tbb::info::default_concurrency());
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  const Timeline timeline(scenario_.timeline);

  // A logged population's log is read once, before the results file is touched: a bad log
  // stores nothing.
  std::optional<LoggedPopulation> logged;
  if (scenario_.population.logged) logged.emplace(LoggedPopulation::load(scenario_, timeline.tick_count()));
  const ProcessGroup& group = options_.processes != nullptr ? *options_.processes : ProcessGroup::single();
  const bool writes = group.rank() == 0;  // the other ranks compute the same results
  std::optional<ResultsStore> store;
  if (writes) store.emplace(options_.database);
  RunRecord run{scenario_.name, scenario_.source_path, scenario_.resolved_yaml, scenario_.output.metrics_by,
                scenario_.seed, scenario_.replicates, scenario_.shards, threads, kCoreVersion, kAbiVersion};
  run.random_streams = options_.independent ? "independent" : "common";
  if (logged) run.population_log = logged->summary.to_record();
  std::vector<RunPluginRecord> plugin_records;
  for (const PluginEntry& e : plugins_.entries()) {
    bool used = false;
    for (const ArmConfig& arm : scenario_.arms) {
      const PluginChoice* slot = e.descriptor->kind == PluginKind::kRecommender   ? &arm.recommender
                                 : e.descriptor->kind == PluginKind::kIntentModel ? &arm.intent_model
                                                                                  : &arm.pricing_policy;
      used = used || slot->name == e.descriptor->name;
    }
    if (used) {
      plugin_records.push_back({to_string(e.descriptor->kind), e.descriptor->name, e.descriptor->version,
                                e.library->path(), e.library->manifest().abi_version});
    }
  }
  std::vector<ArmRecord> arms;
  for (std::uint32_t a = 0; a < scenario_.arms.size(); ++a) {
    const ArmConfig& arm = scenario_.arms[a];
    arms.push_back({a, arm.name, arm.recommender.name, arm.intent_model.name, arm.pricing_policy.name,
                    "recommender: " + describe_choice(arm.recommender) + "\nintent_model: " +
                        describe_choice(arm.intent_model) + "\npricing_policy: " + describe_choice(arm.pricing_policy) +
                        "\n",
                    arm.sweep});
  }
  std::vector<PhaseRecord> phases;
  for (std::uint16_t p = 0; p < timeline.phase_count(); ++p) {
    phases.push_back({p, timeline.phase_config(p).name, timeline.phase_first_tick(p), timeline.phase_tick_count(p)});
  }

  RunReport report;
  report.database = options_.database;
  std::ostream silent(nullptr);
  ProgressReporter progress(writes ? progress_out : silent,
                            std::uint64_t{scenario_.replicates} * scenario_.arms.size() * timeline.tick_count(),
                            options_.interactive);
  const std::vector<PhaseView> phases_seen_by_plugins = phase_views(timeline);
  std::int64_t run_id = 0;
  std::optional<ReplicateWriter> writer;  // from begin_run on
  std::string position = "before the first replicate";
  const auto fail = [&](const std::exception& e) {
    progress.finish();
    // Label the stored run failed if the database lets us; either way the original error is
    // what the user needs to see (a run left 'running' reads as incomplete, never complete).
    try {
      writer.reset();  // the unit being written lands (or not) before the status does
      if (run_id != 0) store->finish_run(run_id, RunStatus::kFailed, e.what());
    } catch (const std::exception&) {
    }
  };
  try {
    for (std::uint32_t r = 0; r < scenario_.replicates; ++r) {
      // Common random numbers: one world per replicate for every arm. Independent streams:
      // each arm builds its own from its own key.
      StageClock clock;
      std::optional<World> shared;
      if (!options_.independent) shared.emplace(scenario_, timeline, r, 0, logged ? &*logged : nullptr);
      clock.lap(report.times.world);
      for (std::uint32_t a = 0; a < scenario_.arms.size(); ++a) {
        const ArmConfig& arm = scenario_.arms[a];
        position = "arm '" + arm.name + "', replicate " + std::to_string(r);
        std::optional<World> own;
        if (options_.independent) {
          own.emplace(scenario_, timeline, r, a + 1, logged ? &*logged : nullptr);
          clock.lap(report.times.world);
        }
        const World& world = options_.independent ? *own : *shared;
        if (writes && run_id == 0) {
          std::vector<SegmentRecord> segments;
          for (std::uint32_t s = 0; s < scenario_.population.segments.size(); ++s) {
            segments.push_back({s, scenario_.population.segments[s].name, world.population().segment_sizes()[s]});
          }
          run_id = store->begin_run(run, plugin_records, arms, phases, segments);
          report.run_id = run_id;
          writer.emplace(*store, run_id);
        }
        const CreateContext context = arm_create_context(scenario_, timeline, world, phases_seen_by_plugins);
        ArmPlugins plugins = make_arm_plugins(plugins_, arm, context, position);
        ArmSimulation simulation(scenario_, timeline, world, a, r, plugins, group);
        ArmOutput out = simulation.run([&](std::uint64_t sessions) { progress.tick(sessions); }, stop);
        report.times.add(out.times);
        if (writer) writer->write(std::move(out.records));
      }
    }
    report.status = RunStatus::kComplete;
  } catch (const RunInterrupted&) {
    report.status = RunStatus::kInterrupted;
    report.message = "interrupted during " + position + "; earlier arms and replicates are stored";
  } catch (const std::exception& e) {
    fail(e);
    throw;
  }
  try {
    if (writer) writer->wait();
  } catch (const std::exception& e) {
    fail(e);
    throw;
  }
  progress.finish();
  if (run_id != 0) store->finish_run(run_id, report.status, report.message);
  report.sessions = progress.sessions();
  report.seconds = progress.seconds();
  report.sessions_per_second = progress.sessions_per_second();
  return report;
}

}  // namespace promosim
