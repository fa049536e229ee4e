#pragma once
// Writes each finished (arm, replicate) into the results store on a thread of its own, while
// the next (arm, replicate) is simulated: the store's transaction (thousands of rows with the
// block breakdowns) then costs the run no time. One write at a time, in the order given, so the
// database holds whole units in run order exactly as with synchronous writes.
#include <cstdint>
#include <future>

#include "results_records.hpp"
#include "results_store.hpp"

namespace promosim {

class ReplicateWriter {
 public:
  ReplicateWriter(ResultsStore& store, std::int64_t run) : store_(store), run_(run) {}
  ReplicateWriter(const ReplicateWriter&) = delete;
  ReplicateWriter& operator=(const ReplicateWriter&) = delete;
  /// Waits for the write in flight (its error, if any, is dropped: the caller is already
  /// handling another one or has called wait()).
  ~ReplicateWriter();

  /// Waits for the previous write (rethrowing its error), then starts writing `records`.
  void write(ReplicateRecords records);
  /// Waits until everything given is written; rethrows a write's error.
  void wait();

 private:
  ResultsStore& store_;
  std::int64_t run_;
  std::future<void> pending_;
};

}  // namespace promosim
