#pragma once
// How an adapter treats the log it reads: what to do with a bad row, the pseudonym key and a
// row limit.
#include <cstdint>
#include <string>

#include "shopper_pseudonym.hpp"

namespace promosim {

/// What to do with a row that cannot be read (wrong field count, bad number, ...).
enum class OnBadRow { kSkip, kFail };

struct IngestPolicy {
  /// skip: count the row under its reason and go on; fail: throw UserError at the first one.
  OnBadRow on_bad_row = OnBadRow::kSkip;
  /// Keyed hash for shopper and session ids (ShopperPseudonym::resolve picks the key).
  ShopperPseudonym pseudonym;
  /// Stop after this many data rows (0 = no limit), for a quick look at a large log.
  std::uint64_t row_limit = 0;
};

/// The --on-bad-row value: "skip" or "fail"; anything else throws UserError with the fix.
OnBadRow parse_on_bad_row(const std::string& text);

}  // namespace promosim
