#pragma once
// Top-k selection for recommenders: keeps the k best-scoring items seen so far, best first.
#include <cstddef>
#include <vector>

#include "promosim/types.hpp"

namespace promosim {

/// The k highest-scoring distinct pushes, best first; equal scores rank the lower item id
/// first, so results never depend on the order candidates arrive in. Threshold insertion:
/// a candidate below the current k-th score is rejected with one comparison, which is what
/// makes it several times faster than std::partial_sort when k is small and candidates many.
/// Not thread-safe; give each thread (or each batch call) its own.
class TopK {
 public:
  explicit TopK(std::size_t k) : k_(k) { entries_.reserve(k + 1); }

  void clear() { entries_.clear(); }
  std::size_t size() const { return entries_.size(); }
  std::size_t capacity() const { return k_; }
  ItemId item(std::size_t rank) const { return entries_[rank].item; }
  float score(std::size_t rank) const { return entries_[rank].score; }

  /// Offers `item` with `score`. The caller guarantees an item is pushed at most once.
  void push(float score, ItemId item) {
    if (k_ == 0) return;
    if (entries_.size() == k_ && !better(score, item, entries_.back())) return;
    std::size_t pos = entries_.size();
    if (pos == k_) --pos;  // the last entry is dropped
    else entries_.push_back({});
    while (pos > 0 && better(score, item, entries_[pos - 1])) {
      entries_[pos] = entries_[pos - 1];
      --pos;
    }
    entries_[pos] = {score, item};
  }

  /// Writes the items best first into out[0, size()); returns size().
  std::size_t write(ItemId* out) const {
    for (std::size_t r = 0; r < entries_.size(); ++r) out[r] = entries_[r].item;
    return entries_.size();
  }

 private:
  struct Entry {
    float score;
    ItemId item;
  };
  static bool better(float score, ItemId item, const Entry& than) {
    return score > than.score || (score == than.score && item < than.item);
  }
  std::size_t k_;
  std::vector<Entry> entries_;
};

}  // namespace promosim
