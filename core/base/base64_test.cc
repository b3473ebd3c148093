#include "core/base/base64.h"

#include <gtest/gtest.h>

namespace stacfs {
namespace {

TEST(Base64Test, Rfc4648Vectors) {
  const std::pair<const char*, const char*> cases[] = {
      {"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},        {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : cases) {
    EXPECT_EQ(Base64Encode(plain), encoded);
    EXPECT_EQ(*Base64Decode(encoded), plain);
  }
}

TEST(Base64Test, BinaryRoundTripAndUnpaddedInput) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  EXPECT_EQ(*Base64Decode(Base64Encode(bytes)), bytes);
  EXPECT_EQ(*Base64Decode("Zm8"), "fo");
}

TEST(Base64Test, RejectsBadInput) {
  EXPECT_EQ(Base64Decode("Zm9v!").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(Base64Decode("Z").has_value());
}

}  // namespace
}  // namespace stacfs
