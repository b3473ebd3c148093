#include "core/fetch/etag_pinning_fetcher.h"

#include <gtest/gtest.h>

#include <cerrno>

namespace stacfs {
namespace {

// An object whose version (ETag) the test changes.
class VersionedObject final : public Fetcher {
 public:
  Result<FetchResponse> Fetch(const FetchRequest& request) override {
    FetchResponse response;
    response.bytes = SharedBytes(request.url + "@" + etag);
    response.etag = etag;
    return response;
  }
  std::string etag = "\"v1\"";
};

TEST(EtagPinningFetcherTest, AChangedObjectIsRefusedNeverMixed) {
  auto object = std::make_shared<VersionedObject>();
  EtagPinningFetcher pinning(object);
  ASSERT_TRUE(pinning.Fetch({"http://h/a.nc", ByteRange{0, 4}}));
  ASSERT_TRUE(pinning.Fetch({"http://h/b.nc", ByteRange{0, 4}}));
  object->etag = "\"v2\"";
  Result<FetchResponse> changed = pinning.Fetch({"http://h/a.nc", ByteRange{4, 4}});
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().ToErrno(), ESTALE);
  EXPECT_NE(changed.error().ToString().find("http://h/a.nc"), std::string::npos);
  // FetchMany checks each response the same way.
  std::vector<FetchRequest> both{{"http://h/a.nc", ByteRange{0, 4}}, {"http://h/c.nc", ByteRange{0, 4}}};
  std::vector<Result<FetchResponse>> many = pinning.FetchMany(both);
  EXPECT_FALSE(many[0]);
  EXPECT_TRUE(many[1]);  // first seen at v2: pinned at v2
  EXPECT_EQ(pinning.stale_count(), 2u);
  object->etag = "\"v1\"";
  EXPECT_TRUE(pinning.Fetch({"http://h/a.nc", ByteRange{0, 4}}));  // the pinned version again
}

TEST(EtagPinningFetcherTest, ResponsesWithoutETagPassThrough) {
  auto object = std::make_shared<VersionedObject>();
  object->etag = "";
  EtagPinningFetcher pinning(object);
  EXPECT_TRUE(pinning.Fetch({"u", std::nullopt}));
  object->etag = "\"v1\"";
  EXPECT_TRUE(pinning.Fetch({"u", std::nullopt}));
  object->etag = "";
  EXPECT_TRUE(pinning.Fetch({"u", std::nullopt}));
}

}  // namespace
}  // namespace stacfs
