#include "number_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace promosim {

std::string with_separators(double value, int decimals) {
  // Rounds first, so small negatives never print as "-0".
  char digits[64];
  std::snprintf(digits, sizeof digits, "%.*f", std::clamp(decimals, 0, 2), std::abs(value));
  const std::string text = digits;
  const std::size_t point = std::min(text.find('.'), text.size());
  std::string out = value < 0 && text.find_first_not_of("0.") != std::string::npos ? "-" : "";
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && i < point && (point - i) % 3 == 0) out += ',';
    out += text[i];
  }
  return out;
}

std::string fixed_decimals(double value, int decimals, bool sign) {
  if (!std::isfinite(value)) return "n/a";
  char text[64];
  std::snprintf(text, sizeof text, sign ? "%+.*f" : "%.*f", decimals, value);
  return text;
}

std::string format_bytes(std::size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

}  // namespace promosim
