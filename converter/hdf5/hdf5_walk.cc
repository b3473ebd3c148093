#include "converter/hdf5/hdf5_walk.h"

#include <set>

#include "converter/hdf5/hdf5_attributes.h"
#include "converter/hdf5/hdf5_errors.h"
#include "converter/hdf5/hdf5_handles.h"

namespace stacfs::converter::hdf5 {
namespace {

// Deeper nesting than this is refused rather than risking the stack on a hostile file.
constexpr int kMaxGroupDepth = 256;

struct Link {
  std::string name;
  H5L_type_t type = H5L_TYPE_ERROR;
};

// Runs inside H5Literate: must not throw.
herr_t CollectLink(hid_t, const char* name, const H5L_info_t* info, void* data) noexcept {
  try {
    static_cast<std::vector<Link>*>(data)->push_back({name, info->type});
  } catch (...) {
    return -1;
  }
  return 0;
}

bool LinkCreationOrderTracked(hid_t group) {
  PropertyListHandle plist(H5Gget_create_plist(group));
  unsigned flags = 0;
  if (!plist || H5Pget_link_creation_order(plist.get(), &flags) < 0) {
    ClearErrorStack();
    return false;
  }
  return (flags & H5P_CRT_ORDER_TRACKED) != 0;
}

Result<std::vector<Link>> ListLinks(hid_t group) {
  std::vector<Link> links;
  hsize_t position = 0;
  if (LinkCreationOrderTracked(group)) {
    if (H5Literate(group, H5_INDEX_CRT_ORDER, H5_ITER_INC, &position, &CollectLink, &links) >= 0) {
      return links;
    }
    // Tracked but not indexed can fail for large groups: fall back to name order.
    ClearErrorStack();
    links.clear();
    position = 0;
  }
  if (H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &position, &CollectLink, &links) < 0) {
    return Hdf5Error(ErrorCode::kCorrupt, "cannot list the group's members");
  }
  return links;
}

std::string JoinPath(const std::string& parent, const std::string& name) {
  return parent.empty() ? name : parent + "/" + name;
}

class Walker {
 public:
  Walker(FileTree* tree, std::vector<std::string>* warnings) : tree_(tree), warnings_(warnings) {}

  Result<void> Visit(hid_t group, size_t index, int depth) {
    const std::string path = tree_->groups[index].path;
    const std::string where = path.empty() ? "root group" : "group '" + path + "'";
    if (depth > kMaxGroupDepth) {
      return Unsupported("groups nested deeper than " + std::to_string(kMaxGroupDepth));
    }
    STACFS_ASSIGN_OR_RETURN(tree_->groups[index].attributes,
                            ReadAttributesJson(group, false, where, warnings_));
    STACFS_ASSIGN_OR_RETURN(std::vector<Link> links, ListLinks(group));
    std::vector<std::string> child_groups;
    for (const Link& link : links) {
      const std::string link_path = JoinPath(path, link.name);
      if (link.type != H5L_TYPE_HARD) {
        const char* kind = link.type == H5L_TYPE_SOFT       ? "soft"
                           : link.type == H5L_TYPE_EXTERNAL ? "external"
                                                            : "user-defined";
        warnings_->push_back("link '" + link_path + "' not followed: " + kind + " link");
        continue;
      }
      H5O_info_t info;
      if (H5Oget_info_by_name2(group, link.name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) {
        return Hdf5Error(ErrorCode::kCorrupt, "cannot read object '" + link_path + "'");
      }
      if (info.type == H5O_TYPE_DATASET) {
        tree_->groups[index].datasets.push_back(tree_->datasets.size());
        tree_->datasets.push_back({link.name, link_path, index, info.addr});
      } else if (info.type == H5O_TYPE_GROUP) {
        if (!visited_.insert(info.addr).second) {
          warnings_->push_back("group '" + link_path +
                               "' not followed: it was reached before through another link");
          continue;
        }
        child_groups.push_back(link.name);
      }
      // Committed datatypes carry no data: nothing to show.
    }
    // Depth first: each child's whole subtree before the next child (the group list is in
    // pre-order, so it is the order variables are reported in).
    for (const std::string& name : child_groups) {
      const size_t child = tree_->groups.size();
      const std::string child_path = JoinPath(path, name);
      tree_->groups[index].children.push_back(child);
      tree_->groups.push_back({child_path, "{}", {}, {}});
      GroupHandle handle(H5Gopen2(group, name.c_str(), H5P_DEFAULT));
      if (!handle) return Hdf5Error(ErrorCode::kCorrupt, "cannot open group '" + child_path + "'");
      Result<void> visited = Visit(handle.get(), child, depth + 1);
      if (!visited) return std::move(visited).WithContext("group '" + child_path + "'");
    }
    return Ok();
  }

  void MarkVisited(haddr_t address) { visited_.insert(address); }

 private:
  FileTree* tree_;
  std::vector<std::string>* warnings_;
  std::set<haddr_t> visited_;
};

}  // namespace

Result<FileTree> WalkFile(hid_t file, std::vector<std::string>* warnings) {
  FileTree tree;
  GroupHandle root(H5Gopen2(file, "/", H5P_DEFAULT));
  if (!root) return Hdf5Error(ErrorCode::kCorrupt, "cannot open the root group");
  H5O_info_t info;
  if (H5Oget_info2(root.get(), &info, H5O_INFO_BASIC) < 0) {
    return Hdf5Error(ErrorCode::kCorrupt, "cannot read the root group");
  }
  tree.groups.push_back({"", "{}", {}, {}});
  Walker walker(&tree, warnings);
  walker.MarkVisited(info.addr);
  STACFS_RETURN_IF_ERROR(walker.Visit(root.get(), 0, 0));
  return tree;
}

}  // namespace stacfs::converter::hdf5
