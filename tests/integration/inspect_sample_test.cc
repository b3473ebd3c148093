// End to end through the `stacfs` binary: the bundled sample's references read from a local
// path and over HTTP from nginx (plain JSON, zstd-compressed, and zstd under a .json name), with
// relative URLs resolved against the reference file's location; every chunk fetched, decoded and
// compared bit for bit with netCDF4-python reading the source (scripts/verify_chunks.py).
#include <zstd.h>


#include <gtest/gtest.h>

#include "tests/support/nginx_server.h"
#include "tests/support/run_command.h"
#include "tests/support/scoped_process.h"
#include "tests/support/skip.h"
#include "tests/support/temp_dir.h"

namespace stacfs::test {
namespace {

const std::string kSourceDir = STACFS_SOURCE_DIR;
const std::string kStacfs = std::string(STACFS_BINARY_DIR) + "/mount-tools/stacfs";
constexpr const char* kPython = "/usr/bin/python3";

std::string ZstdCompress(const std::string& text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3));
  return out;
}

class InspectSampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!IsExecutable(kPython)) GTEST_SKIP() << kPython << " is not installed";
    auto dir = TempDir::Create("stacfs-inspect");
    ASSERT_TRUE(dir.has_value());
    dir_.emplace(std::move(*dir));
    for (const char* name : {"tas_sample.nc", "tas_sample.refs.json"}) {
      auto bytes = ReadWholeFile(kSourceDir + "/sample/" + name);
      ASSERT_TRUE(bytes.has_value());
      ASSERT_TRUE(dir_->WriteFile(name, *bytes));
    }
    refs_json_ = *ReadWholeFile(dir_->Join("tas_sample.refs.json"));
    ASSERT_TRUE(dir_->WriteFile("tas_sample.refs.json.zst", ZstdCompress(refs_json_)));
    ASSERT_TRUE(dir_->WriteFile("disguised.json", ZstdCompress(refs_json_)));
  }

  CommandResult Verify(const std::string& location) {
    return RunCommand(*dir_, {kPython, kSourceDir + "/scripts/verify_chunks.py", kStacfs,
                       dir_->Join("tas_sample.refs.json"), dir_->Join("tas_sample.nc"),
                       "--location", location});
  }

  std::optional<TempDir> dir_;
  std::string refs_json_;
};

TEST_F(InspectSampleTest, LocalReferencesDecodeToTheSourceValues) {
  CommandResult r = Verify(dir_->Join("tas_sample.refs.json"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("27 chunks, 62328 values: all equal"), std::string::npos) << r.output;
}

TEST_F(InspectSampleTest, HttpReferencesPlainAndZstdDecodeToTheSourceValues) {
  STACFS_SKIP_UNLESS_NGINX();
  auto server = NginxServer::Start(dir_->path());
  ASSERT_TRUE(server.has_value()) << server.error().ToString();
  for (const char* name : {"tas_sample.refs.json", "tas_sample.refs.json.zst", "disguised.json"}) {
    CommandResult r = Verify((*server)->Url(name));
    EXPECT_EQ(r.exit_code, 0) << name << ": " << r.output;
    EXPECT_NE(r.output.find("27 chunks, 62328 values: all equal"), std::string::npos) << r.output;
  }
  // The relative URL in the file resolves against the HTTP location, not a local path.
  CommandResult summary = RunCommand(*dir_, {kStacfs, "inspect", (*server)->Url("tas_sample.refs.json")});
  EXPECT_EQ(summary.exit_code, 0) << summary.output;
  EXPECT_NE(summary.output.find((*server)->Url("tas_sample.nc")), std::string::npos) << summary.output;
}

TEST_F(InspectSampleTest, BadInputGivesOneClearErrorLine) {
  STACFS_SKIP_UNLESS_NGINX();
  ASSERT_TRUE(dir_->WriteFile("truncated.json", refs_json_.substr(0, refs_json_.size() / 2)));
  std::string zst = ZstdCompress(refs_json_);
  ASSERT_TRUE(dir_->WriteFile("truncated.json.zst", zst.substr(0, zst.size() - 10)));
  auto server = NginxServer::Start(dir_->path());
  ASSERT_TRUE(server.has_value()) << server.error().ToString();

  struct Case {
    std::vector<std::string> args;
    std::string expected;
  };
  const Case cases[] = {
      {{"inspect", (*server)->Url("missing.json")}, "missing.json"},
      {{"inspect", dir_->Join("truncated.json")}, "truncated.json: malformed JSON"},
      {{"inspect", (*server)->Url("truncated.json.zst")}, "truncated zstd data"},
      {{"inspect", dir_->Join("tas_sample.refs.json"), "--key", "tas/99.0.0"}, "no key 'tas/99.0.0'"},
      {{"inspect", dir_->Join("nothing-here.json")}, "No such file or directory"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> argv = {kStacfs};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    CommandResult r = RunCommand(*dir_, argv);
    EXPECT_EQ(r.exit_code, 1) << c.args[1] << ": " << r.output;
    EXPECT_NE(r.output.find("stacfs: error: "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(c.expected), std::string::npos) << r.output;
  }
}

TEST_F(InspectSampleTest, HelpHasExamples) {
  CommandResult top = RunCommand(*dir_, {kStacfs, "--help"});
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.output.find("Examples:"), std::string::npos) << top.output;
  CommandResult inspect = RunCommand(*dir_, {kStacfs, "inspect", "--help"});
  EXPECT_EQ(inspect.exit_code, 0);
  EXPECT_NE(inspect.output.find("stacfs inspect refs.json --key"), std::string::npos);
  CommandResult unknown = RunCommand(*dir_, {kStacfs, "frobnicate"});
  EXPECT_NE(unknown.exit_code, 0);
}

}  // namespace
}  // namespace stacfs::test
