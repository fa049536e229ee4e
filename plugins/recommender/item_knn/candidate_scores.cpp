#include "candidate_scores.hpp"

#include <bit>
#include <stdexcept>
#include <string>

namespace promosim::plugins {

// At most half the slots are ever used, so a probe meets an empty slot within a few steps.
CandidateScores::CandidateScores(std::size_t capacity)
    : capacity_(capacity), mask_(std::bit_ceil(2 * capacity + 2) - 1), slots_(mask_ + 1, kEmpty) {
  entries_.reserve(capacity);
  used_.reserve(capacity);
}

// Fibonacci hashing: item ids are dense and often consecutive, the multiply spreads them.
std::size_t CandidateScores::slot_of(ItemId item) const {
  std::size_t slot = static_cast<std::size_t>((static_cast<std::uint64_t>(item) * 0x9E3779B97F4A7C15ull) >> 40) & mask_;
  while (slots_[slot] != kEmpty && entries_[slots_[slot]].item != item) slot = (slot + 1) & mask_;
  return slot;
}

void CandidateScores::add(ItemId item, float score) {
  const std::size_t slot = slot_of(item);
  if (slots_[slot] != kEmpty) {
    entries_[slots_[slot]].score += score;
    return;
  }
  if (entries_.size() == capacity_) {
    throw std::length_error("CandidateScores: more than " + std::to_string(capacity_) + " candidates in one session");
  }
  slots_[slot] = static_cast<std::uint32_t>(entries_.size());
  entries_.push_back({item, score});
  used_.push_back(slot);
}

float CandidateScores::score(ItemId item) const {
  const std::size_t slot = slot_of(item);
  return slots_[slot] == kEmpty ? 0.0f : entries_[slots_[slot]].score;
}

void CandidateScores::scale(const float* factor) {
  for (Entry& e : entries_) e.score *= factor[e.item];
}

void CandidateScores::clear() {
  for (const std::size_t slot : used_) slots_[slot] = kEmpty;
  used_.clear();
  entries_.clear();
}

}  // namespace promosim::plugins
