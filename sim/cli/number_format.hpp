#pragma once
#include <cstdint>
#include <string>

namespace promosim::cli {

/// 1234567 -> "1,234,567".
std::string with_separators(std::uint64_t value);
/// 123456789 -> "117.7 MiB".
std::string format_bytes(std::size_t bytes);

}  // namespace promosim::cli
