#pragma once
// Packs plain values and vectors of them into bytes and back, for what the ranks of a
// ProcessGroup swap at a tick barrier. Both sides are the same binary on the same machine
// type, so values travel as their bytes; a vector is its length followed by its elements.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace promosim {

class ByteWriter {
 public:
  template <class T>
  void put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    append(&value, sizeof(T));
  }
  template <class T>
  void put(const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    put<std::uint64_t>(values.size());
    append(values.data(), values.size() * sizeof(T));
  }
  void put(const std::string& text) {
    put<std::uint64_t>(text.size());
    append(text.data(), text.size());
  }
  const std::vector<std::byte>& bytes() const { return bytes_; }
  /// Empties the writer, keeping its memory for the next message.
  void clear() { bytes_.clear(); }

 private:
  void append(const void* data, std::size_t size) {
    if (size == 0) return;
    const std::size_t at = bytes_.size();
    bytes_.resize(at + size);
    std::memcpy(bytes_.data() + at, data, size);
  }
  std::vector<std::byte> bytes_;
};

class ByteReader {
 public:
  ByteReader(const std::byte* data, std::size_t size) : data_(data), size_(size) {}
  template <class T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    T value;
    copy(&value, sizeof(T));
    return value;
  }
  /// Replaces `values` with the next vector.
  template <class T>
  void get(std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    values.resize(get<std::uint64_t>());
    copy(values.data(), values.size() * sizeof(T));
  }
  std::string get_string() {
    std::string text(get<std::uint64_t>(), '\0');
    copy(text.data(), text.size());
    return text;
  }
  bool done() const { return at_ == size_; }

 private:
  void copy(void* out, std::size_t size) {
    if (size > size_ - at_) throw std::logic_error("rank exchange: message shorter than expected");
    if (size != 0) std::memcpy(out, data_ + at_, size);
    at_ += size;
  }
  const std::byte* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

}  // namespace promosim
