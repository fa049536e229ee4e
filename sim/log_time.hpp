#pragma once
// Timestamp parsing for logged data, without the C library's time-zone state (timegm is not
// standard and mktime depends on TZ).
#include <cstdint>
#include <optional>
#include <string_view>

namespace promosim {

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(int year, unsigned month, unsigned day);
/// The inverse of days_from_civil.
void civil_from_days(std::int64_t days, int& year, unsigned& month, unsigned& day);

/// Seconds since the epoch of "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DDTHH:MM:SS",
/// optionally followed by fractional seconds (truncated) and " UTC", "Z" or "+00:00".
/// nullopt if malformed or if another UTC offset is given (logs here are UTC by definition).
std::optional<std::int64_t> parse_utc_datetime(std::string_view text);

}  // namespace promosim
