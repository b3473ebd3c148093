// FileFetcher: the Fetcher for local files ("/abs/path" or "file:///abs/path"), by pread.
//
// The ETag it reports is derived from the file's inode, size and modification time, so that a
// file replaced or rewritten under a mount is noticed the same way as a changed HTTP object.
#pragma once

#include "core/fetch/fetcher.h"

namespace stacfs {

class FileFetcher final : public Fetcher {
 public:
  Result<FetchResponse> Fetch(const FetchRequest& request) override;
};

}  // namespace stacfs
