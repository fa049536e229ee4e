#include "process_group.hpp"

#include <cstdlib>
#include <exception>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>

#include "user_error.hpp"

#ifdef PROMOSIM_MPI
#include <mpi.h>
#endif

namespace promosim {
namespace {

std::optional<ProcessGroup> g_world;

/// Set by mpirun/mpiexec (Open MPI, or a PMIx launcher) in every process it starts.
bool started_by_launcher() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMIX_RANK") != nullptr ||
         std::getenv("PMI_RANK") != nullptr;
}

#ifdef PROMOSIM_MPI
void check(int code, const char* call) {
  if (code != MPI_SUCCESS) throw std::runtime_error(std::string("MPI call ") + call + " failed");
}
#else
/// The number of processes the launcher started, 1 if it does not say.
long launched_processes() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    if (const char* value = std::getenv(name)) return std::strtol(value, nullptr, 10);
  }
  return 1;
}
#endif

}  // namespace

const ProcessGroup& ProcessGroup::single() {
  static const ProcessGroup group(0, 1);
  return group;
}

const ProcessGroup& ProcessGroup::world() { return g_world ? *g_world : single(); }

ProcessGroup::Launch::Launch() {
  if (!started_by_launcher()) return;
#ifdef PROMOSIM_MPI
  // Only the main thread calls MPI; the oneTBB workers and the results writer never do.
  int provided = 0;
  check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  started_ = true;
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  g_world.emplace(ProcessGroup(rank, size));
#else
  if (launched_processes() > 1) {
    throw UserError("this promosim was built without MPI, so each of mpirun's processes would run the whole scenario "
                    "on its own: build with -DPROMOSIM_MPI=ON (docs/engine.md), or run it without mpirun");
  }
#endif
}

ProcessGroup::Launch::~Launch() {
#ifdef PROMOSIM_MPI
  // Leaving by an error, skip MPI_Finalize: mpirun then sees a rank end without it and stops
  // the others, which may be waiting in a collective call this rank will never make.
  if (!started_ || std::uncaught_exceptions() > 0) return;
  g_world.reset();
  MPI_Finalize();
#endif
}

void ProcessGroup::all_gather(const std::vector<std::byte>& mine, std::vector<std::byte>& all,
                              std::vector<std::size_t>& offsets) const {
  if (size_ == 1) {
    all = mine;
    offsets = {0, mine.size()};
    return;
  }
#ifdef PROMOSIM_MPI
  // Sizes first, then the bytes; MPI counts are int, so a rank's share must stay below 2 GiB.
  if (mine.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw UserError("one rank's part of a tick's exchange exceeds 2 GiB, more than MPI can send at once: use more "
                    "ranks or shorter ticks (timeline.tick_minutes)");
  }
  const int count = static_cast<int>(mine.size());
  std::vector<int> counts(static_cast<std::size_t>(size_)), displacements(static_cast<std::size_t>(size_));
  check(MPI_Allgather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, MPI_COMM_WORLD), "MPI_Allgather");
  offsets.assign(static_cast<std::size_t>(size_) + 1, 0);
  for (std::size_t r = 0; r < counts.size(); ++r) offsets[r + 1] = offsets[r] + static_cast<std::size_t>(counts[r]);
  if (offsets.back() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw UserError("a tick's exchange over all ranks exceeds 2 GiB, more than MPI can send at once: use shorter "
                    "ticks (timeline.tick_minutes)");
  }
  for (std::size_t r = 0; r < counts.size(); ++r) displacements[r] = static_cast<int>(offsets[r]);
  all.resize(offsets.back());
  check(MPI_Allgatherv(mine.data(), count, MPI_BYTE, all.data(), counts.data(), displacements.data(), MPI_BYTE,
                       MPI_COMM_WORLD),
        "MPI_Allgatherv");
#else
  throw std::logic_error("a distributed process group in a build without MPI");
#endif
}

bool ProcessGroup::any(bool flag) const {
  if (size_ == 1) return flag;
#ifdef PROMOSIM_MPI
  int mine = flag ? 1 : 0, result = 0;
  check(MPI_Allreduce(&mine, &result, 1, MPI_INT, MPI_LOR, MPI_COMM_WORLD), "MPI_Allreduce");
  return result != 0;
#else
  throw std::logic_error("a distributed process group in a build without MPI");
#endif
}

}  // namespace promosim
