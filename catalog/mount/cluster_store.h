// ClusterStore: one virtual store for a cluster of items (clusters.h) — the members' Kerchunk
// references combined along time by the converter's rules (converter/combine.h), so a dataset
// published as one item per time slice opens as one dataset.
//
// The combiner refuses what would corrupt data silently (different variables, chunks that would
// overlap, overlapping times, differing calendars...). A refusal is Load()'s error, restated to
// name the cluster and its items, so the scientist reading the store's ERROR.txt knows which
// items do not belong together. Members without Kerchunk references cannot be combined by
// reference at all and are named the same way.
#pragma once

#include <memory>
#include <string>

#include "catalog/clusters.h"
#include "core/base/log.h"
#include "core/fetch/fetcher.h"
#include "fs/tree_source.h"

namespace stacfs::catalog {

class ClusterStore final : public fs::StoreSource {
 public:
  // `fetcher` reads the members' reference files and, when the combiner needs values (the time
  // coordinate, small variables it must materialise), the data they point to.
  ClusterStore(std::shared_ptr<Fetcher> fetcher, Cluster cluster, Logger logger);

  Result<std::shared_ptr<const ReferenceSet>> Load() override;
  std::string Describe() const override;

 private:
  Result<ReferenceSet> Combine() const;

  const std::shared_ptr<Fetcher> fetcher_;
  const Cluster cluster_;
  const Logger logger_;
};

// The Kerchunk product a cluster member is combined through: its best JSON (or zstd JSON)
// reference file; nullptr when it has none.
const CloudProduct* ClusterReferenceProduct(const ClusterMember& member);

}  // namespace stacfs::catalog
