#pragma once

namespace promosim::cli {

/// Restarts this process once (execv of /proc/self/exe with the same arguments) with glibc's
/// malloc asked to back large allocations with transparent huge pages (the tunable
/// glibc.malloc.hugetlb=1, which glibc reads only when a process starts). The world, the
/// shards' tick buffers and the plugins' tables otherwise fault in 4 KiB at a time, and on a
/// virtual machine each fault costs microseconds: on scenarios/bench.yaml this took the page
/// faults from about 167,000 to 24,000 and the run from 5.1 s to 4.2 s. Results do not depend
/// on it. Returns without restarting when the tunable is already set, when
/// PROMOSIM_HUGE_PAGES=0, under valgrind (whose tools would lose the restarted process), or when
/// the restart fails.
void restart_with_huge_pages(char** argv);

}  // namespace promosim::cli
