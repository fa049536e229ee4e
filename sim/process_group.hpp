#pragma once
// The processes one run is spread over (DESIGN §10). A plain run is one process; a build
// with -DPROMOSIM_MPI=ON started by `mpirun -np N promosim run ...` is N ranks of
// MPI_COMM_WORLD. Every rank builds the same world and runs the same plugins; each simulates
// the sessions of its own block of shards, and at every tick barrier the ranks swap what
// their shards produced (all-gather, in rank and so shard order), so every rank merges the
// same buffers in the same order and all end with identical state and results.
#include <cstddef>
#include <memory>
#include <vector>

namespace promosim {

class ProcessGroup {
 public:
  /// One process on its own: rank 0 of 1, and every exchange is the identity.
  static const ProcessGroup& single();
  /// MPI_COMM_WORLD when this process was started by mpirun and the build has MPI; else
  /// single(). Valid while a Launch is alive.
  static const ProcessGroup& world();

  /// Starts MPI for the lifetime of the object when this process was started by mpirun (its
  /// launcher's environment is set) and the build has MPI; otherwise does nothing, so a plain
  /// `promosim run` never needs an MPI runtime. A build without MPI started by mpirun with
  /// several processes throws UserError: each would run the whole scenario on its own.
  class Launch {
   public:
    Launch();
    ~Launch();
    Launch(const Launch&) = delete;
    Launch& operator=(const Launch&) = delete;

   private:
    bool started_ = false;
  };

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool distributed() const { return size_ > 1; }

  /// Every rank's `mine` into `all`, in rank order: rank r's bytes are [offsets[r],
  /// offsets[r + 1]). The buffers are the caller's, so a tick's exchange reuses the last one's
  /// memory (collective: every rank must call it).
  void all_gather(const std::vector<std::byte>& mine, std::vector<std::byte>& all,
                  std::vector<std::size_t>& offsets) const;
  /// True on every rank if `flag` is true on any (collective).
  bool any(bool flag) const;

 private:
  ProcessGroup(int rank, int size) : rank_(rank), size_(size) {}
  int rank_, size_;
};

}  // namespace promosim
