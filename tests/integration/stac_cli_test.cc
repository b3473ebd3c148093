// End to end through the `stacfs` binary: `stacfs collections` and `stacfs search` against the
// STAC test server and a static catalog (nginx and local path) — tables sized to the terminal,
// one JSON object per line, --max-items exact, and every failure as one clear line with a
// non-zero exit.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <sstream>

#include "tests/integration/stac_server_process.h"
#include "tests/support/nginx_server.h"
#include "tests/support/run_command.h"
#include "tests/support/skip.h"
#include "tests/support/temp_dir.h"

namespace stacfs::test {
namespace {

const std::string kStacfs = std::string(STACFS_BINARY_DIR) + "/mount-tools/stacfs";

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Lines that are JSON objects (the summary and errors go to stderr, which RunCommand mixes in).
std::vector<std::string> JsonLines(const std::string& text) {
  std::vector<std::string> out;
  for (const std::string& line : Lines(text)) {
    if (!line.empty() && line.front() == '{') out.push_back(line);
  }
  return out;
}

std::string IdOf(const std::string& json_line) {
  size_t at = json_line.find("\"id\":\"");
  if (at == std::string::npos) return "";
  size_t end = json_line.find('"', at + 6);
  return json_line.substr(at + 6, end - at - 6);
}

class StacCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (StacServer::MissingReason() || !IsExecutable(kStacfs)) return;
    auto started = StacServer::Start({"--synthetic", "25", "--data", StacServer::StaticCatalogDir()});
    ASSERT_TRUE(started.has_value()) << started.error().ToString();
    server_ = started->release();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    STACFS_SKIP_UNLESS_STAC_SERVER();
    STACFS_SKIP_UNLESS_EXECUTABLE(kStacfs);
    auto dir = TempDir::Create("stacfs-stac-cli");
    ASSERT_TRUE(dir.has_value());
    dir_.emplace(std::move(*dir));
    // Output goes to a file, not a terminal: the width then comes from $COLUMNS.
    unsetenv("COLUMNS");
  }

  CommandResult Stacfs(std::vector<std::string> args) {
    args.insert(args.begin(), kStacfs);
    return RunCommand(*dir_, args, std::chrono::seconds(60));
  }

  static StacServer* server_;
  std::optional<TempDir> dir_;
};

StacServer* StacCliTest::server_ = nullptr;

TEST_F(StacCliTest, CollectionsTableAndJson) {
  CommandResult table = Stacfs({"collections", server_->Url("/")});
  ASSERT_EQ(table.exit_code, 0) << table.output;
  std::vector<std::string> lines = Lines(table.output);
  ASSERT_GE(lines.size(), 6u) << table.output;
  EXPECT_EQ(lines[0].rfind("ID ", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find("TITLE"), std::string::npos);
  EXPECT_NE(table.output.find("era5-sample"), std::string::npos);
  EXPECT_NE(table.output.find("2020-01-01/2020-04-30"), std::string::npos);
  EXPECT_NE(table.output.find("5 collections in " + server_->Url("/")), std::string::npos) << table.output;

  CommandResult json = Stacfs({"collections", server_->Url("/"), "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.output;
  std::vector<std::string> objects = JsonLines(json.output);
  ASSERT_EQ(objects.size(), 5u) << json.output;
  EXPECT_EQ(IdOf(objects[0]), "cmip6");
  EXPECT_EQ(Lines(json.output).size(), 5u) << "--json prints nothing but the objects";
}

TEST_F(StacCliTest, TablesFitTheTerminalAndStayAligned) {
  for (const char* columns : {"", "80", "160"}) {
    if (*columns) setenv("COLUMNS", columns, 1);
    const size_t width = *columns ? std::stoul(columns) : 100;  // 100 without a terminal
    CommandResult r = Stacfs({"search", server_->Url("/"), "--collections", "cmip6,synthetic-a"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    std::vector<std::string> lines = Lines(r.output);
    const size_t id_column = lines[0].find("ID");
    const size_t datetime_column = lines[0].find("DATETIME");
    ASSERT_NE(datetime_column, std::string::npos) << lines[0];
    size_t rows = 0;
    for (const std::string& line : lines) {
      if (line.rfind("cmip6 ", 0) != 0 && line.rfind("synthetic-a ", 0) != 0) continue;
      ++rows;
      EXPECT_LE(line.size(), width) << line;
      EXPECT_NE(line[id_column], ' ') << line;
      EXPECT_EQ(line[datetime_column - 1], ' ') << line;
      EXPECT_NE(line[datetime_column], ' ') << line;
    }
    EXPECT_EQ(rows, 16u) << r.output;
    EXPECT_NE(r.output.find("kerchunk:refer"), std::string::npos) << r.output;
    // Long ids are cut in the middle: the end, which tells one dataset's items apart, stays.
    EXPECT_NE(r.output.find("v20190406  1850-01-16"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("16 items from 2 pages, 16 matched"), std::string::npos) << r.output;
    unsetenv("COLUMNS");
  }
}

TEST_F(StacCliTest, SearchOptionsAsTheIssueSpellsThem) {
  CommandResult r = Stacfs({"search", server_->Url("/"), "--collections", "synthetic-a,synthetic-b",
                            "--bbox", "-180,-90,180,90", "--datetime", "2020-01-03/2020-01-20",
                            "--query", "n>=4", "--query", "parity=even", "--sortby", "-n",
                            "--fields", "id,properties.n", "--limit", "2", "--max-items", "3",
                            "--method", "GET", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::vector<std::string> objects = JsonLines(r.output);
  ASSERT_EQ(objects.size(), 3u) << r.output;
  EXPECT_EQ(objects[0], R"({"type":"Feature","id":"item-0018","properties":{"n":18}})");
  EXPECT_EQ(IdOf(objects[1]), "item-0016");
  EXPECT_EQ(IdOf(objects[2]), "item-0014");

  CommandResult post = Stacfs({"search", server_->Url("/"), "--ids", "item-0001,item-0002",
                               "--intersects", R"({"type":"Point","coordinates":[-172.5,1.5]})",
                               "--filter", "n < 5", "--filter-lang", "cql2-text", "--method", "post",
                               "--json"});
  ASSERT_EQ(post.exit_code, 0) << post.output;
  ASSERT_EQ(JsonLines(post.output).size(), 1u) << post.output;
  EXPECT_EQ(IdOf(JsonLines(post.output)[0]), "item-0001");
  auto last = server_->LastSearch();
  ASSERT_TRUE(last.has_value());
  EXPECT_NE(last->find("\"method\": \"POST\""), std::string::npos) << *last;
  EXPECT_NE(last->find("\"filter-lang\": \"cql2-text\""), std::string::npos) << *last;
  EXPECT_NE(last->find("\"intersects\": {\"type\": \"Point\""), std::string::npos) << *last;
}

TEST_F(StacCliTest, MaxItemsReturnsExactlyN) {
  for (int n : {1, 5, 13, 20}) {
    CommandResult r = Stacfs({"search", server_->Url("/?paging=post-merge"), "--collections",
                              "synthetic-a", "--limit", "4", "--max-items", std::to_string(n), "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(JsonLines(r.output).size(), static_cast<size_t>(std::min(n, 13))) << n;
  }
}

TEST_F(StacCliTest, DateShorthandsAndOpenEnds) {
  struct Case {
    const char* datetime;
    size_t count;
  };
  for (const Case& c : {Case{"2020", 25}, Case{"2020-01-05", 1}, Case{"../2020-01-02", 2},
                        Case{"2020-01-24/..", 2}, Case{"2019", 0}}) {
    CommandResult r = Stacfs({"search", server_->Url("/"), "--collections", "synthetic-a,synthetic-b",
                              "--datetime", c.datetime, "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(JsonLines(r.output).size(), c.count) << c.datetime;
  }
}

TEST_F(StacCliTest, StaticCatalogsByUrlAndPath) {
  STACFS_SKIP_UNLESS_NGINX();
  auto nginx = NginxServer::Start(StacServer::StaticCatalogDir());
  ASSERT_TRUE(nginx.has_value()) << nginx.error().ToString();
  for (const std::string& location :
       {(*nginx)->Url("catalog.json"), StacServer::StaticCatalogDir() + "/catalog.json"}) {
    CommandResult collections = Stacfs({"collections", location});
    ASSERT_EQ(collections.exit_code, 0) << collections.output;
    EXPECT_NE(collections.output.find("deep"), std::string::npos);
    CommandResult r = Stacfs({"search", location, "--collections", "cmip6", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    std::vector<std::string> objects = JsonLines(r.output);
    ASSERT_EQ(objects.size(), 3u) << r.output;
    // Relative hrefs come out resolved: the printed item stands on its own.
    EXPECT_EQ(objects[0].find("\"href\":\"../"), std::string::npos) << objects[0];
    EXPECT_NE(objects[0].find("refs/tas.json"), std::string::npos);
  }
  // A path relative to the working directory works too.
  CommandResult relative = RunCommand(*dir_, {"/bin/sh", "-c", "cd " + StacServer::StaticCatalogDir() +
                                                                   " && " + kStacfs +
                                                                   " search catalog.json --ids d1 --json"});
  ASSERT_EQ(relative.exit_code, 0) << relative.output;
  EXPECT_EQ(JsonLines(relative.output).size(), 1u) << relative.output;
}

TEST_F(StacCliTest, FailuresAreOneClearLineAndANonZeroExit) {
  struct Case {
    std::vector<std::string> args;
    std::string expected;
  };
  const std::string root = server_->Url("/");
  const Case cases[] = {
      {{"search", root, "--bbox", "1,2,3"}, "invalid --bbox '1,2,3'"},
      {{"search", root, "--datetime", "yesterday"}, "invalid date-time 'yesterday'"},
      {{"search", root, "--query", "n"}, "invalid --query 'n'"},
      {{"search", root, "--filter-lang", "cql2-text"}, "--filter-lang needs a --filter"},
      {{"search", server_->Url("/?fault=html502&times=1000"), "--limit", "5"},
       "HTTP 502 Bad Gateway (response body: \"502 Bad Gateway 502 Bad Gateway nginx\")"},
      {{"search", server_->Url("/?fault=foreign_next"), "--limit", "5"},
       "outside the catalog's origin"},
      {{"search", server_->Url("/?fault=truncated"), "--limit", "5"}, "malformed JSON"},
      {{"collections", server_->Url("/nothing-here")}, "HTTP 404 Not Found"},
      {{"collections", "/nonexistent/catalog.json"}, "/nonexistent/catalog.json"},
      {{"search", StacServer::StaticCatalogDir() + "/catalog.json", "--sortby", "-datetime"},
       "--sortby needs a STAC API"},
      {{"search", "http://127.0.0.1:9/"}, "http://127.0.0.1:9/"},
  };
  for (const Case& c : cases) {
    CommandResult r = Stacfs(c.args);
    EXPECT_EQ(r.exit_code, 1) << c.args[1] << ": " << r.output;
    std::vector<std::string> errors;
    for (const std::string& line : Lines(r.output)) {
      if (line.rfind("stacfs: error: ", 0) == 0) errors.push_back(line);
    }
    ASSERT_EQ(errors.size(), 1u) << r.output;
    EXPECT_NE(errors[0].find(c.expected), std::string::npos) << errors[0];
    EXPECT_LT(errors[0].size(), 1000u) << errors[0];
  }
  // Items that arrived before the failure were printed.
  CommandResult partial = Stacfs({"search", server_->Url("/?fault=truncated"), "--limit", "5", "--json"});
  EXPECT_EQ(JsonLines(partial.output).size(), 5u) << partial.output;
  // Bad values CLI11 catches itself.
  EXPECT_NE(Stacfs({"search", root, "--method", "PUT"}).exit_code, 0);
  EXPECT_NE(Stacfs({"search", root, "--limit", "0"}).exit_code, 0);
  EXPECT_NE(Stacfs({"search"}).exit_code, 0);
}

TEST_F(StacCliTest, HelpShowsExamples) {
  CommandResult search = Stacfs({"search", "--help"});
  EXPECT_EQ(search.exit_code, 0);
  EXPECT_NE(search.output.find("stacfs search https://api.stac.ceda.ac.uk --collections cmip6 --max-items 5"),
            std::string::npos)
      << search.output;
  for (const char* option : {"--collections", "--ids", "--bbox", "--intersects", "--datetime", "--query",
                             "--filter", "--filter-lang", "--sortby", "--fields", "--limit",
                             "--max-items", "--method", "--json"}) {
    EXPECT_NE(search.output.find(option), std::string::npos) << option;
  }
  CommandResult collections = Stacfs({"collections", "--help"});
  EXPECT_EQ(collections.exit_code, 0);
  EXPECT_NE(collections.output.find("stacfs collections https://api.stac.ceda.ac.uk"), std::string::npos);
  CommandResult top = Stacfs({"--help"});
  EXPECT_NE(top.output.find("stacfs search"), std::string::npos);
}

}  // namespace
}  // namespace stacfs::test
