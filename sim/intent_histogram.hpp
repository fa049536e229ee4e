#pragma once
// Sessions by intent score in bins of width 1/kBins, with how many converted: enough to cut a
// run's sessions into deciles of predicted probability without keeping every score.
#include <cstdint>
#include <vector>

#include "byte_stream.hpp"
#include "results_records.hpp"

namespace promosim {

class IntentHistogram {
 public:
  static constexpr std::size_t kBins = 1000;

  void add(float intent, bool converted);
  /// Adds another histogram's counts (shards are merged in shard order).
  void merge(const IntentHistogram& other);
  /// The counts as bytes, and back: a shard's histogram from the rank that simulated it.
  void save(ByteWriter& out) const;
  void load(ByteReader& in);
  /// The sessions cut into deciles of score, lowest first. A bin joins the decile its middle
  /// session falls in, so a score shared by more than a tenth of the sessions fills one decile
  /// and leaves its neighbours without a row.
  std::vector<CalibrationRecord> deciles(std::uint32_t arm, std::uint32_t replicate) const;

 private:
  std::vector<std::uint64_t> sessions_ = std::vector<std::uint64_t>(kBins);
  std::vector<std::uint64_t> converted_ = std::vector<std::uint64_t>(kBins);
  std::vector<double> predicted_ = std::vector<double>(kBins);
};

}  // namespace promosim
