// Benchmark (not a test): parse speed and resident memory of a large Kerchunk reference file.
// Prints one JSON object so scripts/bench/core can tabulate it beside fsspec's figures.
//
// Usage: stacfs_reference_bench REFS.json [REPEATS]
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "core/base/file_util.h"
#include "core/fetch/file_fetcher.h"
#include "core/kerchunk/reference_file.h"

namespace {

// Resident set size now, from /proc/self/statm, in bytes.
long ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return pages_resident * sysconf(_SC_PAGESIZE);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s REFS.json [REPEATS]\n", argv[0]);
    return 2;
  }
  std::string path = stacfs::AbsolutePath(argv[1]);
  int repeats = argc > 2 ? std::atoi(argv[2]) : 5;
  auto bytes = stacfs::ReadFile(path);
  if (!bytes) {
    std::fprintf(stderr, "%s\n", bytes.error().ToString().c_str());
    return 1;
  }
  std::vector<double> seconds;
  size_t keys = 0;
  for (int i = 0; i < repeats; ++i) {
    auto start = std::chrono::steady_clock::now();
    auto refs = stacfs::ParseReferences(*bytes, {.location = path});
    auto stop = std::chrono::steady_clock::now();
    if (!refs) {
      std::fprintf(stderr, "%s\n", refs.error().ToString().c_str());
      return 1;
    }
    keys = refs->size();
    seconds.push_back(std::chrono::duration<double>(stop - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  double median = seconds[seconds.size() / 2];

  // Resident bytes held by a parsed set: RSS with the set alive minus RSS before parsing, with
  // the file's text and the parser's temporaries released and returned to the OS first.
  size_t file_bytes = bytes->size();
  std::string().swap(*bytes);
  malloc_trim(0);
  long before = ResidentBytes();
  auto again = stacfs::LoadReferences(*std::make_unique<stacfs::FileFetcher>(), path);
  malloc_trim(0);
  long after = ResidentBytes();
  if (!again) return 1;
  std::printf(
      "{\"keys\": %zu, \"file_bytes\": %zu, \"parse_seconds_median\": %.4f, "
      "\"refs_per_second\": %.0f, \"resident_bytes_per_ref\": %.1f, "
      "\"accounted_bytes_per_ref\": %.1f}\n",
      keys, file_bytes, median, keys / median,
      static_cast<double>(after - before) / static_cast<double>(keys),
      static_cast<double>(again->MemoryBytes()) / static_cast<double>(keys));
  return 0;
}
