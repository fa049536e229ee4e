// Names of the event kinds (declared in event_log.hpp).
#include "event_log.hpp"

namespace promosim {

static_assert(sizeof(LoggedEvent) == 64, "LoggedEvent should stay one cache line");

std::string_view event_kind_name(EventKind kind) {
  switch (kind) {
    case EventKind::kView: return "view";
    case EventKind::kClick: return "click";
    case EventKind::kCart: return "cart";
    case EventKind::kPurchase: return "purchase";
    case EventKind::kImpression: return "impression";
  }
  return "?";
}

}  // namespace promosim
