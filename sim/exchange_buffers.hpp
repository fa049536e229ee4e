#pragma once
// The buffers of one ArmSimulation's rank exchanges, kept for the whole run: every tick's
// message is megabytes, and fresh buffers each tick would have their pages faulted in and
// cleared again.
#include <cstddef>
#include <vector>

#include "byte_stream.hpp"
#include "process_group.hpp"

namespace promosim {

struct ExchangeBuffers {
  ByteWriter pack;                   // this rank's message
  std::vector<std::byte> all;        // every rank's message, in rank order
  std::vector<std::size_t> offsets;  // rank r's message is all[offsets[r], offsets[r + 1])

  /// The writer, emptied, for a new message.
  ByteWriter& start() {
    pack.clear();
    return pack;
  }
  /// Exchanges the packed message with every rank (collective).
  void gather(const ProcessGroup& group) { group.all_gather(pack.bytes(), all, offsets); }
  /// A reader of rank r's message, after gather().
  ByteReader message(std::size_t rank) const {
    return ByteReader(all.data() + offsets[rank], offsets[rank + 1] - offsets[rank]);
  }
};

}  // namespace promosim
