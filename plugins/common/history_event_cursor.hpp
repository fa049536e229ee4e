#pragma once
// Walks the history's events alongside the history sessions they came from, for the models
// that learn each history session with what its shopper did before it (logistic_intent,
// sequence_intent). History events come shopper by shopper, visit by visit, each session's
// clicks + carts + purchases events in a row, as the sessions do.
#include <cstddef>

#include "promosim/sdk.hpp"

namespace promosim::plugins {

class HistoryEventCursor {
 public:
  explicit HistoryEventCursor(EventSpan events) : events_(events) {}

  /// The events of history session number `index`, `session`, which must be the next ones
  /// (std::invalid_argument if they are not, e.g. another shopper's or too few).
  EventSpan next(const SessionOutcome& session, std::size_t index);
  /// Throws std::invalid_argument if events are left after the last session.
  void finish() const;

 private:
  EventSpan events_;
  std::size_t cursor_ = 0;
};

}  // namespace promosim::plugins
