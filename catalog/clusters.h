// Clusters: a search's items grouped by the values of chosen properties — the unit the mount
// aggregates into one virtual store (`-o cluster=...`).
//
// CMIP6 publishes one item per file or per time slice of a dataset; grouping by the CMIP6
// facets *without* the time range puts the slices of one dataset back together. Items are added
// one at a time as a search streams; a cluster keeps only what the mount needs of each member
// (id, location, time range, cloud products), not whole items.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/asset_classifier.h"
#include "catalog/stac_model.h"

namespace stacfs::catalog {

struct ClusterMember {
  std::string item_id;
  std::string item_location;
  std::string start;  // the item's start_datetime, or its datetime
  std::string end;    // the item's end_datetime, or its datetime
  std::vector<CloudProduct> products;
};

struct Cluster {
  std::string collection;
  // The grouping properties and this cluster's values of them, in the order asked for; a
  // property an item lacks has the value "none".
  std::vector<std::pair<std::string, std::string>> facets;
  std::string name;  // facet values joined by '.', safe as a file name
  std::vector<ClusterMember> members;  // ordered by start time, then id
  std::string start, end;              // the members' overall time range (RFC 3339 text)
};

// The CMIP6 dataset facets (the DRS without version and time range), as CEDA's items name them.
std::vector<std::string> Cmip6ClusterProperties();

class ClusterBuilder {
 public:
  explicit ClusterBuilder(std::vector<std::string> properties);

  void Add(const StacItem& item);
  // The clusters, ordered by collection then name; the builder is empty afterwards.
  std::vector<Cluster> Take();
  size_t size() const { return clusters_.size(); }

 private:
  std::vector<std::string> properties_;
  std::map<std::pair<std::string, std::vector<std::string>>, Cluster> clusters_;
};

// `text` made safe as one path component: '/' and control characters replaced, never "." or "..".
std::string SafeNameComponent(std::string_view text);

}  // namespace stacfs::catalog
