#include "fs/virtual_fs.h"

#include <functional>

#include "fs/entry_names.h"
#include "fs/open_files.h"
#include "fs/virtual_fs_nodes.h"

namespace stacfs::fs {
namespace {

constexpr std::string_view kMetaDirectoryName = ".stacfs";
constexpr std::string_view kStatsName = "stats";
constexpr std::string_view kStoreErrorName = "ERROR.txt";

std::string JoinKey(std::string_view dir, std::string_view name) {
  std::string key(dir);
  if (!key.empty()) key += '/';
  key += name;
  return key;
}

// Every name in a store that cannot be loaded fails with EIO, whatever the cause's own code (a
// refused aggregation is "invalid argument" to the combiner, but not to a reader of the mount).
Error UnreadableStore(const Error& cause) {
  return IoError("the dataset cannot be read (see its ERROR.txt): " + cause.ToString());
}

}  // namespace

size_t VirtualFs::NameKeyHash::operator()(const NameKey& key) const {
  return std::hash<std::string>{}(key.name) ^ (std::hash<InodeId>{}(key.parent) * 0x9E3779B97F4A7C15ull);
}

VirtualFs::VirtualFs(std::shared_ptr<Fetcher> fetcher, VirtualFsOptions options)
    : fetcher_(std::move(fetcher)),
      options_(std::move(options)),
      logger_(options_.logger.WithComponent("fs")),
      read_path_(fetcher_, options_.read) {
  if (options_.prefetch) {
    prefetcher_ = std::make_unique<Prefetcher>(read_path_, options_.prefetch_options, options_.prefetch_cache);
    stats_.AddSection("prefetch", [prefetcher = prefetcher_.get()] {
      return "{\"chunks_requested\":" + std::to_string(prefetcher->chunks_prefetched()) +
             ",\"chunks_dropped\":" + std::to_string(prefetcher->chunks_dropped()) +
             ",\"merged_requests\":" + std::to_string(prefetcher->merged_requests()) + "}";
    });
  }
}

VirtualFs::VirtualFs(std::shared_ptr<DirectorySource> root, std::shared_ptr<Fetcher> fetcher,
                     VirtualFsOptions options)
    : VirtualFs(std::move(fetcher), std::move(options)) {
  auto node = std::make_shared<Node>();
  node->ino = kRootInode;
  node->target.kind = Target::Kind::kCatalogDirectory;
  node->target.directory = std::make_shared<CachedDirectory>(std::move(root));
  node->target.identity = node->target.directory.get();
  nodes_[kRootInode] = {std::move(node), 1};
}

VirtualFs::VirtualFs(std::shared_ptr<StoreSource> root, std::shared_ptr<Fetcher> fetcher,
                     VirtualFsOptions options)
    : VirtualFs(std::move(fetcher), std::move(options)) {
  auto node = std::make_shared<Node>();
  node->ino = kRootInode;
  node->target.kind = Target::Kind::kStoreDirectory;
  node->target.store = std::make_shared<MountedStore>(std::move(root), options_.store_retry);
  node->target.identity = node->target.store.get();
  nodes_[kRootInode] = {std::move(node), 1};
}

VirtualFs::~VirtualFs() = default;

size_t VirtualFs::live_inodes() const {
  std::lock_guard lock(mutex_);
  return nodes_.size();
}

std::shared_ptr<VirtualFs::Node> VirtualFs::GetNode(InodeId ino) const {
  std::lock_guard lock(mutex_);
  auto it = nodes_.find(ino);
  return it == nodes_.end() ? nullptr : it->second.node;
}

void VirtualFs::LogFailure(std::string_view what, const Error& error) {
  STACFS_LOG(logger_, kWarning) << what << ": " << error.ToString();
}

VirtualFs::Target VirtualFs::MetaDirectoryTarget() const {
  Target target;
  target.kind = Target::Kind::kMetaDirectory;
  target.identity = &kMetaDirectoryName;
  return target;
}

VirtualFs::Target VirtualFs::StatsTarget() const {
  Target target;
  target.kind = Target::Kind::kStats;
  target.identity = &kStatsName;
  return target;
}

Result<std::shared_ptr<const VirtualFs::Listing>> VirtualFs::ListCatalogDirectory(
    const std::shared_ptr<CachedDirectory>& directory, bool is_root) {
  return directory->listing.Get([&]() -> Result<std::shared_ptr<const Listing>> {
    Result<std::vector<TreeEntry>> entries = directory->source->List();
    if (!entries) {
      LogFailure("listing a catalog directory", entries.error());
      return Unexpected(entries.error());
    }
    stats_.listings.fetch_add(1, std::memory_order_relaxed);
    // Children that are the same source object as in the previous listing keep their state
    // (their own listing, a loaded store), and so their inode.
    std::shared_ptr<const Listing> previous = directory->listing.Peek();
    std::map<const void*, Target> kept;
    if (previous) {
      for (const auto& [name, target] : previous->children) {
        if (target.directory) kept.emplace(target.directory->source.get(), target);
        if (target.store) kept.emplace(target.store->source.get(), target);
      }
    }
    std::vector<std::string> names;
    if (is_root) names.emplace_back(kMetaDirectoryName);  // reserved: a collection named so is renamed
    for (const TreeEntry& entry : *entries) names.push_back(entry.name);
    MakeEntryNamesUnique(names);

    auto listing = std::make_shared<Listing>();
    if (is_root) listing->children.emplace_back(std::string(kMetaDirectoryName), MetaDirectoryTarget());
    size_t name_at = is_root ? 1 : 0;
    for (TreeEntry& entry : *entries) {
      Target target;
      switch (entry.kind) {
        case TreeEntry::Kind::kDirectory:
          if (auto it = kept.find(entry.directory.get()); it != kept.end()) {
            target = it->second;
            break;
          }
          target.kind = Target::Kind::kCatalogDirectory;
          target.directory = std::make_shared<CachedDirectory>(std::move(entry.directory));
          target.identity = target.directory.get();
          break;
        case TreeEntry::Kind::kDocument:
          target.kind = Target::Kind::kDocument;
          target.content = entry.content ? entry.content : std::make_shared<const std::string>();
          target.size = target.content->size();
          target.identity = target.content.get();
          break;
        case TreeEntry::Kind::kRemoteFile:
          target.kind = Target::Kind::kRemoteFile;
          target.remote = std::make_shared<RemoteFileState>(std::move(entry.url), entry.size);
          target.identity = target.remote.get();
          break;
        case TreeEntry::Kind::kStore:
          if (auto it = kept.find(entry.store.get()); it != kept.end()) {
            target = it->second;
            break;
          }
          target.kind = Target::Kind::kStoreDirectory;
          target.store = std::make_shared<MountedStore>(std::move(entry.store), options_.store_retry);
          target.identity = target.store.get();
          break;
      }
      listing->index.emplace(names[name_at], listing->children.size());
      listing->children.emplace_back(std::move(names[name_at]), std::move(target));
      ++name_at;
    }
    if (is_root) listing->index.emplace(std::string(kMetaDirectoryName), 0);
    return std::shared_ptr<const Listing>(std::move(listing));
  });
}

Result<std::shared_ptr<const StoreView>> VirtualFs::StoreViewOf(MountedStore& store) {
  return store.view.Get([&]() -> Result<std::shared_ptr<const StoreView>> {
    Result<std::shared_ptr<const ReferenceSet>> refs = store.source->Load();
    if (!refs) {
      LogFailure("loading the references of " + store.source->Describe(), refs.error());
      return Unexpected(refs.error());
    }
    stats_.stores_loaded.fetch_add(1, std::memory_order_relaxed);
    Result<std::shared_ptr<const StoreView>> created = StoreView::Create(*refs, store.source->Describe());
    if (!created) LogFailure("reading the references of " + store.source->Describe(), created.error());
    return created;
  });
}

Result<std::optional<VirtualFs::Target>> VirtualFs::ResolveInStore(const Target& directory,
                                                                   std::string_view name) {
  Result<std::shared_ptr<const StoreView>> view = StoreViewOf(*directory.store);
  if (!view) {
    if (directory.store_path.empty() && name == kStoreErrorName) {
      Target target;
      target.kind = Target::Kind::kDocument;
      target.content = std::make_shared<const std::string>(
          "This dataset cannot be read: " + view.error().ToString() + "\n");
      target.size = target.content->size();
      target.identity = target.content.get();
      return std::optional<Target>(std::move(target));
    }
    return Unexpected(UnreadableStore(view.error()));
  }
  std::string key = JoinKey(directory.store_path, name);
  std::optional<StoreEntry> entry = (*view)->Find(key);
  if (!entry) return std::optional<Target>();
  Target target;
  target.in_store = true;
  target.store = directory.store;
  switch (entry->kind) {
    case StoreEntry::Kind::kDirectory:
      target.kind = Target::Kind::kStoreDirectory;
      target.store_path = std::move(key);
      target.identity = directory.store.get();
      break;
    case StoreEntry::Kind::kDocument:
      target.kind = Target::Kind::kDocument;
      target.content = entry->document;
      target.size = entry->document->size();
      target.identity = entry->document.get();
      break;
    case StoreEntry::Kind::kReference: {
      target.kind = Target::Kind::kStoreFile;
      target.store_path = std::move(key);
      target.view = *view;
      target.reference = entry->reference;
      target.identity = view->get();
      if (std::optional<uint64_t> size = entry->reference.size()) {
        target.size = *size;
        break;
      }
      Result<uint64_t> size = read_path_.WholeObjectSize(entry->reference.url);
      if (!size && size.error().code() == ErrorCode::kNotFound) return std::optional<Target>();
      if (!size) return Unexpected(size.error());
      target.size = *size;
      break;
    }
  }
  return std::optional<Target>(std::move(target));
}

Result<std::optional<VirtualFs::Target>> VirtualFs::ResolveChild(const Node& parent, std::string_view name) {
  const Target& dir = parent.target;
  switch (dir.kind) {
    case Target::Kind::kCatalogDirectory: {
      STACFS_ASSIGN_OR_RETURN(std::shared_ptr<const Listing> listing,
                              ListCatalogDirectory(dir.directory, parent.ino == kRootInode));
      auto it = listing->index.find(name);
      if (it == listing->index.end()) return std::optional<Target>();
      Target target = listing->children[it->second].second;
      if (target.kind == Target::Kind::kRemoteFile) {
        RemoteFileState& remote = *target.remote;
        if (remote.stated_size) {
          target.size = *remote.stated_size;
        } else {
          STACFS_ASSIGN_OR_RETURN(std::shared_ptr<const uint64_t> size,
                                  remote.asked_size.Get([&]() -> Result<std::shared_ptr<const uint64_t>> {
                                    STACFS_ASSIGN_OR_RETURN(uint64_t n, read_path_.RemoteFileSize(remote.url));
                                    return std::make_shared<const uint64_t>(n);
                                  }));
          target.size = *size;
        }
      }
      return std::optional<Target>(std::move(target));
    }
    case Target::Kind::kMetaDirectory:
      if (name == kStatsName) return std::optional<Target>(StatsTarget());
      return std::optional<Target>();
    case Target::Kind::kStoreDirectory:
      if (parent.ino == kRootInode && name == kMetaDirectoryName) {
        return std::optional<Target>(MetaDirectoryTarget());
      }
      return ResolveInStore(dir, name);
    default:
      return Unexpected(Error(ErrorCode::kInvalidArgument, "not a directory"));
  }
}

Entry VirtualFs::MakeEntry(InodeId ino, const Target& target) const {
  Entry entry;
  entry.attr.ino = ino;
  entry.attr.is_directory = target.is_directory();
  entry.attr.size = target.kind == Target::Kind::kStats ? stats_.ToJson().size() : target.size;
  double timeout = target.in_store ? options_.dataset_timeout_s : options_.catalog_timeout_s;
  if (target.kind == Target::Kind::kStats) timeout = 0;
  entry.entry_timeout_s = timeout;
  entry.attr_timeout_s = timeout;
  return entry;
}

InodeId VirtualFs::RegisterLookup(InodeId parent, std::string_view name, Target target) {
  std::lock_guard lock(mutex_);
  NameKey key{parent, std::string(name)};
  if (auto it = by_name_.find(key); it != by_name_.end()) {
    Slot& slot = nodes_.at(it->second);
    if (slot.node->target.identity == target.identity && slot.node->target.size == target.size) {
      ++slot.lookups;
      return it->second;
    }
  }
  auto node = std::make_shared<Node>();
  node->ino = next_ino_++;
  node->parent = parent;
  node->name = key.name;
  node->target = std::move(target);
  InodeId ino = node->ino;
  nodes_[ino] = {std::move(node), 1};
  by_name_[std::move(key)] = ino;
  return ino;
}

Result<Entry> VirtualFs::Lookup(InodeId parent, std::string_view name) {
  stats_.lookups.fetch_add(1, std::memory_order_relaxed);
  std::shared_ptr<Node> node = GetNode(parent);
  if (!node) return Unexpected(Stale("unknown inode " + std::to_string(parent)));
  if (!node->target.is_directory()) return Unexpected(Error(ErrorCode::kInvalidArgument, "not a directory"));
  Result<std::optional<Target>> child = ResolveChild(*node, name);
  if (!child) {
    stats_.errors.fetch_add(1, std::memory_order_relaxed);
    return Unexpected(child.error());
  }
  if (!*child) {
    if (node->target.in_store || node->target.kind == Target::Kind::kStoreDirectory) {
      Entry negative;
      negative.entry_timeout_s = options_.dataset_timeout_s;
      return negative;
    }
    return Unexpected(NotFound(std::string(name)));
  }
  Target target = std::move(**child);
  Target copy_for_entry = target;  // attributes come from the target, not the table
  InodeId ino = RegisterLookup(parent, name, std::move(target));
  return MakeEntry(ino, copy_for_entry);
}

void VirtualFs::Forget(InodeId ino, uint64_t count) {
  std::lock_guard lock(mutex_);
  auto it = nodes_.find(ino);
  if (it == nodes_.end() || ino == kRootInode) return;
  Slot& slot = it->second;
  slot.lookups = count >= slot.lookups ? 0 : slot.lookups - count;
  if (slot.lookups > 0) return;
  auto name = by_name_.find(NameKey{slot.node->parent, slot.node->name});
  if (name != by_name_.end() && name->second == ino) by_name_.erase(name);
  nodes_.erase(it);
}

Result<Entry> VirtualFs::GetAttr(InodeId ino) {
  std::shared_ptr<Node> node = GetNode(ino);
  if (!node) return Unexpected(Stale("unknown inode " + std::to_string(ino)));
  return MakeEntry(ino, node->target);
}

InodeId VirtualFs::InodeHint(InodeId parent, std::string_view name) const {
  {
    std::lock_guard lock(mutex_);
    auto it = by_name_.find(NameKey{parent, std::string(name)});
    if (it != by_name_.end()) return it->second;
  }
  // Not live: any stable non-zero number will do (readdir's d_ino is informational; some
  // programs skip entries whose d_ino is 0).
  uint64_t hash = std::hash<std::string_view>{}(name) ^ (parent * 0x9E3779B97F4A7C15ull);
  return hash | (uint64_t{1} << 63);
}

Result<DirectoryListing> VirtualFs::ListChildren(const Node& node) {
  DirectoryListing out;
  const Target& dir = node.target;
  switch (dir.kind) {
    case Target::Kind::kCatalogDirectory: {
      STACFS_ASSIGN_OR_RETURN(std::shared_ptr<const Listing> listing,
                              ListCatalogDirectory(dir.directory, node.ino == kRootInode));
      for (const auto& [name, target] : listing->children) out.push_back({name, target.is_directory(), 0});
      break;
    }
    case Target::Kind::kMetaDirectory:
      out.push_back({std::string(kStatsName), false, 0});
      break;
    case Target::Kind::kStoreDirectory: {
      if (node.ino == kRootInode) out.push_back({std::string(kMetaDirectoryName), true, 0});
      Result<std::shared_ptr<const StoreView>> view = StoreViewOf(*dir.store);
      if (!view) {
        if (!dir.store_path.empty()) return Unexpected(UnreadableStore(view.error()));
        out.push_back({std::string(kStoreErrorName), false, 0});  // says why the store failed
        break;
      }
      for (StoreListEntry& entry : (*view)->List(dir.store_path)) {
        out.push_back({std::move(entry.name), entry.is_directory, 0});
      }
      break;
    }
    default:
      return Unexpected(Error(ErrorCode::kInvalidArgument, "not a directory"));
  }
  return out;
}

Result<std::shared_ptr<const DirectoryListing>> VirtualFs::ReadDirectory(InodeId ino) {
  stats_.readdirs.fetch_add(1, std::memory_order_relaxed);
  std::shared_ptr<Node> node = GetNode(ino);
  if (!node) return Unexpected(Stale("unknown inode " + std::to_string(ino)));
  Result<DirectoryListing> children = ListChildren(*node);
  if (!children) {
    stats_.errors.fetch_add(1, std::memory_order_relaxed);
    return Unexpected(children.error());
  }
  auto listing = std::make_shared<DirectoryListing>();
  listing->reserve(children->size() + 2);
  listing->push_back({".", true, ino});
  listing->push_back({"..", true, node->parent == 0 ? ino : node->parent});
  for (DirectoryEntry& entry : *children) {
    entry.ino = InodeHint(ino, entry.name);
    listing->push_back(std::move(entry));
  }
  return std::shared_ptr<const DirectoryListing>(std::move(listing));
}

Result<std::shared_ptr<OpenFile>> VirtualFs::Open(InodeId ino) {
  stats_.opens.fetch_add(1, std::memory_order_relaxed);
  std::shared_ptr<Node> node = GetNode(ino);
  if (!node) return Unexpected(Stale("unknown inode " + std::to_string(ino)));
  const Target& target = node->target;
  std::shared_ptr<OpenFile> file;
  switch (target.kind) {
    case Target::Kind::kDocument:
      file = std::make_shared<BytesFile>(SharedBytes(*target.content));
      file->keep_cache = true;  // a changed document is a new node
      break;
    case Target::Kind::kStats:
      file = std::make_shared<BytesFile>(SharedBytes(stats_.ToJson()));
      file->direct_io = true;
      break;
    case Target::Kind::kStoreFile:
      file = std::make_shared<ReferenceFile>(target.view, target.store_path, target.reference, read_path_,
                                             prefetcher_.get());
      file->keep_cache = true;
      break;
    case Target::Kind::kRemoteFile:
      file = std::make_shared<RemoteFile>(target.remote->url, target.size, read_path_);
      file->keep_cache = true;
      break;
    default:
      return Unexpected(Error(ErrorCode::kInvalidArgument, "is a directory"));
  }
  return file;
}

Result<SharedBytes> VirtualFs::Read(OpenFile& file, uint64_t offset, uint64_t size) {
  auto started = std::chrono::steady_clock::now();
  stats_.reads.fetch_add(1, std::memory_order_relaxed);
  Result<SharedBytes> bytes = file.Read(offset, size);
  stats_.read_latency.Record(std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started));
  if (!bytes) {
    stats_.errors.fetch_add(1, std::memory_order_relaxed);
    LogFailure("read", bytes.error());
    return bytes;
  }
  stats_.bytes_read.fetch_add(bytes->size(), std::memory_order_relaxed);
  return bytes;
}

}  // namespace stacfs::fs
