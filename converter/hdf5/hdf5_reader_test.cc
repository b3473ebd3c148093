// The reader's behaviour on bad input, and the promises it keeps about libhdf5's global state:
// errors name the file, nothing is printed to stderr, the error-printing setting is restored.
#include "converter/hdf5/hdf5_reader.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "converter/hdf5/hdf5_errors.h"
#include "converter/hdf5/hdf5_test_files.h"
#include "converter/hdf5/hdf5_test_util.h"
#include "tests/support/temp_dir.h"

namespace stacfs::converter {
namespace {

using hdf5_testing::CreateDataset;
using hdf5_testing::CreateFile;

// Captures what is written to file descriptor 2 while alive.
class StderrCapture {
 public:
  explicit StderrCapture(const std::string& path) {
    std::fflush(stderr);
    saved_ = ::dup(2);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    ::dup2(fd, 2);
    ::close(fd);
    path_ = path;
  }
  ~StderrCapture() { Restore(); }
  std::string Finish() {
    Restore();
    return test::ReadWholeFile(path_).value_or("");
  }

 private:
  void Restore() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    ::dup2(saved_, 2);
    ::close(saved_);
    saved_ = -1;
  }
  int saved_ = -1;
  std::string path_;
};

class Hdf5ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = test::TempDir::Create("stacfs-hdf5-reader");
    ASSERT_TRUE(dir.has_value());
    dir_.emplace(std::move(*dir));
  }

  // A valid file with a few hundred KB of chunked data.
  std::string WriteValidFile(const std::string& name) {
    const std::string path = dir_->Join(name);
    hdf5::ErrorStackSilencer silencer;
    auto file = CreateFile(path);
    hdf5::PropertyListHandle dcpl(H5Pcreate(H5P_DATASET_CREATE));
    const hsize_t chunk = 1024;
    EXPECT_GE(H5Pset_chunk(dcpl.get(), 1, &chunk), 0);
    std::vector<double> values(64 * 1024);
    for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<double>(i) * 0.5;
    CreateDataset(file.get(), "data", H5T_IEEE_F64LE, {values.size()}, values.data(), dcpl.get());
    return path;
  }

  Error ReadError(const std::string& path) {
    StderrCapture capture(dir_->Join("stderr.txt"));
    Result<Dataset> read = ReadHdf5File(path, ReadOptions{});
    const std::string printed = capture.Finish();
    EXPECT_EQ(printed, "") << "libhdf5 printed to stderr";
    EXPECT_FALSE(read.has_value());
    if (read.has_value()) return Internal("read succeeded");
    EXPECT_NE(read.error().ToString().find(path), std::string::npos) << read.error().ToString();
    return read.error();
  }

  std::optional<test::TempDir> dir_;
};

TEST_F(Hdf5ReaderTest, MissingPath) {
  Error error = ReadError(dir_->Join("absent.nc"));
  EXPECT_EQ(error.code(), ErrorCode::kNotFound) << error.ToString();
}

TEST_F(Hdf5ReaderTest, Directory) {
  Error error = ReadError(dir_->path());
  EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument) << error.ToString();
}

TEST_F(Hdf5ReaderTest, TextFileIsNotHdf5) {
  auto path = dir_->WriteFile("notes.nc", "netcdf is not what this is\n");
  ASSERT_TRUE(path.has_value());
  Error error = ReadError(*path);
  EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(error.ToString().find("not an HDF5"), std::string::npos) << error.ToString();
}

TEST_F(Hdf5ReaderTest, EmptyFile) {
  auto path = dir_->WriteFile("empty.h5", "");
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(ReadError(*path).code(), ErrorCode::kInvalidArgument);
}

TEST_F(Hdf5ReaderTest, TruncatedCopyOfAValidFile) {
  const std::string valid = WriteValidFile("valid.h5");
  auto bytes = test::ReadWholeFile(valid);
  ASSERT_TRUE(bytes.has_value());
  ASSERT_TRUE(ReadHdf5File(valid, ReadOptions{}).has_value());
  for (size_t keep : {bytes->size() / 2, size_t{2048}, size_t{100}}) {
    auto path = dir_->WriteFile("truncated.h5", bytes->substr(0, keep));
    ASSERT_TRUE(path.has_value());
    Error error = ReadError(*path);
    EXPECT_EQ(error.code(), ErrorCode::kCorrupt) << keep << ": " << error.ToString();
    // libhdf5's own reason comes along.
    EXPECT_NE(error.ToString().find("truncated"), std::string::npos) << error.ToString();
  }
}

TEST_F(Hdf5ReaderTest, UnreadableFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads any file";
  const std::string path = WriteValidFile("locked.h5");
  ASSERT_EQ(::chmod(path.c_str(), 0), 0);
  Error error = ReadError(path);
  EXPECT_EQ(error.code(), ErrorCode::kPermissionDenied) << error.ToString();
}

// Flipped bytes anywhere in a small valid file: an error or a Dataset, never a crash, and
// nothing printed.
TEST_F(Hdf5ReaderTest, DamagedBytesGiveErrorsNotCrashes) {
  const std::string valid = WriteValidFile("base.h5");
  auto bytes = test::ReadWholeFile(valid);
  ASSERT_TRUE(bytes.has_value());
  // Metadata sits at the start of a file libhdf5 wrote in one go; damage it there.
  int errors = 0;
  for (size_t offset = 0; offset < std::min<size_t>(bytes->size(), 4096); offset += 61) {
    std::string damaged = *bytes;
    damaged[offset] = static_cast<char>(damaged[offset] ^ 0x5a);
    auto path = dir_->WriteFile("damaged.h5", damaged);
    ASSERT_TRUE(path.has_value());
    StderrCapture capture(dir_->Join("stderr.txt"));
    Result<Dataset> read = ReadHdf5File(*path, ReadOptions{});
    EXPECT_EQ(capture.Finish(), "") << "offset " << offset;
    if (!read) {
      ++errors;
      EXPECT_NE(read.error().ToString().find(*path), std::string::npos);
      continue;
    }
    // What reads must still read back through its references without crashing.
    for (const Variable& variable : read->variables) {
      (void)hdf5_testing::ReadBack(*read, variable);
    }
  }
  std::printf("  %d of the damaged copies were refused\n", errors);
}

TEST_F(Hdf5ReaderTest, ErrorPrintingSettingIsRestored) {
  // A host program's own handler must survive a conversion, failed or not.
  H5E_auto2_t before = nullptr;
  void* before_data = nullptr;
  ASSERT_GE(H5Eget_auto2(H5E_DEFAULT, &before, &before_data), 0);
  (void)ReadHdf5File(dir_->Join("absent.nc"), ReadOptions{});
  (void)ReadHdf5File(WriteValidFile("ok.h5"), ReadOptions{});
  H5E_auto2_t after = nullptr;
  void* after_data = nullptr;
  ASSERT_GE(H5Eget_auto2(H5E_DEFAULT, &after, &after_data), 0);
  EXPECT_EQ(before, after);
  EXPECT_EQ(before_data, after_data);
}

TEST_F(Hdf5ReaderTest, HardLinkCycleIsWalkedOnce) {
  const std::string path = dir_->Join("cycle.h5");
  {
    hdf5::ErrorStackSilencer silencer;
    auto file = CreateFile(path);
    hdf5::GroupHandle group(H5Gcreate2(file.get(), "g", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    const int32_t values[] = {1, 2};
    CreateDataset(group.get(), "v", H5T_STD_I32LE, {2}, values);
    ASSERT_GE(H5Lcreate_hard(file.get(), "/", group.get(), "up", H5P_DEFAULT, H5P_DEFAULT), 0);
  }
  Result<Dataset> read = ReadHdf5File(path, ReadOptions{});
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  ASSERT_EQ(read->variables.size(), 1u);
  EXPECT_EQ(read->variables[0].path, "g/v");
  ASSERT_EQ(read->warnings.size(), 1u);
  EXPECT_EQ(read->warnings[0],
            "group 'g/up' not followed: it was reached before through another link");
}

TEST_F(Hdf5ReaderTest, ScalarsAndCompactData) {
  const std::string path = dir_->Join("small.h5");
  {
    hdf5::ErrorStackSilencer silencer;
    auto file = CreateFile(path, /*track_order=*/true);
    const double pi = 3.25;
    CreateDataset(file.get(), "scalar", H5T_IEEE_F64BE, {}, &pi, H5P_DEFAULT, {},
                  H5T_NATIVE_DOUBLE);
    hdf5::PropertyListHandle dcpl(H5Pcreate(H5P_DATASET_CREATE));
    ASSERT_GE(H5Pset_layout(dcpl.get(), H5D_COMPACT), 0);
    const int16_t small[] = {1, -2, 3};
    CreateDataset(file.get(), "compact", H5T_STD_I16BE, {3}, small, dcpl.get(), {},
                  H5T_NATIVE_INT16);
  }
  Result<Dataset> read = ReadHdf5File(path, ReadOptions{});
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  ASSERT_EQ(read->variables.size(), 2u);
  const Variable& scalar = read->variables[0];  // creation order
  EXPECT_EQ(scalar.path, "scalar");
  EXPECT_TRUE(scalar.zarray.shape.empty());
  EXPECT_TRUE(scalar.zarray.chunks.empty());
  EXPECT_TRUE(scalar.dims.empty());
  EXPECT_EQ(scalar.zarray.dtype.ToString(), ">f8");
  EXPECT_EQ(scalar.chunks.size(), 1u);
  auto value = hdf5_testing::ReadBack(*read, scalar);
  ASSERT_TRUE(value.has_value()) << value.error().ToString();
  EXPECT_EQ(value->bytes, std::string("\x40\x0a\x00\x00\x00\x00\x00\x00", 8));
  const Variable& compact = read->variables[1];
  EXPECT_EQ(compact.zarray.dtype.ToString(), ">i2");
  EXPECT_TRUE(compact.chunks.empty());
  ASSERT_EQ(compact.inline_chunks.size(), 1u);
  EXPECT_EQ(compact.inline_chunks[0].bytes, std::string("\x00\x01\xff\xfe\x00\x03", 6));
}

}  // namespace
}  // namespace stacfs::converter
