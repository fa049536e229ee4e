#pragma once
#include <cstddef>

namespace promosim {

/// Peak resident set size of this process so far, in bytes.
std::size_t peak_memory_bytes();

}  // namespace promosim
