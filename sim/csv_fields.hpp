#pragma once
// Splits one CSV line into fields: a delimiter, RFC 4180 quotes ("a,b" and "" for a quote).
// A quoted field may not span lines; logs written by pandas or Spark never need it.
#include <string>
#include <string_view>
#include <vector>

namespace promosim {

class CsvFields {
 public:
  explicit CsvFields(char delimiter = ',') : delimiter_(delimiter) {}

  /// Splits `line`; false if a quote is left open. Reuses its storage, so a stream of lines
  /// costs no allocation once the longest line has been seen.
  bool split(std::string_view line);

  std::size_t size() const { return count_; }
  std::string_view operator[](std::size_t i) const { return fields_[i]; }
  char delimiter() const { return delimiter_; }

 private:
  char delimiter_;
  std::vector<std::string> fields_;
  std::size_t count_ = 0;
};

}  // namespace promosim
