// Test helpers for the catalog tree: static STAC catalogs written as files into a temp dir,
// opened through the real client, and tree walking by path.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "fs/tree_source.h"

namespace stacfs::catalog::testing {

// Writes `bytes` to `path`, creating its directories.
void WriteTestFile(const std::string& path, std::string_view bytes);

struct TestAsset {
  std::string key;
  std::string href;   // relative to the item file, or absolute
  std::string type;   // media type; empty for none
  std::string extra;  // more JSON members of the asset, e.g. "\"file:size\":12"
};

// An item document of `collection`, linked to its parent collection one directory up.
std::string TestItemJson(const std::string& id, const std::string& collection, const std::string& datetime,
                         const std::vector<TestAsset>& assets, const std::string& extra_properties = "");
// A collection document with item links (hrefs relative to it).
std::string TestCollectionJson(const std::string& id, const std::vector<std::string>& item_hrefs);
// A root catalog document with child links.
std::string TestCatalogJson(const std::vector<std::string>& child_hrefs);

// Opens the static catalog at `path` with a file fetcher.
std::shared_ptr<Catalog> OpenTestCatalog(const std::string& path);

// The entry at `path` ("alpha/a1/item.json") below `root`, listing each directory on the way;
// nullopt (with a test failure) when something is missing or a listing fails.
std::optional<fs::TreeEntry> FindEntry(fs::DirectorySource& root, const std::string& path);
// "name:kind" of each entry of `directory` (kind: dir, doc, file, store).
std::vector<std::string> Describe(fs::DirectorySource& directory);

}  // namespace stacfs::catalog::testing
