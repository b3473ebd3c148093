#include "fs/virtual_fs.h"

#include <gtest/gtest.h>

#include <map>
#include <thread>

#include "core/fetch/memory_cache_fetcher.h"
#include "core/fetch/single_flight_fetcher.h"
#include "fs/test_support/fake_sources.h"

namespace stacfs::fs {
namespace {

using testing::CountingDirectory;
using testing::FakeObjectStore;
using testing::FixedStore;

constexpr char kTasZarray[] =
    R"({"zarr_format":2,"shape":[4,6],"chunks":[2,3],"dtype":"<f4","compressor":null,)"
    R"("filters":null,"fill_value":"NaN","order":"C"})";

std::shared_ptr<const ReferenceSet> SampleRefs() {
  ReferenceSetBuilder b;
  EXPECT_TRUE(b.AddInline(".zattrs", "{\"title\":\"Temp\xc3\xa9rature\"}"));
  EXPECT_TRUE(b.AddInline("tas/.zarray", kTasZarray));
  EXPECT_TRUE(b.AddInline("tas/.zattrs", R"({"_ARRAY_DIMENSIONS":["y","x"]})"));
  b.AddRange("tas/0.0", "http://h/a.nc", {100, 24});
  b.AddRange("tas/1.1", "http://h/a.nc", {124, 24});
  b.AddWholeObject("tas/0.1", "http://h/whole.bin");
  b.AddWholeObject("tas/1.0", "http://h/missing.bin");
  return std::make_shared<const ReferenceSet>(std::move(b).Build());
}

std::string Bytes(size_t n, char seed) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>(seed + i);
  return s;
}

struct Fixture {
  std::shared_ptr<FakeObjectStore> objects = std::make_shared<FakeObjectStore>();
  std::unique_ptr<VirtualFs> fs;

  Fixture() {
    objects->Put("http://h/a.nc", Bytes(100, 'x') + Bytes(24, 'a') + Bytes(24, 'b'));
    objects->Put("http://h/whole.bin", Bytes(24, 'w'));
  }

  Entry MustLookup(InodeId parent, std::string_view name) {
    Result<Entry> entry = fs->Lookup(parent, name);
    EXPECT_TRUE(entry) << name << ": " << entry.error().ToString();
    return entry ? *entry : Entry{};
  }
  std::vector<std::string> Names(InodeId dir) {
    Result<std::shared_ptr<const DirectoryListing>> listing = fs->ReadDirectory(dir);
    EXPECT_TRUE(listing) << listing.error().ToString();
    std::vector<std::string> names;
    if (listing) {
      for (const DirectoryEntry& e : **listing) names.push_back(e.name);
    }
    return names;
  }
  std::string ReadAll(InodeId ino) {
    Result<std::shared_ptr<OpenFile>> file = fs->Open(ino);
    EXPECT_TRUE(file) << file.error().ToString();
    if (!file) return "";
    Result<SharedBytes> bytes = fs->Read(**file, 0, 1 << 20);
    EXPECT_TRUE(bytes) << bytes.error().ToString();
    return bytes ? std::string(bytes->view()) : "";
  }
};

TEST(VirtualFsStoreTest, ServesMetadataChunksAndConsolidatedMetadata) {
  Fixture f;
  f.fs = std::make_unique<VirtualFs>(std::shared_ptr<StoreSource>(std::make_shared<FixedStore>(SampleRefs())),
                                     f.objects, VirtualFsOptions{});
  EXPECT_EQ(f.Names(kRootInode),
            (std::vector<std::string>{".", "..", ".stacfs", ".zattrs", ".zgroup", ".zmetadata", "tas"}));
  // Non-ASCII is escaped for zarr-python 2; the JSON means the same.
  EXPECT_EQ(f.ReadAll(f.MustLookup(kRootInode, ".zattrs").attr.ino), R"({"title":"Temp\u00e9rature"})");
  EXPECT_EQ(f.ReadAll(f.MustLookup(kRootInode, ".zgroup").attr.ino), R"({"zarr_format":2})");
  std::string consolidated = f.ReadAll(f.MustLookup(kRootInode, ".zmetadata").attr.ino);
  EXPECT_NE(consolidated.find(R"("tas/.zarray":{"zarr_format":2,"shape":[4,6])"), std::string::npos) << consolidated;
  EXPECT_NE(consolidated.find(R"("zarr_consolidated_format":1)"), std::string::npos);

  Entry tas = f.MustLookup(kRootInode, "tas");
  EXPECT_TRUE(tas.attr.is_directory);
  EXPECT_EQ(f.Names(tas.attr.ino),
            (std::vector<std::string>{".", "..", ".zarray", ".zattrs", "0.0", "0.1", "1.0", "1.1"}));

  // A range chunk's size is known without any request.
  Entry chunk = f.MustLookup(tas.attr.ino, "1.1");
  EXPECT_EQ(chunk.attr.size, 24u);
  EXPECT_EQ(f.objects->request_count(), 0u);
  EXPECT_EQ(f.ReadAll(chunk.attr.ino), Bytes(24, 'b'));
  EXPECT_GE(chunk.entry_timeout_s, 60);

  // A whole-object chunk is sized by fetching it; a missing object is a negative entry.
  EXPECT_EQ(f.MustLookup(tas.attr.ino, "0.1").attr.size, 24u);
  Entry missing_object = f.MustLookup(tas.attr.ino, "1.0");
  EXPECT_EQ(missing_object.attr.ino, 0u);
  Entry absent = f.MustLookup(tas.attr.ino, "5.5");
  EXPECT_EQ(absent.attr.ino, 0u);
  EXPECT_GT(absent.entry_timeout_s, 0);
}

TEST(VirtualFsStoreTest, PartialReadsAreCutAtTheChunkEnd) {
  Fixture f;
  f.fs = std::make_unique<VirtualFs>(std::shared_ptr<StoreSource>(std::make_shared<FixedStore>(SampleRefs())),
                                     f.objects, VirtualFsOptions{});
  InodeId tas = f.MustLookup(kRootInode, "tas").attr.ino;
  InodeId chunk = f.MustLookup(tas, "0.0").attr.ino;
  auto file = f.fs->Open(chunk);
  ASSERT_TRUE(file);
  EXPECT_TRUE((*file)->keep_cache);
  auto middle = f.fs->Read(**file, 20, 100);
  ASSERT_TRUE(middle);
  EXPECT_EQ(middle->view(), Bytes(24, 'a').substr(20));
  auto past = f.fs->Read(**file, 24, 10);
  ASSERT_TRUE(past);
  EXPECT_TRUE(past->empty());
}

TEST(VirtualFsStoreTest, ChunkReadsFetchTheWholeChunkOnceThroughTheCache) {
  Fixture f;
  auto cached = std::make_shared<MemoryCacheFetcher>(f.objects, 1 << 20);
  f.fs = std::make_unique<VirtualFs>(std::shared_ptr<StoreSource>(std::make_shared<FixedStore>(SampleRefs())),
                                     cached, VirtualFsOptions{});
  InodeId tas = f.MustLookup(kRootInode, "tas").attr.ino;
  InodeId chunk = f.MustLookup(tas, "0.0").attr.ino;
  auto file = f.fs->Open(chunk);
  ASSERT_TRUE(file);
  for (uint64_t offset = 0; offset < 24; offset += 4) ASSERT_TRUE(f.fs->Read(**file, offset, 4));
  std::vector<FetchRequest> requests = f.objects->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].range, (ByteRange{100, 24}));
}

TEST(VirtualFsStoreTest, SlashSeparatedChunksAreNestedDirectories) {
  ReferenceSetBuilder b;
  ASSERT_TRUE(b.AddInline(".zgroup", R"({"zarr_format":2})"));
  ASSERT_TRUE(b.AddInline("v/.zarray", R"({"zarr_format":2,"shape":[4,6,2],"chunks":[2,3,2],"dtype":"<i2",)"
                                       R"("compressor":null,"filters":null,"fill_value":0,"order":"C",)"
                                       R"("dimension_separator":"/"})"));
  b.AddRange("v/1/0/0", "http://h/a.nc", {0, 24});
  b.AddRange("v/1/1/0", "http://h/a.nc", {24, 24});
  Fixture f;
  f.fs = std::make_unique<VirtualFs>(
      std::shared_ptr<StoreSource>(std::make_shared<FixedStore>(std::make_shared<const ReferenceSet>(std::move(b).Build()))),
      f.objects, VirtualFsOptions{});
  InodeId v = f.MustLookup(kRootInode, "v").attr.ino;
  EXPECT_EQ(f.Names(v), (std::vector<std::string>{".", "..", ".zarray", "1"}));
  Entry one = f.MustLookup(v, "1");
  ASSERT_TRUE(one.attr.is_directory);
  EXPECT_EQ(f.Names(one.attr.ino), (std::vector<std::string>{".", "..", "0", "1"}));
  Entry zero = f.MustLookup(v, "0");  // inside the grid, no chunks: an empty directory
  EXPECT_TRUE(zero.attr.is_directory);
  EXPECT_EQ(f.MustLookup(v, "2").attr.ino, 0u);  // outside the grid
  InodeId leaf_dir = f.MustLookup(one.attr.ino, "1").attr.ino;
  EXPECT_EQ(f.Names(leaf_dir), (std::vector<std::string>{".", "..", "0"}));
  EXPECT_EQ(f.ReadAll(f.MustLookup(leaf_dir, "0").attr.ino), f.objects->Fetch({"http://h/a.nc", ByteRange{24, 24}})->bytes.view());
}

TEST(VirtualFsStoreTest, AStoreThatFailsToLoadExplainsItselfAndIsRetriedLater) {
  Fixture f;
  VirtualFsOptions options;
  options.store_retry = std::chrono::seconds(0);
  auto store = std::make_shared<FixedStore>(nullptr);
  f.fs = std::make_unique<VirtualFs>(std::shared_ptr<StoreSource>(store), f.objects, options);
  EXPECT_EQ(f.Names(kRootInode), (std::vector<std::string>{".", "..", ".stacfs", "ERROR.txt"}));
  std::string why = f.ReadAll(f.MustLookup(kRootInode, "ERROR.txt").attr.ino);
  EXPECT_NE(why.find("refs.json: not a reference file"), std::string::npos) << why;
  Result<Entry> zgroup = f.fs->Lookup(kRootInode, ".zgroup");
  ASSERT_FALSE(zgroup);
  EXPECT_EQ(zgroup.error().ToErrno(), EIO);
  EXPECT_GE(store->loads(), 3);  // retry_after 0: every access tries again
  // The stats file is there whatever happens to the data.
  InodeId meta = f.MustLookup(kRootInode, ".stacfs").attr.ino;
  std::string stats = f.ReadAll(f.MustLookup(meta, "stats").attr.ino);
  EXPECT_NE(stats.find("\"errors\":"), std::string::npos) << stats;
}

TEST(VirtualFsCatalogTest, NamesAreSanitisedUniqueAndListedOnce) {
  Fixture f;
  auto items = std::make_shared<CountingDirectory>(std::vector<TreeEntry>{
      TreeEntry::Document("item.json", R"({"id":"i1"})"),
      TreeEntry::Store("refs.zarr", std::make_shared<FixedStore>(SampleRefs())),
      TreeEntry::RemoteFile("a.nc", "http://h/a.nc", std::nullopt),
  });
  auto collection = std::make_shared<CountingDirectory>(std::vector<TreeEntry>{
      TreeEntry::Directory("../etc", items),
      TreeEntry::Directory("a/b", std::make_shared<CountingDirectory>(std::vector<TreeEntry>{})),
      TreeEntry::Directory("a_b", std::make_shared<CountingDirectory>(std::vector<TreeEntry>{})),
      TreeEntry::Document("..", "dots"),
      TreeEntry::Document(std::string("nul\0x", 5), "nul"),
  });
  auto root = std::make_shared<CountingDirectory>(std::vector<TreeEntry>{
      TreeEntry::Directory("cmip6", collection),
      TreeEntry::Document(".stacfs", "a collection that wants the reserved name"),
  });
  f.fs = std::make_unique<VirtualFs>(std::shared_ptr<DirectorySource>(root), f.objects, VirtualFsOptions{});
  EXPECT_EQ(f.Names(kRootInode), (std::vector<std::string>{".", "..", ".stacfs", "cmip6", ".stacfs~2"}));
  InodeId c = f.MustLookup(kRootInode, "cmip6").attr.ino;
  EXPECT_EQ(f.Names(c), (std::vector<std::string>{".", "..", ".._etc", "a_b", "a_b~2", "_..", "nul_x"}));
  EXPECT_EQ(collection->calls(), 1);
  f.Names(c);
  f.MustLookup(c, "a_b~2");
  EXPECT_EQ(collection->calls(), 1);  // cached for the source's ttl
  EXPECT_FALSE(f.fs->Lookup(c, "a/b"));

  InodeId item = f.MustLookup(c, ".._etc").attr.ino;
  EXPECT_EQ(f.ReadAll(f.MustLookup(item, "item.json").attr.ino), R"({"id":"i1"})");
  Entry remote = f.MustLookup(item, "a.nc");
  EXPECT_EQ(remote.attr.size, 148u);  // asked of the server
  auto file = f.fs->Open(remote.attr.ino);
  ASSERT_TRUE(file);
  auto bytes = f.fs->Read(**file, 120, 100);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(bytes->view(), Bytes(24, 'a').substr(20) + Bytes(24, 'b'));  // [120, 148)
  Entry store = f.MustLookup(item, "refs.zarr");
  EXPECT_TRUE(store.attr.is_directory);
  EXPECT_LT(store.entry_timeout_s, 60);  // a catalog entry: short
  EXPECT_TRUE(f.MustLookup(store.attr.ino, "tas").attr.is_directory);
}

TEST(VirtualFsCatalogTest, ListingErrorsFailThatDirectoryOnly) {
  Fixture f;
  auto broken = std::make_shared<CountingDirectory>(std::vector<TreeEntry>{});
  broken->Fail(true);
  auto root = std::make_shared<CountingDirectory>(std::vector<TreeEntry>{
      TreeEntry::Directory("broken", broken),
      TreeEntry::Document("fine.json", "{}"),
  });
  f.fs = std::make_unique<VirtualFs>(std::shared_ptr<DirectorySource>(root), f.objects, VirtualFsOptions{});
  InodeId b = f.MustLookup(kRootInode, "broken").attr.ino;
  auto listing = f.fs->ReadDirectory(b);
  ASSERT_FALSE(listing);
  EXPECT_NE(listing.error().ToString().find("catalog down"), std::string::npos);
  EXPECT_EQ(f.ReadAll(f.MustLookup(kRootInode, "fine.json").attr.ino), "{}");
  // The failure is remembered briefly instead of asking the server on every access.
  EXPECT_FALSE(f.fs->ReadDirectory(b));
  EXPECT_EQ(broken->calls(), 1);
}

TEST(VirtualFsInodeTest, SameNameSameInodeWhileLiveAndDroppedWhenForgotten) {
  Fixture f;
  f.fs = std::make_unique<VirtualFs>(std::shared_ptr<StoreSource>(std::make_shared<FixedStore>(SampleRefs())),
                                     f.objects, VirtualFsOptions{});
  InodeId tas = f.MustLookup(kRootInode, "tas").attr.ino;
  size_t base = f.fs->live_inodes();
  InodeId a = f.MustLookup(tas, "0.0").attr.ino;
  InodeId again = f.MustLookup(tas, "0.0").attr.ino;
  EXPECT_EQ(a, again);
  EXPECT_EQ(f.fs->live_inodes(), base + 1);
  f.fs->Forget(a, 1);
  EXPECT_EQ(f.fs->live_inodes(), base + 1);  // one lookup still counted
  EXPECT_TRUE(f.fs->GetAttr(a));
  f.fs->Forget(a, 1);
  EXPECT_EQ(f.fs->live_inodes(), base);
  EXPECT_FALSE(f.fs->GetAttr(a));
  f.fs->Forget(kRootInode, 100);  // the root is never dropped
  EXPECT_TRUE(f.fs->GetAttr(kRootInode));
}

}  // namespace
}  // namespace stacfs::fs

namespace stacfs::fs {
namespace {

std::shared_ptr<const ReferenceSet> SeriesRefs(int chunks) {
  ReferenceSetBuilder b;
  EXPECT_TRUE(b.AddInline(".zgroup", R"({"zarr_format":2})"));
  EXPECT_TRUE(b.AddInline("v/.zarray", R"({"zarr_format":2,"shape":[)" + std::to_string(chunks) +
                                           R"(,2],"chunks":[1,2],"dtype":"<f4","compressor":null,)"
                                           R"("filters":null,"fill_value":null,"order":"C"})"));
  for (int i = 0; i < chunks; ++i) b.AddRange("v/" + std::to_string(i) + ".0", "http://h/series", {uint64_t(i) * 8, 8});
  return std::make_shared<const ReferenceSet>(std::move(b).Build());
}

TEST(VirtualFsPrefetchTest, ReadingInOrderFetchesAheadAndNothingTwice) {
  auto objects = std::make_shared<FakeObjectStore>();
  objects->Put("http://h/series", Bytes(8 * 40, 'a'));
  auto cached = std::make_shared<MemoryCacheFetcher>(objects, 1 << 20);
  // The mount's composition: single-flight over the cache, so that a reader arriving while
  // read-ahead fetches its chunk joins that fetch, and one arriving after finds it cached.
  auto top = std::make_shared<SingleFlightFetcher>(cached);
  VirtualFs fs(std::shared_ptr<StoreSource>(std::make_shared<FixedStore>(SeriesRefs(40))), top, VirtualFsOptions{});
  InodeId v = fs.Lookup(kRootInode, "v")->attr.ino;
  auto read_chunk = [&](int i) {
    Result<Entry> entry = fs.Lookup(v, std::to_string(i) + ".0");
    ASSERT_TRUE(entry);
    auto file = fs.Open(entry->attr.ino);
    ASSERT_TRUE(file);
    auto bytes = fs.Read(**file, 0, 8);
    ASSERT_TRUE(bytes);
    EXPECT_EQ(bytes->view(), Bytes(8 * 40, 'a').substr(i * 8, 8));
  };
  for (int i = 0; i < 4; ++i) read_chunk(i);
  // Read-ahead is asynchronous: wait (bounded) until it has fetched beyond what was read.
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (objects->request_count() <= 4 && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_GT(objects->request_count(), 4u) << "no read-ahead happened";
  for (int i = 4; i < 40; ++i) read_chunk(i);
  // Every chunk was fetched exactly once, by the reader or ahead of it.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::map<uint64_t, int> fetched;
  for (const FetchRequest& r : objects->requests()) ++fetched[r.range->offset];
  EXPECT_EQ(fetched.size(), 40u);
  for (const auto& [offset, times] : fetched) EXPECT_EQ(times, 1) << "chunk at " << offset;
  EXPECT_GT(cached->stats().hits, 0u);
}

TEST(VirtualFsPrefetchTest, ASweepInNoOrderFillsInTheSpanRead) {
  auto objects = std::make_shared<FakeObjectStore>();
  objects->Put("http://h/series", Bytes(8 * 40, 'a'));
  auto cached = std::make_shared<MemoryCacheFetcher>(objects, 1 << 20);
  // The mount's composition: single-flight over the cache, so that a reader arriving while
  // read-ahead fetches its chunk joins that fetch, and one arriving after finds it cached.
  auto top = std::make_shared<SingleFlightFetcher>(cached);
  VirtualFs fs(std::shared_ptr<StoreSource>(std::make_shared<FixedStore>(SeriesRefs(40))), top, VirtualFsOptions{});
  InodeId v = fs.Lookup(kRootInode, "v")->attr.ino;
  // dask's order for a point series: every chunk once, shuffled.
  std::vector<int> order{17, 3, 38, 22, 9, 30, 1, 26, 13, 35, 6, 19, 0, 39, 28, 11};
  for (int i : order) {
    auto file = fs.Open(fs.Lookup(v, std::to_string(i) + ".0")->attr.ino);
    ASSERT_TRUE(file);
    auto bytes = fs.Read(**file, 0, 8);
    ASSERT_TRUE(bytes);
    EXPECT_EQ(bytes->view(), Bytes(8 * 40, 'a').substr(i * 8, 8));
  }
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (objects->request_count() < 40 && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::map<uint64_t, int> fetched;
  for (const FetchRequest& r : objects->requests()) ++fetched[r.range->offset];
  EXPECT_EQ(fetched.size(), 40u) << "the span [0, 39] read so far is filled in";
  for (const auto& [offset, times] : fetched) EXPECT_EQ(times, 1) << "chunk at " << offset;
}

TEST(VirtualFsPrefetchTest, ReadAheadCoalescesNeighbouringChunksIntoOneRequest) {
  auto objects = std::make_shared<FakeObjectStore>();
  std::string series = Bytes(8 * 40, 'a');
  objects->Put("http://h/series", series);
  auto cached = std::make_shared<MemoryCacheFetcher>(objects, 1 << 20);
  VirtualFsOptions options;
  options.prefetch_cache = {cached, objects};
  VirtualFs fs(std::shared_ptr<StoreSource>(std::make_shared<FixedStore>(SeriesRefs(40))),
               std::make_shared<SingleFlightFetcher>(cached), options);
  InodeId v = fs.Lookup(kRootInode, "v")->attr.ino;
  for (int i = 0; i < 40; ++i) {
    auto file = fs.Open(fs.Lookup(v, std::to_string(i) + ".0")->attr.ino);
    ASSERT_TRUE(file);
    auto bytes = fs.Read(**file, 0, 8);
    ASSERT_TRUE(bytes);
    ASSERT_EQ(bytes->view(), series.substr(i * 8, 8)) << "chunk " << i;
    if (i == 3) std::this_thread::sleep_for(std::chrono::milliseconds(100));  // let read-ahead land
  }
  size_t merged = 0;
  for (const FetchRequest& r : objects->requests()) merged += r.range->length > 8;
  EXPECT_GT(merged, 0u) << "no coalesced request";
  EXPECT_LT(objects->request_count(), 40u);
}

TEST(VirtualFsPrefetchTest, RandomAccessDoesNotReadAhead) {
  auto objects = std::make_shared<FakeObjectStore>();
  objects->Put("http://h/series", Bytes(8 * 40, 'a'));
  VirtualFs fs(std::shared_ptr<StoreSource>(std::make_shared<FixedStore>(SeriesRefs(40))), objects, VirtualFsOptions{});
  InodeId v = fs.Lookup(kRootInode, "v")->attr.ino;
  for (int i : {30, 2, 17, 9, 38, 24}) {
    auto file = fs.Open(fs.Lookup(v, std::to_string(i) + ".0")->attr.ino);
    ASSERT_TRUE(file);
    ASSERT_TRUE(fs.Read(**file, 0, 8));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(objects->request_count(), 6u);
}

}  // namespace
}  // namespace stacfs::fs
