// ItemStream: items arriving page by page — a STAC API search or items endpoint, or a walk of
// a static catalog — never all held at once.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "catalog/paging.h"
#include "catalog/stac_model.h"
#include "core/base/result.h"

namespace stacfs::catalog {

struct StreamStats {
  uint64_t pages = 0;                // pages (or batches) read
  uint64_t items = 0;                // items handed out
  std::optional<uint64_t> matched;   // the server's count hint, when it gave one
  StopReason stop = StopReason::kNotStopped;
};

class ItemStream {
 public:
  virtual ~ItemStream() = default;
  // The next non-empty batch of items, or nullopt when the stream has ended. After an error the
  // stream has ended too (a later call returns nullopt).
  virtual Result<std::optional<std::vector<StacItem>>> NextPage() = 0;
  virtual const StreamStats& stats() const = 0;
};

}  // namespace stacfs::catalog
