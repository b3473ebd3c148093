#include "fs/tree_source.h"

namespace stacfs::fs {

TreeEntry TreeEntry::Directory(std::string name, std::shared_ptr<DirectorySource> directory) {
  TreeEntry entry;
  entry.name = std::move(name);
  entry.kind = Kind::kDirectory;
  entry.directory = std::move(directory);
  return entry;
}

TreeEntry TreeEntry::Document(std::string name, std::string content) {
  TreeEntry entry;
  entry.name = std::move(name);
  entry.kind = Kind::kDocument;
  entry.content = std::make_shared<const std::string>(std::move(content));
  return entry;
}

TreeEntry TreeEntry::RemoteFile(std::string name, std::string url, std::optional<uint64_t> size) {
  TreeEntry entry;
  entry.name = std::move(name);
  entry.kind = Kind::kRemoteFile;
  entry.url = std::move(url);
  entry.size = size;
  return entry;
}

TreeEntry TreeEntry::Store(std::string name, std::shared_ptr<StoreSource> store) {
  TreeEntry entry;
  entry.name = std::move(name);
  entry.kind = Kind::kStore;
  entry.store = std::move(store);
  return entry;
}

}  // namespace stacfs::fs
