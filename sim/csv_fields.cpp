#include "csv_fields.hpp"

namespace promosim {

bool CsvFields::split(std::string_view line) {
  count_ = 0;
  std::size_t i = 0;
  for (;;) {
    if (count_ == fields_.size()) fields_.emplace_back();
    std::string& field = fields_[count_++];
    field.clear();
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        const char c = line[i++];
        if (c != '"') {
          field += c;
        } else if (i < line.size() && line[i] == '"') {
          field += '"';
          ++i;
        } else {
          closed = true;
          break;
        }
      }
      if (!closed) return false;
      // Text after the closing quote up to the delimiter is kept, as spreadsheets do.
      while (i < line.size() && line[i] != delimiter_) field += line[i++];
    } else {
      const std::size_t end = line.find(delimiter_, i);
      const std::size_t stop = end == std::string_view::npos ? line.size() : end;
      field.assign(line.substr(i, stop - i));
      i = stop;
    }
    if (i >= line.size()) return true;
    ++i;  // the delimiter
  }
}

}  // namespace promosim
