#include "fs/test_support/fake_sources.h"

namespace stacfs::fs::testing {

void FakeObjectStore::Put(std::string url, std::string bytes) {
  std::lock_guard lock(mutex_);
  objects_[std::move(url)] = std::move(bytes);
}

Result<FetchResponse> FakeObjectStore::Fetch(const FetchRequest& request) {
  std::string bytes;
  {
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
    auto it = objects_.find(request.url);
    if (it == objects_.end()) return Unexpected(NotFound("no object " + request.url));
    bytes = it->second;
  }
  FetchResponse response;
  response.object_size = bytes.size();
  if (request.range) {
    if (request.range->end() > bytes.size()) return Unexpected(OutOfRange(request.ToString()));
    bytes = bytes.substr(request.range->offset, request.range->length);
  }
  response.bytes = SharedBytes(std::move(bytes));
  return response;
}

std::vector<FetchRequest> FakeObjectStore::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

size_t FakeObjectStore::request_count() const {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

Result<std::vector<TreeEntry>> CountingDirectory::List() {
  ++calls_;
  if (fail_) return Unexpected(Unavailable("catalog down"));
  return entries_;
}

Result<std::shared_ptr<const ReferenceSet>> FixedStore::Load() {
  ++loads_;
  if (!refs_) return Unexpected(Corrupt("refs.json: not a reference file"));
  return refs_;
}

}  // namespace stacfs::fs::testing
