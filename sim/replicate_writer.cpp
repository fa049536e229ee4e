#include "replicate_writer.hpp"

#include <utility>

namespace promosim {

ReplicateWriter::~ReplicateWriter() {
  try {
    wait();
  } catch (...) {  // NOLINT(bugprone-empty-catch): see the declaration
  }
}

void ReplicateWriter::write(ReplicateRecords records) {
  wait();
  pending_ = std::async(std::launch::async, [this, records = std::move(records)] { store_.write_replicate(run_, records); });
}

void ReplicateWriter::wait() {
  if (pending_.valid()) pending_.get();
}

}  // namespace promosim
