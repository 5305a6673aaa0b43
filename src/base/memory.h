// Memory the process freed, given back to the system.
//
// The binary allocates with jemalloc (src/app/CMakeLists.txt); the tests and benchmarks with
// glibc's malloc. Either keeps freed pages for reuse: glibc until malloc_trim, jemalloc until
// its decay runs, which only happens while the program allocates — an idle server that has
// just loaded its index would keep the loading buffers (88 MB more resident at scale 1).
//
// Thread-safety: thread-safe.
#pragma once

namespace hoptac {

// Returns the free pages of every arena to the system (glibc: malloc_trim; jemalloc: a
// purge of all arenas). Costs a few milliseconds: after a bulk load, not per request.
void ReturnFreeMemory();

}  // namespace hoptac
