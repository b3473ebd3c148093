// Fakes for the fs unit tests: an in-memory object store that counts requests, and tree
// sources that count their calls.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/fetch/fetcher.h"
#include "fs/tree_source.h"

namespace stacfs::fs::testing {

class FakeObjectStore final : public Fetcher {
 public:
  void Put(std::string url, std::string bytes);
  Result<FetchResponse> Fetch(const FetchRequest& request) override;
  std::vector<FetchRequest> requests() const;
  size_t request_count() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::string> objects_;  // guarded by mutex_
  std::vector<FetchRequest> requests_;          // guarded by mutex_
};

class CountingDirectory final : public DirectorySource {
 public:
  explicit CountingDirectory(std::vector<TreeEntry> entries) : entries_(std::move(entries)) {}
  Result<std::vector<TreeEntry>> List() override;
  std::chrono::seconds ttl() const override { return std::chrono::seconds(3600); }
  int calls() const { return calls_; }
  void Fail(bool fail) { fail_ = fail; }

 private:
  std::vector<TreeEntry> entries_;
  std::atomic<int> calls_{0};
  std::atomic<bool> fail_{false};
};

// A store whose references are given as (key, value) pairs: JSON-ish inline text or ranges.
class FixedStore final : public StoreSource {
 public:
  explicit FixedStore(std::shared_ptr<const ReferenceSet> refs) : refs_(std::move(refs)) {}
  Result<std::shared_ptr<const ReferenceSet>> Load() override;
  std::string Describe() const override { return "fixed store"; }
  int loads() const { return loads_; }

 private:
  std::shared_ptr<const ReferenceSet> refs_;  // null: Load fails
  std::atomic<int> loads_{0};
};

}  // namespace stacfs::fs::testing
