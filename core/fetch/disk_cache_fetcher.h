// DiskCacheFetcher: a decorator that keeps successful responses in files under a directory,
// least recently used evicted first, within a byte budget, across restarts. Errors are never
// cached.
//
// One file per entry, named by the SHA-256 of its key (URL and range), in the format of
// disk_cache_entry.h: the full key and a CRC-32 are stored and checked on every read, so a
// truncated, bit-flipped or colliding entry is deleted and refetched — never returned. Entries
// are written to a temporary file in the same directory and renamed into place, so a reader (or
// a crash) never sees half an entry.
//
// Open() scans the directory and rebuilds the index (sizes, last use = mtime, which hits
// refresh), so the budget holds across restarts and eviction order survives them.
//
// Lock scope: mutex_ guards the LRU list, the index and the counters only. Reading, writing,
// renaming and deleting files and the inner fetch all run unlocked. Two concurrent misses of one
// key both fetch and both write (the second rename wins; both files are whole) — put a
// SingleFlightFetcher above this one to share them.
//
// Only byte ranges are cached (chunks of data files); whole-object requests (reference files,
// catalog documents, which change in place) pass through, so a new mount never sees yesterday's
// catalog. Entries are trusted until evicted: chunks of a source file replaced since are served
// as cached; an ETagPinningFetcher above refuses to mix them with fresh bytes of the new version.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/base/log.h"
#include "core/fetch/fetcher.h"

namespace stacfs {

class DiskCacheFetcher final : public Fetcher {
 public:
  struct Stats {
    uint64_t hits = 0;
    uint64_t misses = 0;
    uint64_t evictions = 0;
    uint64_t corrupt_dropped = 0;  // entries that failed verification and were deleted
    uint64_t write_failures = 0;   // responses that could not be stored (disk full, ...)
    uint64_t bytes = 0;            // bytes of entry files kept now
    uint64_t entries = 0;          // entry files kept now
  };

  // Creates `dir` (mode 0700) if missing, checks that a file can be created in it, and indexes
  // the entries already there (evicting down to `budget_bytes`). An unusable directory is an
  // error naming it and why.
  static Result<std::unique_ptr<DiskCacheFetcher>> Open(std::shared_ptr<Fetcher> inner, std::string dir,
                                                        uint64_t budget_bytes, Logger logger);

  Result<FetchResponse> Fetch(const FetchRequest& request) override;
  std::vector<Result<FetchResponse>> FetchMany(std::span<const FetchRequest> requests) override;

  Stats stats() const;
  const std::string& dir() const { return dir_; }

  // The file that holds `request`'s entry (whether or not it exists); for tests and tools.
  std::string EntryPath(const FetchRequest& request) const;

 private:
  struct Entry {
    std::string name;  // hex SHA-256 of the key: the file name without extension
    uint64_t bytes;    // size of the entry file
    uint64_t generation;
  };
  using Lru = std::list<Entry>;

  DiskCacheFetcher(std::shared_ptr<Fetcher> inner, std::string dir, uint64_t budget_bytes, Logger logger)
      : inner_(std::move(inner)), dir_(std::move(dir)), budget_bytes_(budget_bytes), logger_(std::move(logger)) {}

  Result<void> LoadIndex();
  std::string PathOf(const std::string& name) const;
  // A hit's response, or nullopt for a miss (counted either way).
  std::optional<FetchResponse> Lookup(const std::string& key, const std::string& name);
  void Store(const std::string& key, const std::string& name, const FetchResponse& response);
  // Forgets `name` if it is still the entry of `generation` (a newer write may have replaced it).
  bool Forget(const std::string& name, uint64_t generation);
  // Unlinks files whose entries were evicted; called unlocked.
  void RemoveFiles(const std::vector<std::string>& names);
  // Inserts under mutex_, evicting the least recently used entries over budget into `victims`.
  void InsertLocked(const std::string& name, uint64_t bytes, std::vector<std::string>* victims);

  const std::shared_ptr<Fetcher> inner_;
  const std::string dir_;
  const uint64_t budget_bytes_;
  const Logger logger_;

  mutable std::mutex mutex_;
  Lru lru_;                                            // guarded by mutex_; most recent first
  std::unordered_map<std::string, Lru::iterator> index_;  // guarded by mutex_; by Entry::name
  uint64_t bytes_ = 0;                                 // guarded by mutex_
  uint64_t next_generation_ = 1;                       // guarded by mutex_
  uint64_t hits_ = 0, misses_ = 0, evictions_ = 0;     // guarded by mutex_
  uint64_t corrupt_dropped_ = 0, write_failures_ = 0;  // guarded by mutex_
};

}  // namespace stacfs
