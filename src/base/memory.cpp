#include "base/memory.h"

#include <malloc.h>

#include <cstddef>

// jemalloc's control interface, when the binary links jemalloc; null otherwise.
extern "C" int mallctl(const char* name, void* oldp, size_t* oldlenp, void* newp, size_t newlen) __attribute__((weak));

namespace hoptac {

void ReturnFreeMemory() {
  malloc_trim(0);  // glibc's heap (what is left in it when jemalloc allocates)
  // MALLCTL_ARENAS_ALL is 4096: "arena.4096.purge" purges every arena.
  if (mallctl != nullptr) (void)mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
}

}  // namespace hoptac
