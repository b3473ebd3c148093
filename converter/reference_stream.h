// Writes a Dataset's Kerchunk references as JSON while walking the Dataset, without building a
// ReferenceSet or the whole JSON text first: for a file of a million chunks the Dataset's
// 32-byte ChunkRefs are then the only per-reference memory (scripts/bench/convert measures it).
//
// The output is byte for byte what WriteReferencesFile(ToReferenceSet(dataset)) writes —
// same keys, values, inlining (reference_writer.h) and order: first the keys a ReferenceSet
// keeps outside its packed chunk tables, sorted (metadata documents, and the rare chunk whose
// range is too long to pack), then each variable's chunks in row-major order, variables in
// Dataset order. reference_stream_test compares the two on datasets made to exercise each rule.
#pragma once

#include <cstdint>
#include <string>

#include "converter/dataset.h"
#include "converter/reference_writer.h"
#include "core/base/result.h"
#include "core/kerchunk/reference_json_writer.h"

namespace stacfs::converter {

struct StreamedReferences {
  uint64_t keys = 0;  // every key written, metadata documents included
};

// Into any sink, in pieces of about ReferenceJsonWriter::kDefaultFlushBytes. Chunks to inline
// are read from Dataset::local_paths (through source_window_reader.h).
Result<StreamedReferences> StreamReferencesJson(const Dataset& dataset,
                                                const WriteOptions& options,
                                                ReferenceJsonWriter::Sink sink);

// Into `path`, atomically (AtomicFile): on any error neither `path` nor a temporary file is left.
Result<StreamedReferences> WriteReferencesJsonFile(const Dataset& dataset,
                                                   const WriteOptions& options,
                                                   const std::string& path);

}  // namespace stacfs::converter
