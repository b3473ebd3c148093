#include "catalog/mount/test_catalog.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/fetch/file_fetcher.h"

namespace stacfs::catalog::testing {

void WriteTestFile(const std::string& path, std::string_view bytes) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

std::string TestItemJson(const std::string& id, const std::string& collection, const std::string& datetime,
                         const std::vector<TestAsset>& assets, const std::string& extra_properties) {
  std::string json = R"({"type":"Feature","stac_version":"1.0.0","id":")" + id + R"(","collection":")" +
                     collection + R"(","bbox":[0,0,10,10],"geometry":null,"properties":{"datetime":")" +
                     datetime + "\"" + (extra_properties.empty() ? "" : "," + extra_properties) +
                     R"(},"links":[{"rel":"parent","href":"../collection.json"}],"assets":{)";
  for (size_t i = 0; i < assets.size(); ++i) {
    const TestAsset& a = assets[i];
    json += (i ? "," : "") + ("\"" + a.key + "\":{\"href\":\"" + a.href + "\"");
    if (!a.type.empty()) json += ",\"type\":\"" + a.type + "\"";
    if (!a.extra.empty()) json += "," + a.extra;
    json += "}";
  }
  return json + "}}";
}

std::string TestCollectionJson(const std::string& id, const std::vector<std::string>& item_hrefs) {
  std::string links = R"({"rel":"parent","href":"../catalog.json"})";
  for (const std::string& href : item_hrefs) links += R"(,{"rel":"item","href":")" + href + "\"}";
  return R"({"type":"Collection","stac_version":"1.0.0","id":")" + id + R"(","description":"collection )" + id +
         R"(","license":"CC-BY-4.0","extent":{"spatial":{"bbox":[[-180,-90,180,90]]},)" +
         R"("temporal":{"interval":[["2000-01-01T00:00:00Z",null]]}},"links":[)" + links + "]}";
}

std::string TestCatalogJson(const std::vector<std::string>& child_hrefs) {
  std::string links = R"({"rel":"self","href":"./catalog.json"})";
  for (const std::string& href : child_hrefs) links += R"(,{"rel":"child","href":")" + href + "\"}";
  return R"({"type":"Catalog","stac_version":"1.0.0","id":"root","description":"test","links":[)" + links + "]}";
}

std::shared_ptr<Catalog> OpenTestCatalog(const std::string& path) {
  CatalogOptions options;
  options.files = std::make_shared<FileFetcher>();
  auto opened = OpenCatalog(path, options);
  EXPECT_TRUE(opened.has_value()) << opened.error().ToString();
  if (!opened) return nullptr;
  return std::shared_ptr<Catalog>(std::move(*opened));
}

std::optional<fs::TreeEntry> FindEntry(fs::DirectorySource& root, const std::string& path) {
  fs::DirectorySource* directory = &root;
  std::shared_ptr<fs::DirectorySource> keep;
  size_t start = 0;
  while (true) {
    size_t slash = path.find('/', start);
    std::string name = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    auto listed = directory->List();
    if (!listed) {
      ADD_FAILURE() << "listing on the way to " << path << ": " << listed.error().ToString();
      return std::nullopt;
    }
    const fs::TreeEntry* found = nullptr;
    for (const fs::TreeEntry& entry : *listed) {
      if (entry.name == name) found = &entry;
    }
    if (found == nullptr) {
      ADD_FAILURE() << "no '" << name << "' on the way to " << path;
      return std::nullopt;
    }
    if (slash == std::string::npos) return *found;
    if (found->kind != fs::TreeEntry::Kind::kDirectory) {
      ADD_FAILURE() << "'" << name << "' is not a directory, on the way to " << path;
      return std::nullopt;
    }
    keep = found->directory;
    directory = keep.get();
    start = slash + 1;
  }
}

std::vector<std::string> Describe(fs::DirectorySource& directory) {
  std::vector<std::string> out;
  auto listed = directory.List();
  if (!listed) {
    ADD_FAILURE() << listed.error().ToString();
    return out;
  }
  for (const fs::TreeEntry& entry : *listed) {
    const char* kind = "";
    switch (entry.kind) {
      case fs::TreeEntry::Kind::kDirectory: kind = "dir"; break;
      case fs::TreeEntry::Kind::kDocument: kind = "doc"; break;
      case fs::TreeEntry::Kind::kRemoteFile: kind = "file"; break;
      case fs::TreeEntry::Kind::kStore: kind = "store"; break;
    }
    out.push_back(entry.name + ":" + kind);
  }
  return out;
}

}  // namespace stacfs::catalog::testing
