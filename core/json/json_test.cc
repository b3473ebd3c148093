#include "core/json/json.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace stacfs {
namespace {

TEST(JsonTest, RewritesNonFiniteTokensOnlyOutsideStrings) {
  std::string out;
  ASSERT_TRUE(RewriteNonFiniteTokens(R"({"a": NaN, "b": [-Infinity, Infinity], "c": "NaN x"})", &out));
  EXPECT_EQ(out, R"({"a": "NaN", "b": ["-Infinity", "Infinity"], "c": "NaN x"})");
  EXPECT_FALSE(RewriteNonFiniteTokens(R"({"a": "NaN", "b": "say \"NaN\""})", &out));
  EXPECT_FALSE(RewriteNonFiniteTokens(R"({"NaNa": 1})", &out));
}

TEST(JsonTest, LenientParseAcceptsPythonNonFinite) {
  JsonDocument doc;
  auto root = doc.Parse(R"({"fill_value": NaN, "x": 1.5})", "test.json");
  ASSERT_TRUE(root.has_value()) << root.error().ToString();
  std::string_view fill;
  ASSERT_FALSE((*root)["fill_value"].get(fill));
  EXPECT_EQ(fill, "NaN");
}

TEST(JsonTest, MalformedJsonNamesTheDocument) {
  JsonDocument doc;
  auto truncated = doc.Parse(R"({"refs": {"a": [)", "refs.json");
  ASSERT_FALSE(truncated.has_value());
  EXPECT_EQ(truncated.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(truncated.error().message().find("refs.json: malformed JSON"), std::string::npos);
  auto too_big = doc.Parse("[1,2,3]", "big.json", 3);
  EXPECT_EQ(too_big.error().code(), ErrorCode::kResourceExhausted);
  std::string deep(1000, '[');
  deep += std::string(1000, ']');
  auto too_deep = doc.Parse(deep, "deep.json");
  ASSERT_FALSE(too_deep.has_value());
  EXPECT_EQ(too_deep.error().code(), ErrorCode::kResourceExhausted);
}

TEST(JsonTest, WritesStringsAndNumbers) {
  EXPECT_EQ(JsonString("a\"b\\c\n\x01"), R"("a\"b\\c\n\u0001")");
  std::string out;
  AppendJsonNumber(&out, 0.1);
  out += ',';
  AppendJsonNumber(&out, std::numeric_limits<double>::quiet_NaN());
  out += ',';
  AppendJsonNumber(&out, -std::numeric_limits<double>::infinity());
  out += ',';
  AppendJsonNumber(&out, 1e300);
  EXPECT_EQ(out, R"(0.1,"NaN","-Infinity",1e+300)");
}

TEST(JsonTest, TypedGettersNameTheField) {
  JsonDocument doc;
  auto root = *doc.Parse(R"({"n": -1, "s": 3, "f": 2.0})", "t");
  EXPECT_EQ(*GetUint(root["f"], "f"), 2u);
  EXPECT_EQ(GetUint(root["n"], "n").error().message(), "'n' must be a non-negative integer, not -1");
  EXPECT_EQ(GetString(root["s"], "s").error().message(), "'s' must be a string, not number");
}

TEST(JsonTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("héllo"));
  EXPECT_FALSE(IsValidUtf8(std::string_view("\xff\xfe", 2)));
}

}  // namespace
}  // namespace stacfs
