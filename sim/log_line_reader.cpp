#include "log_line_reader.hpp"

#include <cstring>

#include "user_error.hpp"

namespace promosim {

namespace {
constexpr std::size_t kBlockBytes = 1 << 16;
}

LogLineReader::LogLineReader(const std::string& path) : path_(path), in_(path, std::ios::binary) {
  if (!in_) throw UserError("cannot open log file '" + path + "'; check the path and that it is readable");
  block_.resize(kBlockBytes);
}

bool LogLineReader::fill() {
  if (eof_) return false;
  in_.read(block_.data(), static_cast<std::streamsize>(block_.size()));
  block_end_ = static_cast<std::size_t>(in_.gcount());
  block_pos_ = 0;
  if (in_.bad()) throw UserError("reading log file '" + path_ + "' failed (I/O error); check the disk and retry");
  if (block_end_ == 0) eof_ = true;
  return block_end_ > 0;
}

bool LogLineReader::next(std::string_view& line) {
  line_.clear();
  overlong_ = false;
  unterminated_ = false;
  bool any = false;
  for (;;) {
    if (block_pos_ == block_end_ && !fill()) break;
    any = true;
    const char* start = block_.data() + block_pos_;
    const std::size_t avail = block_end_ - block_pos_;
    const void* newline = std::memchr(start, '\n', avail);
    const std::size_t take = newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - start) : avail;
    const std::size_t room = kMaxLineBytes - std::min(kMaxLineBytes, line_.size());
    if (take > room) overlong_ = true;
    line_.append(start, std::min(take, room));
    block_pos_ += take;
    if (newline) {
      ++block_pos_;
      ++line_number_;
      if (!line_.empty() && line_.back() == '\r') line_.pop_back();
      line = line_;
      return true;
    }
  }
  if (!any) return false;
  ++line_number_;
  unterminated_ = true;
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  line = line_;
  return true;
}

}  // namespace promosim
