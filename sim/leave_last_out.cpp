#include "leave_last_out.hpp"

#include <algorithm>

namespace promosim {

EventType engine_event_type(EventKind kind) {
  switch (kind) {
    case EventKind::kCart: return EventType::kCart;
    case EventKind::kPurchase: return EventType::kPurchase;
    default: return EventType::kClick;
  }
}

namespace {
void add_events(std::vector<Event>& events, ShopperId shopper, std::span<const LoggedInteraction> interactions,
                const CatalogView& catalog) {
  for (const LoggedInteraction& x : interactions) {
    events.push_back(Event{shopper, x.item, 0, catalog.list_price[x.item], 0.0f, engine_event_type(x.kind), 255, 0});
  }
}
}  // namespace

std::vector<Event> history_events(const LoggedInteractions& log, const CatalogView& catalog) {
  std::vector<Event> events;
  events.reserve(log.size());
  for (ShopperId s = 0; s < log.shopper_count(); ++s) add_events(events, s, log.of(s), catalog);
  return events;
}

LeaveLastOut split_leave_last_out(const LoggedInteractions& log, const CatalogView& catalog) {
  LeaveLastOut split;
  split.training.reserve(log.size());
  for (ShopperId s = 0; s < log.shopper_count(); ++s) {
    const auto history = log.of(s);
    std::size_t train = history.size();
    if (history.size() < 2) {
      ++split.single_interaction;
    } else {
      const ItemId target = history.back().item;
      const bool repeated = std::any_of(history.begin(), history.end() - 1,
                                        [&](const LoggedInteraction& x) { return x.item == target; });
      if (repeated) {
        ++split.repeated_target;
      } else {
        split.cases.push_back({s, target});
        train = history.size() - 1;
      }
    }
    add_events(split.training, s, history.first(train), catalog);
  }
  return split;
}

}  // namespace promosim
