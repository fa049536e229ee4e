#include "item_table.hpp"

namespace promosim {

std::uint32_t ItemTable::index(std::string_view raw_id) {
  // A temporary key string is simpler than transparent hashing, and ingest is I/O-bound.
  auto [it, inserted] = index_.try_emplace(std::string(raw_id), static_cast<std::uint32_t>(ids_.size()));
  if (inserted) ids_.emplace_back(raw_id);
  return it->second;
}

}  // namespace promosim
