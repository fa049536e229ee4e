#include "scenario_calendar.hpp"

#include <chrono>
#include <cstdio>

#include "number_format.hpp"
#include "timeline.hpp"
#include "yaml_scalar.hpp"

namespace promosim::cli {
namespace {

/// "2026-11-11 00:00" for tick t (or "day 7 00:00" without a start date).
std::string when(const TimelineConfig& config, TickIndex t) {
  using namespace std::chrono;
  const long minutes = static_cast<long>(config.start_hour) * 60 + static_cast<long>(t) * config.tick_minutes;
  const long day = minutes / 1440;
  char clock[16];
  std::snprintf(clock, sizeof clock, "%02ld:%02ld", (minutes % 1440) / 60, minutes % 60);
  if (config.start_date.empty()) return "day " + std::to_string(day) + " " + clock;
  int y = 0;
  unsigned m = 0, d = 0;
  std::sscanf(config.start_date.c_str(), "%d-%u-%u", &y, &m, &d);  // validated YYYY-MM-DD
  const year_month_day date{sys_days{year{y} / month{m} / d} + days{day}};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %s", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), clock);
  return text;
}

std::string percent(double share) { return format_number(share * 100.0) + "%"; }

}  // namespace

std::string scenario_calendar(const Scenario& scenario) {
  const TimelineConfig& config = scenario.timeline;
  const Timeline timeline(config);
  std::string out = "calendar:\n";
  for (std::uint16_t p = 0; p < timeline.phase_count(); ++p) {
    const PhaseConfig& phase = config.phases[p];
    out += "  phase " + phase.name + ": " + when(config, timeline.phase_first_tick(p)) + ", " +
           format_number(phase.days) + (phase.days == 1 ? " day" : " days") + ", traffic x" +
           format_number(phase.traffic);
    if (phase.pre_heat) out += ", pre-heat";
    if (phase.peak) out += ", peak";
    if (phase.opening_surge > 1) {
      out += ", opening surge x" + format_number(phase.opening_surge) + " for " + format_number(phase.surge_hours) + " h";
    }
    out += "\n";
  }
  for (const PresaleConfig& presale : config.presales) {
    out += "  pre-sale: " + std::to_string(presale.items) + " items at " + percent(presale.price_cut) + " off, deposits in " +
           config.phases[presale.deposit_phase].name + " (" + percent(presale.deposit) + "), balance in " +
           config.phases[presale.balance_phase].name + "\n";
  }
  for (const CouponDropConfig& drop : config.coupon_drops) {
    out += "  coupon drop: " + when(config, timeline.tick_into_phase(drop.phase, drop.after_hours)) + ", " +
           percent(drop.share) + " of shoppers, spend " + format_number(drop.threshold) + " get " +
           format_number(drop.value) + " off, valid " + format_number(drop.valid_hours) + " h\n";
  }
  for (const FlashSaleConfig& sale : config.flash_sales) {
    out += "  flash sale: " + when(config, timeline.tick_into_phase(sale.phase, sale.after_hours)) + ", " +
           format_number(sale.hours) + " h, " + std::to_string(sale.items) + " items at " + percent(sale.discount) +
           " off, " + std::to_string(sale.stock) + " units each\n";
  }
  for (const LaunchConfig& launch : scenario.catalog.launches) {
    out += "  launch: " + std::to_string(launch.items) + " new items, " +
           when(config, timeline.tick_into_phase(launch.phase, 24.0 * launch.after_days)) + "\n";
  }
  for (const NewShopperConfig& group : scenario.population.new_shoppers) {
    out += "  new shoppers: " + with_separators(group.shoppers) + " joining during " + config.phases[group.phase].name + "\n";
  }
  return out;
}

}  // namespace promosim::cli
