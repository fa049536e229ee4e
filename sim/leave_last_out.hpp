#pragma once
// The leave-last-out split of next-item evaluation: each shopper's last interaction is held out
// and everything before it is training history.
#include <cstdint>
#include <vector>

#include "logged_interactions.hpp"
#include "promosim/catalog_view.hpp"
#include "promosim/types.hpp"

namespace promosim {

/// One shopper to test: rank the catalog for them and see where `target` lands.
struct HeldOutCase {
  ShopperId shopper = 0;
  ItemId target = 0;
};

struct LeaveLastOut {
  /// Training interactions as plugin events (all at tick 0, the history block), ordered by
  /// shopper, then time, as fit() expects. Shoppers who are not tested contribute all of theirs.
  std::vector<Event> training;
  std::vector<HeldOutCase> cases;          ///< in shopper order
  std::uint32_t single_interaction = 0;    ///< shoppers with nothing to learn from: not tested
  std::uint32_t repeated_target = 0;       ///< last item already in their history: not tested
};

/// Splits `log`. A shopper whose last item repeats an earlier one is not tested, since seen
/// items are excluded from the ranking and the target could never be found.
/// Training events are priced at the catalog's list price.
LeaveLastOut split_leave_last_out(const LoggedInteractions& log, const CatalogView& catalog);

/// Every interaction of `log` as plugin history events (tick 0, ordered by shopper, then time),
/// priced at the catalog's list price.
std::vector<Event> history_events(const LoggedInteractions& log, const CatalogView& catalog);

/// The engine's event type for a logged kind: views, clicks and clicked impressions are clicks
/// (a product page was opened), carts and purchases keep their meaning.
EventType engine_event_type(EventKind kind);

}  // namespace promosim
