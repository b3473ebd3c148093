#include "catalog/clusters.h"

#include <algorithm>

#include "catalog/datetime_range.h"

namespace stacfs::catalog {
namespace {

// Earlier of two RFC 3339 texts by their instants (unparseable ones lose to parseable ones).
bool Earlier(const std::string& a, const std::string& b) {
  auto ta = ParseRfc3339Micros(a), tb = ParseRfc3339Micros(b);
  if (ta && tb) return *ta < *tb;
  return ta.has_value() && !tb.has_value();
}

}  // namespace

std::vector<std::string> Cmip6ClusterProperties() {
  return {"cmip6:mip_era",      "cmip6:activity_id", "cmip6:institution_id",
          "cmip6:source_id",    "cmip6:experiment_id", "cmip6:member_id",
          "cmip6:table_id",     "cmip6:variable_id", "cmip6:grid_label"};
}

std::string SafeNameComponent(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool bad = c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    out += bad ? '_' : c;
  }
  if (out.empty() || out == "." || out == "..") out = "_" + out;
  return out;
}

ClusterBuilder::ClusterBuilder(std::vector<std::string> properties)
    : properties_(std::move(properties)) {}

void ClusterBuilder::Add(const StacItem& item) {
  std::vector<std::string> values;
  values.reserve(properties_.size());
  for (const std::string& property : properties_) {
    const JsonScalar* value = item.Property(property);
    values.push_back(value == nullptr || value->type == JsonScalar::Type::kNull ? "none"
                                                                               : value->ToDisplay());
  }
  Cluster& cluster = clusters_[{item.collection, values}];
  if (cluster.members.empty()) {
    cluster.collection = item.collection;
    std::string name;
    for (size_t i = 0; i < properties_.size(); ++i) {
      cluster.facets.emplace_back(properties_[i], values[i]);
      name += (i ? "." : "") + values[i];
    }
    cluster.name = SafeNameComponent(name.empty() ? "all" : name);
  }
  ClusterMember member;
  member.item_id = item.id;
  member.item_location = item.location;
  member.start = item.start_datetime.empty() ? item.datetime : item.start_datetime;
  member.end = item.end_datetime.empty() ? item.datetime : item.end_datetime;
  member.products = CloudProducts(item);
  if (cluster.start.empty() || Earlier(member.start, cluster.start)) cluster.start = member.start;
  if (cluster.end.empty() || Earlier(cluster.end, member.end)) cluster.end = member.end;
  cluster.members.push_back(std::move(member));
}

std::vector<Cluster> ClusterBuilder::Take() {
  std::vector<Cluster> out;
  out.reserve(clusters_.size());
  for (auto& [key, cluster] : clusters_) {
    std::stable_sort(cluster.members.begin(), cluster.members.end(),
                     [](const ClusterMember& a, const ClusterMember& b) {
                       // A total order: instants (unparseable first), then ids.
                       auto ta = ParseRfc3339Micros(a.start), tb = ParseRfc3339Micros(b.start);
                       if (ta != tb) return ta < tb;
                       return a.item_id < b.item_id;
                     });
    out.push_back(std::move(cluster));
  }
  clusters_.clear();
  std::stable_sort(out.begin(), out.end(), [](const Cluster& a, const Cluster& b) {
    return a.collection != b.collection ? a.collection < b.collection : a.name < b.name;
  });
  return out;
}

}  // namespace stacfs::catalog
