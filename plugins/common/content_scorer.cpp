#include "content_scorer.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace promosim::plugins {

FallbackMode parse_fallback(std::string_view name) {
  if (name == "content") return FallbackMode::kContent;
  if (name == "popularity") return FallbackMode::kPopularity;
  if (name == "none") return FallbackMode::kNone;
  throw std::invalid_argument("unknown fallback '" + std::string(name) + "' (expected " + kFallbackChoices + ")");
}

}  // namespace promosim::plugins
