#pragma once
// Plain value types shared by the core, the engine and every plugin.
#include <cstddef>
#include <cstdint>
#include <limits>

namespace promosim {

using ItemId = std::uint32_t;
using ShopperId = std::uint32_t;
using SegmentId = std::uint16_t;
using CategoryId = std::uint16_t;
using BrandId = std::uint16_t;
using TickIndex = std::uint32_t;

/// Marks an empty slate slot or "no item".
inline constexpr ItemId kNoItem = std::numeric_limits<ItemId>::max();
/// Marks "never happened" in tick fields (e.g. a shopper who never purchased).
inline constexpr TickIndex kNever = std::numeric_limits<TickIndex>::max();

/// What a shopper did with an item. Impressions are counted by the engine but not
/// emitted as events: they are ten times more numerous and no shipped plugin learns
/// from them.
enum class EventType : std::uint8_t { kClick = 1, kCart = 2, kPurchase = 3 };

/// One shopper action, as handed to plugins' fit() and observe(). 24 bytes, no pointers,
/// so batches can be copied, merged and stored without ownership questions.
struct Event {
  ShopperId shopper;   ///< shopper index in [0, shopper_count)
  ItemId item;         ///< item index in [0, item_count)
  TickIndex tick;      ///< tick the event happened in (history ticks are negative-free:
                       ///< history events carry tick 0)
  float price_paid;    ///< unit price after discount, currency units (list price for clicks/carts)
  float discount;      ///< discount fraction of list price shown with the item, in [0, 1)
  EventType type;
  std::uint8_t position;  ///< slate position 0-based; 255 for organic (history) events
  SegmentId segment;
};
static_assert(sizeof(Event) == 24, "Event is part of the plugin ABI");

/// A read-only run of events; the memory belongs to the caller and is valid only for the
/// duration of the call it is passed to.
struct EventSpan {
  const Event* data = nullptr;
  std::size_t size = 0;
  const Event* begin() const { return data; }
  const Event* end() const { return data + size; }
};

}  // namespace promosim
