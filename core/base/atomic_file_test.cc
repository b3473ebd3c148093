// AtomicFile: the final path holds nothing or the whole contents, and no temporary file is
// left behind by a writer that failed or was abandoned.
#include "core/base/atomic_file.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/base/file_util.h"

namespace stacfs {
namespace {

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/stacfs-atomic-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    for (const std::string& name : Entries()) ::unlink((dir_ + "/" + name).c_str());
    ::rmdir(dir_.c_str());
  }
  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    DIR* dir = ::opendir(dir_.c_str());
    if (dir == nullptr) return names;
    while (dirent* entry = ::readdir(dir)) {
      std::string name = entry->d_name;
      if (name != "." && name != "..") names.push_back(name);
    }
    ::closedir(dir);
    return names;
  }
  std::string dir_;
};

TEST_F(AtomicFileTest, SmallPiecesThroughASmallBufferArriveWholeOnCommit) {
  const std::string path = dir_ + "/out.json";
  auto file = AtomicFile::Create(path, 16);
  ASSERT_TRUE(file.has_value()) << file.error().ToString();
  std::string expected;
  for (int i = 0; i < 1000; ++i) {
    std::string piece = std::to_string(i) + (i % 7 == 0 ? std::string(40, 'x') : ",");
    expected += piece;
    ASSERT_TRUE(file->Append(piece).has_value());
  }
  // Nothing is published before Commit, whatever has been flushed to the temporary file.
  EXPECT_EQ(::access(path.c_str(), F_OK), -1);
  ASSERT_TRUE(file->Commit().has_value());
  auto written = ReadFile(path);
  ASSERT_TRUE(written.has_value());
  EXPECT_EQ(*written, expected);
  EXPECT_EQ(Entries(), std::vector<std::string>{"out.json"});
}

TEST_F(AtomicFileTest, AbandonedWriterLeavesNoFileAndKeepsTheOldVersion) {
  const std::string path = dir_ + "/out.json";
  ASSERT_TRUE(WriteFileAtomically(path, "old").has_value());
  {
    auto file = AtomicFile::Create(path, 4);
    ASSERT_TRUE(file.has_value());
    ASSERT_TRUE(file->Append("new contents, flushed in part").has_value());
    EXPECT_EQ(Entries().size(), 2u);  // out.json and the temporary file
  }
  EXPECT_EQ(Entries(), std::vector<std::string>{"out.json"});
  EXPECT_EQ(*ReadFile(path), "old");
}

TEST_F(AtomicFileTest, FailedRenameRemovesTheTemporaryFile) {
  // Renaming a file over a non-empty directory fails.
  const std::string path = dir_ + "/taken";
  ASSERT_EQ(::mkdir(path.c_str(), 0755), 0);
  ASSERT_TRUE(WriteFileAtomically(path + "/inside", "x").has_value());
  auto file = AtomicFile::Create(path);
  ASSERT_TRUE(file.has_value());
  ASSERT_TRUE(file->Append("data").has_value());
  auto committed = file->Commit();
  ASSERT_FALSE(committed.has_value());
  EXPECT_NE(committed.error().ToString().find("rename"), std::string::npos);
  EXPECT_EQ(Entries(), std::vector<std::string>{"taken"});
  ::unlink((path + "/inside").c_str());
  ::rmdir(path.c_str());
}

TEST_F(AtomicFileTest, UncreatableTemporaryFileIsAClearError) {
  auto file = AtomicFile::Create(dir_ + "/no/such/dir/out.json");
  ASSERT_FALSE(file.has_value());
  EXPECT_NE(file.error().ToString().find("create " + dir_ + "/no/such/dir/out.json.tmp."),
            std::string::npos)
      << file.error().ToString();
}

}  // namespace
}  // namespace stacfs
