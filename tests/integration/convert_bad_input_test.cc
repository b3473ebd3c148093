// `stacfs convert` on bad input, end to end through the binary: truncated and corrupt netCDF3
// and netCDF4 files (made by ncgen, then cut or overwritten), files that are not netCDF, an
// empty file, paths that cannot be read, unsupported HDF5 types, and a bad file among good
// ones, in one process and with --jobs. Each failure must give a non-zero exit, exactly one
// error line naming the file and the problem, and leave the output directory empty (no
// reference file, no temporary file, no workers' directory).
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <random>

#include <gtest/gtest.h>

#include "tests/support/run_command.h"
#include "tests/support/scoped_process.h"
#include "tests/support/temp_dir.h"

namespace stacfs::test {
namespace {

const std::string kStacfs = std::string(STACFS_BINARY_DIR) + "/mount-tools/stacfs";
constexpr const char* kNcgen = "/usr/bin/ncgen";
constexpr const char* kPython = "/usr/bin/python3";
constexpr std::chrono::seconds kCommandTimeout{60};

// A netCDF3 file with a record dimension and record variables of three types, so that a cut
// in the data leaves a record past the end of the file.
constexpr const char* kRecordsCdl = R"(netcdf records {
dimensions:
  time = UNLIMITED ;
  x = 3 ;
variables:
  double time(time) ;
    time:units = "days since 2000-01-01" ;
  short s(time, x) ;
  float f(time) ;
data:
  time = 0, 1, 2, 3 ;
  s = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 ;
  f = 0.5, 1.5, 2.5, 3.5 ;
}
)";

// A netCDF4 file with a chunked, deflated variable.
constexpr const char* kChunkedCdl = R"(netcdf chunked {
dimensions:
  x = 64 ;
variables:
  float v(x) ;
    v:_ChunkSizes = 8 ;
    v:_DeflateLevel = 1 ;
data:
  v = 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
      24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45,
      46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63 ;
}
)";

// A netCDF4 file with what a corrupt byte can hit hardest: coordinate variables (dimension
// scales and their references), a variable-length string variable (HDF5's global heap), a
// deflated chunked variable and a group.
constexpr const char* kRichCdl = R"(netcdf rich {
dimensions:
  time = UNLIMITED ;
  station = 3 ;
variables:
  double time(time) ;
    time:units = "days since 2000-01-01" ;
  float station(station) ;
  float tas(time, station) ;
    tas:_ChunkSizes = 1, 3 ;
    tas:_DeflateLevel = 2 ;
    tas:units = "K" ;
  string name(station) ;
  :title = "rich" ;
data:
  time = 0, 1, 2, 3 ;
  station = 10, 20, 30 ;
  tas = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 ;
  name = "Oslo", "Zürich", "Nairobi" ;

group: extra {
  variables:
    int counts(station) ;
  data:
    counts = 1, 2, 3 ;
  }
}
)";

// HDF5 types the references cannot express: a compound and a variable-length int sequence,
// next to a plain variable that must still be converted.
constexpr const char* kUnsupportedTypesPy = R"(
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "w") as f:
    f["plain"] = np.arange(4, dtype="f4")
    f["pair"] = np.array([(1, 2.0), (3, 4.0)], dtype=[("a", "i4"), ("b", "f8")])
    ragged = f.create_dataset("ragged", (2,), dtype=h5py.vlen_dtype(np.dtype("int32")))
    ragged[0] = [1, 2, 3]
    ragged[1] = [4]
)";

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::vector<std::string> DirectoryEntries(const std::string& path) {
  std::vector<std::string> names;
  if (DIR* dir = ::opendir(path.c_str())) {
    while (const dirent* entry = ::readdir(dir)) {
      std::string name = entry->d_name;
      if (name != "." && name != "..") names.push_back(name);
    }
    ::closedir(dir);
  }
  return names;
}

class ConvertBadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!IsExecutable(kNcgen)) GTEST_SKIP() << kNcgen << " is not installed (netcdf-bin)";
    auto dir = TempDir::Create("stacfs-convert-bad");
    ASSERT_TRUE(dir.has_value());
    dir_.emplace(std::move(*dir));
    for (auto [name, cdl, kind] : {std::tuple{"records", kRecordsCdl, "classic"},
                                   std::tuple{"chunked", kChunkedCdl, "nc4"},
                                   std::tuple{"rich", kRichCdl, "nc4"}}) {
      std::string cdl_path = *dir_->WriteFile(std::string(name) + ".cdl", cdl);
      CommandResult made = RunCommand(*dir_, {kNcgen, "-k", kind, "-o",
                                              dir_->Join(std::string(name) + ".nc"), cdl_path});
      ASSERT_EQ(made.exit_code, 0) << made.output;
    }
    records_ = *ReadWholeFile(dir_->Join("records.nc"));
    chunked_ = *ReadWholeFile(dir_->Join("chunked.nc"));
    rich_ = *ReadWholeFile(dir_->Join("rich.nc"));
    ASSERT_GT(chunked_.size(), 2048u);
    ASSERT_EQ(records_.substr(0, 4), std::string("CDF\x01", 4));
  }

  // Runs `stacfs convert ARGS... -o <fresh dir>/refs.json`; the fresh directory's path is
  // stored in `out_dir`.
  CommandResult Convert(const std::vector<std::string>& args, std::string* out_dir,
                        std::chrono::seconds timeout = kCommandTimeout) {
    *out_dir = dir_->Join("out" + std::to_string(++runs_));
    EXPECT_EQ(::mkdir(out_dir->c_str(), 0755), 0);
    std::vector<std::string> argv = {kStacfs, "convert"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), {"-o", *out_dir + "/refs.json"});
    return RunCommand(*dir_, argv, timeout);
  }

  // The failure contract; `file` and `problem` must both be on the one error line.
  void ExpectCleanFailure(const std::vector<std::string>& args, const std::string& file,
                          const std::string& problem) {
    std::string out_dir;
    CommandResult r = Convert(args, &out_dir);
    std::string what = "convert " + args.front() + (args.size() > 1 ? " ..." : "");
    EXPECT_EQ(r.exit_code, 1) << what << ":\n" << r.output;
    std::vector<std::string> errors;
    for (const std::string& line : Lines(r.output)) {
      if (line.starts_with("stacfs: error: ")) {
        errors.push_back(line);
      } else {
        EXPECT_TRUE(line.starts_with("stacfs: warning: ")) << what << ": unexpected line: " << line;
      }
    }
    ASSERT_EQ(errors.size(), 1u) << what << ":\n" << r.output;
    EXPECT_NE(errors[0].find(file), std::string::npos) << what << ": " << errors[0];
    EXPECT_NE(errors[0].find(problem), std::string::npos) << what << ": " << errors[0];
    EXPECT_EQ(DirectoryEntries(out_dir), std::vector<std::string>{}) << what;
  }

  std::string Write(const std::string& name, const std::string& bytes) {
    return *dir_->WriteFile(name, bytes);
  }

  std::optional<TempDir> dir_;
  std::string records_;
  std::string chunked_;
  std::string rich_;
  int runs_ = 0;
};

TEST_F(ConvertBadInputTest, TruncatedNetcdf4) {
  // Cut in the middle of the data, and cut just after the superblock.
  std::string half = Write("half.nc", chunked_.substr(0, chunked_.size() / 2));
  ExpectCleanFailure({half}, half, "truncated file");
  std::string head = Write("head.nc", chunked_.substr(0, 100));
  ExpectCleanFailure({head}, head, "truncated file");
}

TEST_F(ConvertBadInputTest, TruncatedNetcdf3) {
  std::string header_cut = Write("header_cut.nc", records_.substr(0, 50));
  ExpectCleanFailure({header_cut}, header_cut, "truncated header");
  // The header is whole but the last record is not: a record variable lies past the end.
  std::string data_cut = Write("data_cut.nc", records_.substr(0, records_.size() - 20));
  ExpectCleanFailure({data_cut}, data_cut, "past the end of the file");
}

TEST_F(ConvertBadInputTest, CorruptHdf5Superblock) {
  std::string bytes = chunked_;
  // Keep the signature (so it is still recognised as HDF5), overwrite the version fields.
  for (size_t i = 8; i < 32; ++i) bytes[i] = static_cast<char>(0xA5);
  std::string path = Write("bad_superblock.nc", bytes);
  ExpectCleanFailure({path}, path, "superblock");
}

TEST_F(ConvertBadInputTest, NotNetcdf) {
  std::string text = Write("notes.nc", "temperature,time\n280.5,0\n281.0,1\n");
  ExpectCleanFailure({text}, text, "not a netCDF or HDF5 file");
  std::string png = Write("picture.nc", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01", 24));
  ExpectCleanFailure({png}, png, "not a netCDF or HDF5 file");
  std::string empty = Write("empty.nc", "");
  ExpectCleanFailure({empty}, empty, "the file is empty");
}

TEST_F(ConvertBadInputTest, UnreadablePaths) {
  ExpectCleanFailure({dir_->Join("missing.nc")}, dir_->Join("missing.nc"), "No such file or directory");
  ExpectCleanFailure({dir_->Join("no-*-match.nc")}, "no-*-match.nc", "no file matches");
  std::string directory = dir_->Join("a_directory.nc");
  ASSERT_EQ(::mkdir(directory.c_str(), 0755), 0);
  ExpectCleanFailure({directory}, directory, "not a regular file");
  if (::geteuid() != 0) {  // root reads any file: the permission check cannot fail for it
    std::string locked = Write("locked.nc", records_);
    ASSERT_EQ(::chmod(locked.c_str(), 0), 0);
    ExpectCleanFailure({locked}, locked, "Permission denied");
  }
  // An output directory that does not exist.
  std::string records = Write("ok.nc", records_);
  CommandResult r = RunCommand(*dir_, {kStacfs, "convert", records, "-o", dir_->Join("nowhere/refs.json")},
                               kCommandTimeout);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("stacfs: error: create " + dir_->Join("nowhere/refs.json")), std::string::npos)
      << r.output;
}

TEST_F(ConvertBadInputTest, UnsupportedHdf5TypesAreSkippedByName) {
  if (!IsExecutable(kPython)) GTEST_SKIP() << kPython << " is not installed";
  std::string script = Write("make_types.py", kUnsupportedTypesPy);
  std::string path = dir_->Join("types.h5");
  CommandResult made = RunCommand(*dir_, {kPython, script, path}, kCommandTimeout);
  ASSERT_EQ(made.exit_code, 0) << made.output;
  std::string out_dir;
  CommandResult r = Convert({path}, &out_dir);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("stacfs: warning: " + path + ": variable 'pair' skipped: compound type"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("stacfs: warning: " + path + ": variable 'ragged' skipped: variable-length"),
            std::string::npos)
      << r.output;
  std::string refs = *ReadWholeFile(out_dir + "/refs.json");
  EXPECT_NE(refs.find("\"plain/.zarray\""), std::string::npos) << refs;
  EXPECT_EQ(refs.find("\"pair/"), std::string::npos) << refs;
  EXPECT_EQ(refs.find("\"ragged/"), std::string::npos) << refs;
  EXPECT_EQ(DirectoryEntries(out_dir), std::vector<std::string>{"refs.json"});
}

TEST_F(ConvertBadInputTest, OneCorruptFileAmongGoodOnesFailsTheWholeConversion) {
  // Three parts of one series; the middle one is cut short. Nothing may be written, in one
  // process or with worker processes (whose own error line must be the only one).
  std::string first = Write("part1.nc", records_);
  std::string bad = Write("part2.nc", records_.substr(0, records_.size() - 20));
  std::string netcdf4_bad = Write("part3.nc", chunked_.substr(0, chunked_.size() / 2));
  ExpectCleanFailure({first, bad}, bad, "past the end of the file");
  ExpectCleanFailure({first, bad, "--jobs", "2"}, bad, "past the end of the file");
  ExpectCleanFailure({first, netcdf4_bad, "--jobs", "2"}, netcdf4_bad, "truncated file");
}

// Random damage (seeded, so every run tries the same files): bytes overwritten with noise or
// zeros, or the file cut anywhere. Whatever the damage, the conversion either succeeds
// (warnings allowed) with a complete output, or fails with exactly one error line naming the
// file and leaves nothing: never a crash, a core dump or a second line. This is how libhdf5's
// crashes on damaged vlen strings were found (read_crash_guard.h).
TEST_F(ConvertBadInputTest, RandomDamageEndsInOneLineOrAWholeOutput) {
  std::mt19937 random(20261125);
  int failures_seen = 0, successes_seen = 0, hangs = 0;
  for (const std::string* original : {&rich_, &records_}) {
    for (int round = 0; round < 70; ++round) {
      std::string bytes = *original;
      const int mode = static_cast<int>(random() % 3);
      if (mode == 0) {
        bytes.resize(random() % bytes.size());
      } else {
        size_t at = random() % bytes.size();
        size_t length = 1 + random() % 16;
        for (size_t i = at; i < std::min(bytes.size(), at + length); ++i) {
          bytes[i] = mode == 1 ? static_cast<char>(random()) : '\0';
        }
      }
      std::string path = Write("damaged.nc", bytes);
      std::string out_dir;
      CommandResult r = Convert({path}, &out_dir, std::chrono::seconds(15));
      std::string what = "round " + std::to_string(round) + " mode " + std::to_string(mode);
      if (r.exit_code == -1) {
        // libhdf5 1.10.8 can loop forever on some damaged metadata (its global heap reader);
        // RunCommand has killed it. Counted and printed, not hidden: see the report below.
        ++hangs;
        continue;
      }
      std::vector<std::string> errors;
      for (const std::string& line : Lines(r.output)) {
        if (line.starts_with("stacfs: error: ")) {
          errors.push_back(line);
        } else {
          EXPECT_TRUE(line.starts_with("stacfs: warning: ") || line.starts_with("wrote "))
              << what << ": unexpected line: " << line;
        }
      }
      if (r.exit_code == 0) {
        ++successes_seen;
        EXPECT_TRUE(errors.empty()) << what << ":\n" << r.output;
        EXPECT_EQ(DirectoryEntries(out_dir), std::vector<std::string>{"refs.json"}) << what;
      } else {
        ++failures_seen;
        EXPECT_EQ(r.exit_code, 1) << what << ":\n" << r.output;
        ASSERT_EQ(errors.size(), 1u) << what << ":\n" << r.output;
        EXPECT_NE(errors[0].find(path), std::string::npos) << what << ": " << errors[0];
        EXPECT_EQ(DirectoryEntries(out_dir), std::vector<std::string>{}) << what;
      }
    }
  }
  std::printf("damaged files: %d converted, %d refused, %d killed after hanging in libhdf5\n",
              successes_seen, failures_seen, hangs);
  EXPECT_GT(failures_seen, 20);  // the damage is real
  EXPECT_LE(hangs, 2);           // a known libhdf5 hang is rare; many would be a new problem
}

}  // namespace
}  // namespace stacfs::test
