// The clusters/ directory of a collection: one directory level per cluster property, named by
// the cluster's value of it, down to a leaf holding the cluster's store as dataset.zarr —
//   clusters/CMIP/MOHC/UKESM1-0-LL/historical/.../dataset.zarr
// A fixed snapshot of one listing of the collection.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "catalog/clusters.h"
#include "fs/tree_source.h"

namespace stacfs::catalog {

// What identifies a cluster's content: its facet values, members and their reference files. Two
// listings giving the same key may share one store (and the references fs loaded through it).
std::string ClusterKey(const Cluster& cluster);

using ClusterStoreFactory = std::function<std::shared_ptr<fs::StoreSource>(Cluster cluster)>;

std::shared_ptr<fs::DirectorySource> MakeClustersDirectory(std::vector<Cluster> clusters,
                                                           const ClusterStoreFactory& make_store);

}  // namespace stacfs::catalog
