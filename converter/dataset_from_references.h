// The Dataset model of an existing reference set — ours (per-file results cached or handed over
// by worker processes) or anyone's (kerchunk, VirtualiZarr): the inverse of ToReferenceSet.
#pragma once

#include "converter/dataset.h"
#include "core/base/result.h"
#include "core/kerchunk/reference_set.h"

namespace stacfs::converter {

// Inline chunks become InlineChunks; ranges become ChunkRefs into `sources` (the set's URLs, in
// order). Whole-object references ([url]) cannot be combined by range: they are an error.
// local_paths are the URLs that are local paths, empty strings for remote ones.
Result<Dataset> DatasetFromReferences(const ReferenceSet& refs);

}  // namespace stacfs::converter
