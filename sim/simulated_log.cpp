#include "simulated_log.hpp"

#include <atomic>

#include "arm_plugins.hpp"
#include "arm_simulation.hpp"
#include "timeline.hpp"
#include "world.hpp"

namespace promosim {
namespace {

EventKind kind_of(EventType type) {
  switch (type) {
    case EventType::kClick: return EventKind::kClick;
    case EventType::kCart: return EventKind::kCart;
    case EventType::kPurchase: return EventKind::kPurchase;
  }
  return EventKind::kClick;
}

}  // namespace

std::vector<LoggedEvent> simulate_as_log(Scenario scenario, const PluginRegistry& registry) {
  scenario.output.event_sample = 1.0;  // every shopper's events, not a sample
  scenario.output.oracle_sample = 0.0; // oracle scoring costs time and is not measured here
  const Timeline timeline(scenario.timeline);
  const World world(scenario, timeline, 0);
  const std::vector<PhaseView> phases = phase_views(timeline);
  const CreateContext context = arm_create_context(scenario, timeline, world, phases);
  const std::string where = "arm '" + scenario.arms.at(0).name + "', calibration replicate";
  ArmPlugins plugins = make_arm_plugins(registry, scenario.arms.at(0), context, where);
  ArmSimulation simulation(scenario, timeline, world, 0, 0, plugins);
  const std::atomic<bool> never_stop{false};
  const ArmOutput out = simulation.run([](std::uint64_t) {}, never_stop);

  const std::int64_t tick_seconds = std::int64_t{scenario.timeline.tick_minutes} * 60;
  std::vector<LoggedEvent> events;
  events.reserve(out.records.events.size());
  for (const EventRecord& record : out.records.events) {
    const Event& e = record.event;
    LoggedEvent logged;
    logged.time = std::int64_t{e.tick} * tick_seconds;
    logged.shopper = e.shopper;
    logged.session = ((std::uint64_t{e.tick} + 1) << 32) | e.shopper;
    logged.item = e.item;
    logged.kind = kind_of(e.type);
    logged.price = e.price_paid;
    logged.position = e.position == 255 ? -1 : e.position + 1;
    events.push_back(logged);
  }
  return events;
}

}  // namespace promosim
