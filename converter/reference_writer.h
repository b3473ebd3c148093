// Turns a Dataset into Kerchunk references: .zgroup/.zattrs per group, .zarray/.zattrs per
// variable (with _ARRAY_DIMENSIONS), and a key per chunk. Chunks of at most `inline_threshold`
// bytes are read from the source and inlined (as kerchunk does), so that tiny coordinate arrays
// cost no request; the bytes are stored exactly as read.
#pragma once

#include <cstdint>

#include "converter/dataset.h"
#include "core/base/result.h"
#include "core/fetch/fetcher.h"
#include "core/kerchunk/reference_set.h"

namespace stacfs::converter {

struct WriteOptions {
  uint64_t inline_threshold = 500;  // bytes; 0 inlines nothing
};

// `local_reader` reads Dataset::local_paths (a FileFetcher in practice).
Result<ReferenceSet> ToReferenceSet(const Dataset& dataset, Fetcher& local_reader,
                                    const WriteOptions& options);

}  // namespace stacfs::converter
