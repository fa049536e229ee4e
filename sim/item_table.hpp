#pragma once
// Dense indices for the raw item ids of a log, in order of first appearance, so events carry a
// 32-bit index and the ids are stored once. Item ids are catalogue data, not personal data.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace promosim {

class ItemTable {
 public:
  /// The index of `raw_id`, adding it if new.
  std::uint32_t index(std::string_view raw_id);
  /// Raw ids by index.
  const std::vector<std::string>& ids() const { return ids_; }

 private:
  std::unordered_map<std::string, std::uint32_t> index_;
  std::vector<std::string> ids_;
};

}  // namespace promosim
