#pragma once
// Plain-text tables for the terminal: `compare`'s sections and `evaluate`'s scores.
#include <string>
#include <vector>

namespace promosim {

/// One line per row, each cell preceded by two spaces and padded to its column's widest cell:
/// the first column left-aligned (labels), the rest right-aligned (numbers); trailing spaces
/// are dropped.
std::string aligned_columns(const std::vector<std::vector<std::string>>& rows);

}  // namespace promosim
