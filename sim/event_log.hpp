#pragma once
// The event-log schema every logged-data adapter produces (docs/event-log.md). One row of a
// public log becomes one LoggedEvent; it is small and trivially copyable so a stream of them
// can be buffered, sorted or written without allocation.
#include <cstdint>
#include <limits>
#include <string_view>

namespace promosim {

/// What the shopper did. `impression` is an item shown without a recorded reaction of its own
/// (bandit logs: the reward field says whether it was clicked).
enum class EventKind : std::uint8_t { kView, kClick, kCart, kPurchase, kImpression };

/// Lower-case name of an event kind, as used in mappings, summaries and docs.
std::string_view event_kind_name(EventKind kind);

/// Number of EventKind values, for per-kind tallies.
inline constexpr int kEventKindCount = 5;

/// `time` of an event whose log has no timestamp (e.g. Hillstrom: one row per customer).
inline constexpr std::int64_t kNoTime = std::numeric_limits<std::int64_t>::min();
/// `session` of an event whose log has no session id.
inline constexpr std::uint64_t kNoSession = 0;

/// A shopper's events more than this far apart start a new session (a visit) where a log has no
/// session ids or a consumer does not keep them (the common web-analytics convention).
inline constexpr std::int64_t kSessionGapSeconds = 30 * 60;

/// Whether an event at `time` after one of the same shopper at `previous` opens a new session:
/// both times known and more than kSessionGapSeconds apart (without times there is no gap).
inline bool session_gap(std::int64_t previous, std::int64_t time) {
  return previous != kNoTime && time != kNoTime && time - previous > kSessionGapSeconds;
}

/// One logged event. Ids are never raw: `shopper` and `session` are keyed pseudonyms
/// (ShopperPseudonym) and `item` indexes the adapter's item table.
struct LoggedEvent {
  // Eight-byte fields first, so the struct packs into 64 bytes (one cache line).
  std::int64_t time = kNoTime;         ///< seconds since 1970-01-01 UTC (fractions truncated); kNoTime if none
  std::uint64_t shopper = 0;           ///< keyed pseudonym of the raw shopper id
  std::uint64_t session = kNoSession;  ///< keyed pseudonym of the raw session id; kNoSession if none
  double price = std::numeric_limits<double>::quiet_NaN();       ///< price in the log's currency; NaN if none
  double propensity = std::numeric_limits<double>::quiet_NaN();  ///< logging policy's P(this action); NaN if unknown
  double reward = std::numeric_limits<double>::quiet_NaN();      ///< bandit/uplift outcome (click 0/1, spend, rating); NaN if none
  std::uint32_t item = 0;              ///< dense index into the log's item table (LogAdapter::item_ids)
  std::int32_t position = -1;          ///< 1-based slot the item was shown in; -1 if unknown
  std::int32_t action = -1;            ///< logged arm/action index for bandit and uplift logs; -1 if none
  EventKind kind = EventKind::kView;
};

}  // namespace promosim
