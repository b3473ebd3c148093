#include "catalog/mount/cluster_tree.h"

#include <map>

#include "catalog/mount/cluster_store.h"

namespace stacfs::catalog {
namespace {

constexpr const char* kStoreName = "dataset.zarr";

// One directory of the clusters tree while it is built.
struct Node {
  std::map<std::string, Node> children;  // by facet value: listings come out sorted
  std::shared_ptr<fs::StoreSource> store;
};

std::shared_ptr<fs::DirectorySource> ToDirectory(Node& node) {
  std::vector<fs::TreeEntry> entries;
  if (node.store) entries.push_back(fs::TreeEntry::Store(kStoreName, std::move(node.store)));
  for (auto& [value, child] : node.children) {
    entries.push_back(fs::TreeEntry::Directory(value, ToDirectory(child)));
  }
  return std::make_shared<fs::FixedDirectory>(std::move(entries));
}

}  // namespace

std::string ClusterKey(const Cluster& cluster) {
  std::string key = cluster.collection;
  for (const auto& [property, value] : cluster.facets) key += '\n' + property + '=' + value;
  for (const ClusterMember& member : cluster.members) {
    const CloudProduct* product = ClusterReferenceProduct(member);
    key += "\n" + member.item_id + " " + (product ? product->href : std::string("-"));
  }
  return key;
}

std::shared_ptr<fs::DirectorySource> MakeClustersDirectory(std::vector<Cluster> clusters,
                                                           const ClusterStoreFactory& make_store) {
  Node root;
  for (Cluster& cluster : clusters) {
    Node* node = &root;
    for (const auto& [property, value] : cluster.facets) node = &node->children[value];
    node->store = make_store(std::move(cluster));
  }
  return ToDirectory(root);
}

}  // namespace stacfs::catalog
