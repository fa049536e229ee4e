#pragma once
// Numbers as people read them, shared by the CLI and the comparison tables.
#include <cstddef>
#include <string>

namespace promosim {

/// 1234567.891 -> "1,234,568" (decimals 0) or "1,234,567.89" (decimals 2); decimals 0..2.
std::string with_separators(double value, int decimals = 0);
/// 0.12345 -> "0.1235" (decimals 4), with sign "+0.1235"; "n/a" for NaN or infinity.
std::string fixed_decimals(double value, int decimals, bool sign = false);
/// 123456789 -> "117.7 MiB".
std::string format_bytes(std::size_t bytes);

}  // namespace promosim
