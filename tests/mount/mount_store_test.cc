// A real FUSE mount of one Kerchunk reference file (the mount root is the store), read by
// Debian's python3-zarr and python3-xarray and compared with netCDF4-python's reads of the
// source file. Also: references over HTTP (nginx) plain and zstd-compressed, hand-written
// kerchunk-style references, 16 concurrent readers, bad input, read-only refusals, background
// start, and the stats file.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "core/base/file_util.h"
#include "tests/support/nginx_server.h"
#include "tests/support/run_command.h"
#include "tests/support/scoped_mount.h"
#include "tests/support/skip.h"
#include "tests/support/temp_dir.h"

namespace stacfs::test {
namespace {

const std::string kStacfs = std::string(STACFS_BINARY_DIR) + "/mount-tools/stacfs";
const std::string kSourceDir = STACFS_SOURCE_DIR;
const std::string kPython = "/usr/bin/python3";
const std::string kSample = kSourceDir + "/sample/tas_sample.nc";

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class MountStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (access("/dev/fuse", R_OK | W_OK) != 0) GTEST_SKIP() << "/dev/fuse is not usable here";
    STACFS_SKIP_UNLESS_EXECUTABLE(kPython);
    STACFS_SKIP_UNLESS_EXECUTABLE("/usr/bin/fusermount3");
    auto dir = TempDir::Create("stacfs-mount");
    ASSERT_TRUE(dir) << dir.error().ToString();
    dir_.emplace(std::move(*dir));
    mnt_ = dir_->Join("mnt");
    ASSERT_EQ(mkdir(mnt_.c_str(), 0755), 0);
  }

  ScopedMount Mount(const std::string& source, std::vector<std::string> options = {}) {
    auto mount = ScopedMount::Start(kStacfs, source, mnt_, options, dir_->Join("mount.log"));
    EXPECT_TRUE(mount) << mount.error().ToString();
    return mount ? std::move(*mount) : ScopedMount();
  }

  CommandResult Python(std::vector<std::string> args, std::chrono::seconds timeout = std::chrono::seconds(180)) {
    args.insert(args.begin(), kPython);
    return RunCommand(*dir_, args, timeout);
  }

  // stacfs convert SOURCE -o OUT [extra...]
  void Convert(const std::string& source, const std::string& out, std::vector<std::string> extra = {}) {
    std::vector<std::string> argv{kStacfs, "convert", source, "-o", out};
    argv.insert(argv.end(), extra.begin(), extra.end());
    CommandResult r = RunCommand(*dir_, argv);
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }

  std::string Stats() { return Slurp(mnt_ + "/.stacfs/stats"); }

  std::optional<TempDir> dir_;
  std::string mnt_;
};

// The number after "name": in the stats JSON (top level or first occurrence).
uint64_t StatField(const std::string& json, const std::string& name) {
  size_t at = json.find("\"" + name + "\":");
  if (at == std::string::npos) return UINT64_MAX;
  return std::stoull(json.substr(at + name.size() + 3));
}

TEST_F(MountStoreTest, ConvertedLocalReferencesReadAsTheSource) {
  std::string refs = dir_->Join("tas.json");
  Convert(kSample, refs);
  ScopedMount mount = Mount(refs);
  CommandResult check = Python({kSourceDir + "/tests/mount/check_store.py", mnt_, kSample});
  EXPECT_EQ(check.exit_code, 0) << check.output << mount.Log();
  EXPECT_NE(check.output.find("OK 5 variables"), std::string::npos) << check.output;

  // A second full read is served from the kernel's and the daemon's caches: no new fetches.
  std::string before = Stats();
  check = Python({kSourceDir + "/tests/mount/check_store.py", mnt_, kSample, "--no-xarray"});
  EXPECT_EQ(check.exit_code, 0) << check.output;
  std::string after = Stats();
  EXPECT_EQ(StatField(after, "misses"), StatField(before, "misses")) << before << "\n" << after;
  EXPECT_EQ(StatField(after, "errors"), 0u) << after;

  Result<int> exit = mount.Unmount();
  ASSERT_TRUE(exit) << exit.error().ToString();
  EXPECT_EQ(*exit, 0) << mount.Log();
  EXPECT_FALSE(ScopedMount::IsMounted(mnt_));
}

TEST_F(MountStoreTest, HttpReferencesPlainAndZstdReadAsTheSource) {
  STACFS_SKIP_UNLESS_NGINX();
  std::string www = dir_->Join("www");
  ASSERT_EQ(mkdir(www.c_str(), 0755), 0);
  ASSERT_TRUE(WriteFileAtomically(www + "/tas_sample.nc", Slurp(kSample)));
  auto server = NginxServer::Start(www);
  ASSERT_TRUE(server) << server.error().ToString();
  Convert(kSample, www + "/tas.json", {"--url-prefix", (*server)->Url("")});
  std::string json = Slurp(www + "/tas.json");
  std::string zst(ZSTD_compressBound(json.size()), '\0');
  size_t n = ZSTD_compress(zst.data(), zst.size(), json.data(), json.size(), 3);
  ASSERT_FALSE(ZSTD_isError(n));
  zst.resize(n);
  ASSERT_TRUE(WriteFileAtomically(www + "/tas.json.zst", zst));

  for (std::string name : {"tas.json", "tas.json.zst"}) {
    SCOPED_TRACE(name);
    ScopedMount mount = Mount((*server)->Url(name));
    CommandResult check = Python({kSourceDir + "/tests/mount/check_store.py", mnt_, kSample});
    EXPECT_EQ(check.exit_code, 0) << check.output << mount.Log();
    std::string stats = Stats();
    EXPECT_GT(StatField(stats, "requests"), 0u) << stats;  // the chunks really came over HTTP
    ASSERT_TRUE(mount.Unmount());
  }
}

TEST_F(MountStoreTest, HandWrittenKerchunkStyleReferences) {
  CommandResult made = Python({kSourceDir + "/tests/mount/make_handwritten_refs.py", dir_->path()});
  ASSERT_EQ(made.exit_code, 0) << made.output;
  ScopedMount mount = Mount(dir_->Join("refs.json"));
  CommandResult check = Python({kSourceDir + "/tests/mount/check_handwritten.py", mnt_, dir_->Join("expected.npz")});
  EXPECT_EQ(check.exit_code, 0) << check.output << mount.Log();
  // The absent chunk is absent (readers use the fill value), not an error.
  struct stat st {};
  EXPECT_NE(stat((mnt_ + "/temp/1.1").c_str(), &st), 0);
  EXPECT_EQ(errno, ENOENT);
  // The raw inline chunk's size is its length, known without fetching.
  ASSERT_EQ(stat((mnt_ + "/code/0.0").c_str(), &st), 0);
  EXPECT_EQ(st.st_size, 12);
}

TEST_F(MountStoreTest, SixteenConcurrentReadersGetTheSourceValues) {
  std::string refs = dir_->Join("tas.json");
  Convert(kSample, refs);
  ScopedMount mount = Mount(refs, {"cache_size=64K"});  // small: readers also go to the source
  std::vector<std::unique_ptr<ScopedProcess>> readers;
  for (int i = 0; i < 16; ++i) {
    auto reader = ScopedProcess::Start({kPython, kSourceDir + "/tests/mount/check_store.py", mnt_, kSample,
                                        "--no-xarray"},
                                       dir_->Join("reader" + std::to_string(i) + ".log"));
    ASSERT_TRUE(reader) << reader.error().ToString();
    readers.push_back(std::make_unique<ScopedProcess>(std::move(*reader)));
  }
  for (int i = 0; i < 16; ++i) {
    Result<int> exit = readers[i]->WaitForExit(std::chrono::seconds(240));
    ASSERT_TRUE(exit) << exit.error().ToString();
    EXPECT_EQ(*exit, 0) << Slurp(dir_->Join("reader" + std::to_string(i) + ".log"));
  }
  EXPECT_EQ(StatField(Stats(), "errors"), 0u) << Stats();
}

TEST_F(MountStoreTest, AMissingSourceObjectFailsItsChunksOnly) {
  std::string copy = dir_->Join("copy.nc");
  ASSERT_TRUE(WriteFileAtomically(copy, Slurp(kSample)));
  std::string refs = dir_->Join("tas.json");
  Convert(kSample, refs);
  Convert(copy, dir_->Join("copy.json"));
  // Point one array's chunks at a file that does not exist.
  std::string text = Slurp(dir_->Join("copy.json"));
  ASSERT_TRUE(WriteFileAtomically(refs, text));
  ASSERT_EQ(unlink(copy.c_str()), 0);
  ScopedMount mount = Mount(refs);
  std::string chunk;
  DIR* d = opendir((mnt_ + "/tas").c_str());
  ASSERT_NE(d, nullptr);
  while (dirent* e = readdir(d)) {
    if (e->d_name[0] != '.') chunk = e->d_name;
  }
  closedir(d);
  ASSERT_FALSE(chunk.empty());
  int fd = open((mnt_ + "/tas/" + chunk).c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  char buffer[4096];
  errno = 0;
  EXPECT_LT(read(fd, buffer, sizeof buffer), 0);
  EXPECT_EQ(errno, ENOENT) << "a chunk whose object is gone fails; it is never zero-filled";
  close(fd);
  // The metadata (held in the references) and the stats still answer: the mount is up.
  EXPECT_FALSE(Slurp(mnt_ + "/tas/.zarray").empty());
  EXPECT_GE(StatField(Stats(), "errors"), 1u);
  EXPECT_TRUE(ScopedMount::IsMounted(mnt_));
  EXPECT_NE(mount.Log().find("copy.nc"), std::string::npos) << "the log names the missing object: " << mount.Log();
}

TEST_F(MountStoreTest, WritesAreRefused) {
  std::string refs = dir_->Join("tas.json");
  Convert(kSample, refs);
  ScopedMount mount = Mount(refs);
  EXPECT_LT(open((mnt_ + "/new").c_str(), O_CREAT | O_WRONLY, 0644), 0);
  EXPECT_EQ(errno, EROFS);
  EXPECT_LT(open((mnt_ + "/.zgroup").c_str(), O_WRONLY), 0);
  EXPECT_EQ(errno, EROFS);
  EXPECT_NE(mkdir((mnt_ + "/d").c_str(), 0755), 0);
  EXPECT_EQ(errno, EROFS);
  EXPECT_NE(unlink((mnt_ + "/.zgroup").c_str()), 0);
  EXPECT_EQ(errno, EROFS);
}

TEST_F(MountStoreTest, BadSourcesFailTheCommandWithOneClearLine) {
  ASSERT_TRUE(dir_->WriteFile("garbage.json", "{\"not\": \"references\""));
  ASSERT_TRUE(dir_->WriteFile("other.json", "{\"type\": \"FeatureCollection\"}"));
  struct Case {
    std::vector<std::string> argv;
    std::string expect;
  } cases[] = {
      {{kStacfs, "mount", dir_->Join("absent.json"), mnt_}, "absent.json"},
      {{kStacfs, "mount", dir_->Join("garbage.json"), mnt_}, "garbage.json"},
      {{kStacfs, "mount", dir_->Join("other.json"), mnt_}, "neither Kerchunk references"},
      {{kStacfs, "mount", kSample, dir_->Join("no-such-dir")}, "no-such-dir"},
      {{kStacfs, "mount", dir_->Join("garbage.json"), mnt_, "-o", "frobnicate"}, "frobnicate"},
      {{kStacfs, "mount", dir_->Join("garbage.json"), mnt_, "-o", "rw"}, "read-only"},
  };
  for (const Case& c : cases) {
    CommandResult r = RunCommand(*dir_, c.argv, std::chrono::seconds(60));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find(c.expect), std::string::npos) << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
    EXPECT_FALSE(ScopedMount::IsMounted(mnt_));
  }
}

// Without -f the command returns once the mount is ready; unmounting ends the daemon.
TEST_F(MountStoreTest, BackgroundMountIsReadyWhenTheCommandReturns) {
  std::string refs = dir_->Join("tas.json");
  Convert(kSample, refs);
  CommandResult r = RunCommand(*dir_, {kStacfs, "mount", refs, mnt_}, std::chrono::seconds(60));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  ASSERT_TRUE(ScopedMount::IsMounted(mnt_));
  EXPECT_EQ(Slurp(mnt_ + "/.zgroup"), R"({"zarr_format":2})");
  // The daemon is the process whose command line names our (unique) mount point.
  pid_t daemon = -1;
  if (DIR* proc = opendir("/proc")) {
    while (dirent* e = readdir(proc)) {
      std::string cmdline = Slurp(std::string("/proc/") + e->d_name + "/cmdline");
      std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
      if (cmdline.find(kStacfs + " mount") == 0 && cmdline.find(mnt_) != std::string::npos) {
        daemon = std::atoi(e->d_name);
      }
    }
    closedir(proc);
  }
  ASSERT_GT(daemon, 0);
  CommandResult u = RunCommand(*dir_, {"/usr/bin/fusermount3", "-u", mnt_}, std::chrono::seconds(30));
  EXPECT_EQ(u.exit_code, 0) << u.output;
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (kill(daemon, 0) == 0 && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  bool exited = kill(daemon, 0) != 0;
  if (!exited) kill(daemon, SIGKILL);  // ours: started by this test
  EXPECT_TRUE(exited) << "the daemon did not exit after its unmount";
}

// The section named `name` of the stats JSON, from its key on (StatField then reads its fields).
std::string StatSection(const std::string& json, const std::string& name) {
  size_t at = json.find("\"" + name + "\":");
  return at == std::string::npos ? std::string() : json.substr(at);
}

TEST_F(MountStoreTest, DiskCacheServesASecondMountAndSurvivesACorruptEntry) {
  std::string refs = dir_->Join("tas.json");
  Convert(kSample, refs);
  std::string cache = dir_->Join("cache");
  std::vector<std::string> options{"cache_dir=" + cache + ",cache_disk_size=256M"};
  {
    ScopedMount mount = Mount(refs, options);
    CommandResult check = Python({kSourceDir + "/tests/mount/check_store.py", mnt_, kSample, "--no-xarray"});
    EXPECT_EQ(check.exit_code, 0) << check.output << mount.Log();
    std::string disk = StatSection(Stats(), "disk_cache");
    ASSERT_FALSE(disk.empty()) << Stats();
    EXPECT_GT(StatField(disk, "misses"), 0u) << disk;
    EXPECT_GT(StatField(disk, "entries"), 0u) << disk;
    ASSERT_TRUE(mount.Unmount());
  }
  struct stat st {};
  ASSERT_EQ(stat(cache.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);

  // A new mount on the same cache: every fetch — the references, each chunk — is a disk hit;
  // no request reaches the files.
  {
    ScopedMount mount = Mount(refs, options);
    CommandResult check = Python({kSourceDir + "/tests/mount/check_store.py", mnt_, kSample, "--no-xarray"});
    EXPECT_EQ(check.exit_code, 0) << check.output << mount.Log();
    std::string disk = StatSection(Stats(), "disk_cache");
    EXPECT_GT(StatField(disk, "hits"), 1u) << disk;
    EXPECT_EQ(StatField(disk, "misses"), 0u) << disk;
    EXPECT_EQ(StatField(disk, "corrupt_dropped"), 0u) << disk;
    ASSERT_TRUE(mount.Unmount());
  }

  // Flip a byte in the middle of the largest entry: it is dropped and refetched, and
  // the values read are still the source's.
  std::string largest;
  off_t largest_size = 0;
  DIR* d = opendir(cache.c_str());
  ASSERT_NE(d, nullptr);
  while (dirent* e = readdir(d)) {
    std::string path = cache + "/" + e->d_name;
    if (e->d_name[0] != '.' && stat(path.c_str(), &st) == 0 && st.st_size > largest_size) {
      largest = path;
      largest_size = st.st_size;
    }
  }
  closedir(d);
  ASSERT_FALSE(largest.empty());
  std::string entry = Slurp(largest);
  entry[entry.size() / 2] = static_cast<char>(entry[entry.size() / 2] ^ 0x5a);
  ASSERT_TRUE(WriteFileAtomically(largest, entry));
  {
    ScopedMount mount = Mount(refs, options);
    CommandResult check = Python({kSourceDir + "/tests/mount/check_store.py", mnt_, kSample});
    EXPECT_EQ(check.exit_code, 0) << check.output << mount.Log();
    std::string disk = StatSection(Stats(), "disk_cache");
    EXPECT_EQ(StatField(disk, "corrupt_dropped"), 1u) << disk;
    EXPECT_GE(StatField(disk, "misses"), 1u) << disk;
    EXPECT_EQ(StatField(Stats(), "errors"), 0u) << Stats();
    ASSERT_TRUE(mount.Unmount());
  }

  // A cache directory that cannot be made fails the mount at start, naming it.
  std::string file = dir_->Join("not-a-dir");
  ASSERT_TRUE(WriteFileAtomically(file, "x"));
  CommandResult r = RunCommand(*dir_, {kStacfs, "mount", refs, mnt_, "-o", "cache_dir=" + file + "/cache"},
                               std::chrono::seconds(60));
  EXPECT_NE(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find(file + "/cache"), std::string::npos) << r.output;
  EXPECT_FALSE(ScopedMount::IsMounted(mnt_));
}

}  // namespace
}  // namespace stacfs::test
