#include "history_event_cursor.hpp"

#include <stdexcept>
#include <string>

namespace promosim::plugins {

EventSpan HistoryEventCursor::next(const SessionOutcome& session, std::size_t index) {
  const std::size_t first = cursor_;
  const std::size_t own = std::size_t{session.clicks} + session.carts + session.purchases;
  for (std::size_t k = 0; k < own; ++k, ++cursor_) {
    if (cursor_ == events_.size || events_.data[cursor_].shopper != session.view.shopper) {
      throw std::invalid_argument("history event " + std::to_string(cursor_) + " does not belong to history session " +
                                  std::to_string(index) + " (shopper " + std::to_string(session.view.shopper) +
                                  "): history events must follow the sessions' order and counts");
    }
  }
  return {events_.data + first, own};
}

void HistoryEventCursor::finish() const {
  if (cursor_ != events_.size) {
    throw std::invalid_argument("history has " + std::to_string(events_.size) + " events but its sessions account for " +
                                std::to_string(cursor_));
  }
}

}  // namespace promosim::plugins
