#pragma once
// Per-session score accumulator of the neighbourhood recommenders: candidates arrive from
// several neighbour lists and their contributions add up. A small open-addressing table sized
// once per batch, so scoring a session allocates nothing and clearing costs only what was used.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "promosim/types.hpp"

namespace promosim::plugins {

class CandidateScores {
 public:
  struct Entry {
    ItemId item;
    float score;
  };

  /// Room for `capacity` distinct candidates per session.
  explicit CandidateScores(std::size_t capacity);

  /// Adds `score` to `item`'s total, inserting it at 0 if new. Adding more than capacity()
  /// distinct items is a bug of the caller (std::length_error).
  void add(ItemId item, float score);
  /// The total of `item`, 0 if it was never added.
  float score(ItemId item) const;
  /// Forgets every candidate.
  void clear();

  /// Candidates in first-added order.
  const std::vector<Entry>& entries() const { return entries_; }
  /// Multiplies every candidate's score by factor[item] (an array over the catalog).
  void scale(const float* factor);
  std::size_t capacity() const { return capacity_; }

 private:
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  std::size_t slot_of(ItemId item) const;

  std::size_t capacity_;
  std::size_t mask_;
  std::vector<std::uint32_t> slots_;  // index into entries_, or kEmpty
  std::vector<Entry> entries_;
  std::vector<std::size_t> used_;     // the slot of each entry, so clear() touches only those
};

}  // namespace promosim::plugins
