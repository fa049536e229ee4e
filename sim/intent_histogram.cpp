#include "intent_histogram.hpp"

#include <algorithm>

namespace promosim {

void IntentHistogram::add(float intent, bool converted) {
  const std::size_t bin = std::min(kBins - 1, static_cast<std::size_t>(intent * kBins));
  ++sessions_[bin];
  converted_[bin] += converted ? 1 : 0;
  predicted_[bin] += intent;
}

void IntentHistogram::merge(const IntentHistogram& other) {
  for (std::size_t b = 0; b < kBins; ++b) {
    sessions_[b] += other.sessions_[b];
    converted_[b] += other.converted_[b];
    predicted_[b] += other.predicted_[b];
  }
}

void IntentHistogram::save(ByteWriter& out) const {
  out.put(sessions_);
  out.put(converted_);
  out.put(predicted_);
}

void IntentHistogram::load(ByteReader& in) {
  in.get(sessions_);
  in.get(converted_);
  in.get(predicted_);
}

std::vector<CalibrationRecord> IntentHistogram::deciles(std::uint32_t arm, std::uint32_t replicate) const {
  std::uint64_t total = 0;
  for (const std::uint64_t n : sessions_) total += n;
  std::vector<CalibrationRecord> rows;
  std::uint64_t before = 0;
  for (std::size_t b = 0; b < kBins; ++b) {
    const std::uint64_t n = sessions_[b];
    if (n == 0) continue;
    const auto decile = static_cast<std::uint32_t>((10 * (2 * before + n)) / (2 * total));
    before += n;
    if (rows.empty() || rows.back().decile != decile) rows.push_back({arm, replicate, decile, 0, 0.0, 0});
    CalibrationRecord& row = rows.back();
    row.sessions += n;
    row.mean_predicted += predicted_[b];
    row.converted += converted_[b];
  }
  for (CalibrationRecord& row : rows) row.mean_predicted /= static_cast<double>(row.sessions);
  return rows;
}

}  // namespace promosim
