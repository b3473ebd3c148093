#include "catalog/mount/cluster_store.h"

#include <utility>

#include "converter/combine.h"
#include "converter/dataset_from_references.h"
#include "converter/reference_writer.h"
#include "core/kerchunk/reference_file.h"

namespace stacfs::catalog {
namespace {

constexpr const char* kConcatDim = "time";

std::string JoinIds(const std::vector<ClusterMember>& members) {
  std::string out;
  for (const ClusterMember& m : members) out += (out.empty() ? "" : ", ") + m.item_id;
  return out;
}

}  // namespace

const CloudProduct* ClusterReferenceProduct(const ClusterMember& member) {
  for (const CloudProduct& product : member.products) {
    if (product.kind == CloudProductKind::kKerchunk && product.encoding != ReferenceEncoding::kParquet) {
      return &product;
    }
  }
  return nullptr;
}

ClusterStore::ClusterStore(std::shared_ptr<Fetcher> fetcher, Cluster cluster, Logger logger)
    : fetcher_(std::move(fetcher)), cluster_(std::move(cluster)), logger_(std::move(logger)) {}

std::string ClusterStore::Describe() const {
  return "cluster '" + cluster_.name + "' of collection '" + cluster_.collection + "' (" +
         std::to_string(cluster_.members.size()) + " items)";
}

Result<std::shared_ptr<const ReferenceSet>> ClusterStore::Load() {
  STACFS_ASSIGN_OR_RETURN(ReferenceSet refs, Combine());
  return std::make_shared<const ReferenceSet>(std::move(refs));
}

Result<ReferenceSet> ClusterStore::Combine() const {
  const std::string what = "cluster '" + cluster_.name + "' of collection '" + cluster_.collection + "'";
  if (cluster_.members.empty()) return Internal(what + " has no items");
  std::vector<const CloudProduct*> products;
  std::string without;
  size_t without_count = 0;
  for (const ClusterMember& member : cluster_.members) {
    products.push_back(ClusterReferenceProduct(member));
    if (products.back() == nullptr) {
      without += (without.empty() ? "" : ", ") + member.item_id;
      ++without_count;
    }
  }
  if (without_count > 0) {
    return Unsupported("the items of " + what + " (" + JoinIds(cluster_.members) +
                       ") cannot be combined into one dataset: " +
                       (without_count == 1 ? "item " + without + " has" : "items " + without + " have") +
                       " no Kerchunk reference file (JSON), and clusters are combined by reference. "
                       "Open the items' own directories instead.");
  }

  std::vector<ReferenceSet> member_refs;
  for (size_t i = 0; i < cluster_.members.size(); ++i) {
    const std::string& href = products[i]->href;
    STACFS_ASSIGN_OR_RETURN(ReferenceSet refs, LoadReferences(*fetcher_, href).WithContext(
                                                   "item " + cluster_.members[i].item_id + " of " + what));
    member_refs.push_back(std::move(refs));
  }
  // One item is its own dataset: served as published, with nothing rewritten.
  if (member_refs.size() == 1) return std::move(member_refs[0]);

  std::vector<converter::Dataset> datasets;
  std::vector<std::string> names;
  for (size_t i = 0; i < member_refs.size(); ++i) {
    const ClusterMember& member = cluster_.members[i];
    STACFS_ASSIGN_OR_RETURN(converter::Dataset dataset,
                            converter::DatasetFromReferences(member_refs[i])
                                .WithContext("item " + member.item_id + " (" + products[i]->href + ")"));
    // The combiner reads coordinate values through `local_paths`; our fetcher reads remote URLs
    // as well as local paths, so every source is readable "locally" through it.
    for (size_t s = 0; s < dataset.sources.size(); ++s) {
      if (dataset.local_paths[s].empty()) dataset.local_paths[s] = dataset.sources[s];
    }
    datasets.push_back(std::move(dataset));
    names.push_back("item '" + member.item_id + "'");
  }
  member_refs.clear();  // the datasets now hold everything, compactly

  converter::CombineOptions options;
  options.concat_dim = kConcatDim;
  auto combined = converter::CombineDatasets(std::move(datasets), names, options, *fetcher_);
  if (!combined) {
    const Error& error = combined.error();
    return Error(error.code(), "the items of " + what + " (" + JoinIds(cluster_.members) +
                                   ") cannot be combined into one dataset along '" + kConcatDim +
                                   "': " + error.ToString());
  }
  for (const std::string& warning : combined->warnings) {
    STACFS_LOG(logger_, kWarning) << what << ": " << warning;
  }
  // Nothing is inlined anew: the members' references already made that choice, and inlining
  // would fetch chunk bytes here.
  converter::WriteOptions write;
  write.inline_threshold = 0;
  return converter::ToReferenceSet(*combined, *fetcher_, write).WithContext(what);
}

}  // namespace stacfs::catalog
