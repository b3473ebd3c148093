#include "fs/read_path.h"

#include <algorithm>
#include <vector>

namespace stacfs::fs {
namespace {

// The part of [offset, offset + size) that lies inside [0, length).
ByteRange Clamp(uint64_t offset, uint64_t size, uint64_t length) {
  if (offset >= length) return {length, 0};
  return {offset, std::min(size, length - offset)};
}

}  // namespace

Result<SharedBytes> ReadPath::ReadAligned(std::string_view url, ByteRange whole, uint64_t part,
                                          ByteRange want) {
  // Parts of `whole` are [whole.offset + k*part, …): the same cut for every read of this
  // object, so each part is one cache entry shared by all reads.
  uint64_t first = want.offset / part;
  uint64_t last = (want.end() - 1) / part;
  std::vector<FetchRequest> requests;
  for (uint64_t k = first; k <= last; ++k) {
    uint64_t start = k * part;
    requests.push_back({std::string(url), ByteRange{whole.offset + start, std::min(part, whole.length - start)}});
  }
  std::vector<Result<FetchResponse>> responses = fetcher_->FetchMany(requests);
  for (size_t i = 0; i < responses.size(); ++i) {
    if (!responses[i]) return Unexpected(responses[i].error());
    if (responses[i]->bytes.size() != requests[i].range->length) {
      return Unexpected(IoError("short read from " + requests[i].ToString() + ": got " +
                                std::to_string(responses[i]->bytes.size()) + " bytes"));
    }
  }
  uint64_t in_first = want.offset - first * part;
  if (responses.size() == 1) return responses[0]->bytes.Slice(in_first, want.length);
  std::string joined;
  joined.reserve(want.length);
  for (size_t i = 0; i < responses.size(); ++i) {
    std::string_view bytes = responses[i]->bytes.view();
    if (i == 0) bytes.remove_prefix(in_first);
    joined.append(bytes.substr(0, want.length - joined.size()));
  }
  return SharedBytes(std::move(joined));
}

Result<SharedBytes> ReadPath::ReadReference(const Reference& ref, uint64_t offset, uint64_t size) {
  switch (ref.kind) {
    case Reference::Kind::kInline: {
      ByteRange want = Clamp(offset, size, ref.data.size());
      return SharedBytes(std::string(ref.data.substr(want.offset, want.length)));
    }
    case Reference::Kind::kRange: {
      ByteRange want = Clamp(offset, size, ref.range.length);
      if (want.empty()) return SharedBytes();
      uint64_t part = ref.range.length > options_.part_bytes ? options_.part_bytes : ref.range.length;
      return ReadAligned(ref.url, ref.range, part, want);
    }
    case Reference::Kind::kWholeObject: {
      STACFS_ASSIGN_OR_RETURN(FetchResponse response, fetcher_->Fetch({std::string(ref.url), std::nullopt}));
      ByteRange want = Clamp(offset, size, response.bytes.size());
      return response.bytes.Slice(want.offset, want.length);
    }
  }
  return Unexpected(Internal("unknown reference kind"));
}

std::vector<FetchRequest> ReadPath::RequestsFor(const Reference& ref) const {
  std::vector<FetchRequest> requests;
  if (ref.kind != Reference::Kind::kRange || ref.range.empty()) return requests;
  uint64_t part = std::min(options_.part_bytes, ref.range.length);
  for (uint64_t start = 0; start < ref.range.length; start += part) {
    requests.push_back({std::string(ref.url),
                        ByteRange{ref.range.offset + start, std::min(part, ref.range.length - start)}});
  }
  return requests;
}

Result<SharedBytes> ReadPath::ReadRemoteFile(std::string_view url, uint64_t object_size,
                                             uint64_t offset, uint64_t size) {
  ByteRange want = Clamp(offset, size, object_size);
  if (want.empty()) return SharedBytes();
  return ReadAligned(url, ByteRange{0, object_size}, options_.block_bytes, want);
}

Result<uint64_t> ReadPath::WholeObjectSize(std::string_view url) {
  STACFS_ASSIGN_OR_RETURN(FetchResponse response, fetcher_->Fetch({std::string(url), std::nullopt}));
  return response.bytes.size();
}

Result<uint64_t> ReadPath::RemoteFileSize(std::string_view url) {
  STACFS_ASSIGN_OR_RETURN(FetchResponse response, fetcher_->Fetch({std::string(url), ByteRange{0, 1}}));
  if (!response.object_size) {
    return Unexpected(Unsupported("the server did not say how large " + std::string(url) + " is"));
  }
  return *response.object_size;
}

}  // namespace stacfs::fs
