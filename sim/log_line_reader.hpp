#pragma once
// Reads a log file one line at a time in constant memory, whatever the file's size: a fixed
// block buffer plus the current line, which is capped so a file without newlines cannot
// exhaust memory.
#include <cstddef>
#include <fstream>
#include <string>
#include <string_view>

namespace promosim {

class LogLineReader {
 public:
  /// Longest line kept; longer lines are returned cut to this length with `overlong()` set.
  static constexpr std::size_t kMaxLineBytes = 1 << 20;

  /// Opens `path`; throws UserError (cause and fix) if it cannot be read.
  explicit LogLineReader(const std::string& path);

  /// Moves to the next line; false at the end of the file. The line excludes its "\n" or
  /// "\r\n" and stays valid until the next call.
  bool next(std::string_view& line);

  /// 1-based number of the line last returned.
  std::size_t line_number() const { return line_number_; }
  /// True if the line last returned was the file's last one and had no newline: a file cut
  /// mid-write ends this way (but so do many complete files, so adapters check its fields).
  bool unterminated() const { return unterminated_; }
  /// True if the line last returned was longer than kMaxLineBytes and was cut.
  bool overlong() const { return overlong_; }
  const std::string& path() const { return path_; }

 private:
  bool fill();

  std::string path_;
  std::ifstream in_;
  std::string block_;
  std::size_t block_pos_ = 0;
  std::size_t block_end_ = 0;
  std::string line_;
  std::size_t line_number_ = 0;
  bool unterminated_ = false;
  bool overlong_ = false;
  bool eof_ = false;
};

}  // namespace promosim
