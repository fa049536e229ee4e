#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace promosim {

/// " (did you mean 'x'?)" for the closest candidate within a small edit distance, or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// Levenshtein distance between two strings.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace promosim
