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
  std::string numbers;
  for (double v : {0.1, -10.0, 1e300, 1e16, static_cast<double>(1e20f), std::nan(""),
                   -std::numeric_limits<double>::infinity()}) {
    if (!numbers.empty()) numbers += ',';
    AppendJsonNumber(&numbers, v);
  }
  EXPECT_EQ(numbers, R"(0.1,-10,1e+300,1e+16,1.0000000200408773e+20,"NaN","-Infinity")");
  std::string floats;
  for (double v : {0.1, -9999.0, 1e16, static_cast<double>(1e20f), std::nan("")}) {
    if (!floats.empty()) floats += ',';
    AppendJsonFloat(&floats, v, NonFinite::kBareTokens);
  }
  EXPECT_EQ(floats, "0.1,-9999.0,1e+16,1.0000000200408773e+20,NaN");
  // Every one of them reads back as the same double.
  JsonDocument doc;
  auto array = doc.Parse("[" + numbers + "," + floats + "]", "numbers");
  ASSERT_TRUE(array.has_value()) << array.error().ToString();
  double value = 0;
  ASSERT_FALSE(array->at(4).get(value));
  EXPECT_EQ(value, static_cast<double>(1e20f));
  ASSERT_FALSE(array->at(8).get(value));
  EXPECT_EQ(value, -9999.0);
  std::string fill;
  AppendJsonFloat(&fill, std::nan(""), NonFinite::kQuotedStrings);
  EXPECT_EQ(fill, R"("NaN")");
}

TEST(JsonTest, TypedGettersNameTheField) {
  JsonDocument doc;
  auto root = *doc.Parse(R"({"n": -1, "s": 3, "f": 2.0})", "t");
  EXPECT_EQ(*GetUint(root["f"], "f"), 2u);
  EXPECT_EQ(GetUint(root["n"], "n").error().message(), "'n' must be a non-negative integer, not -1");
  EXPECT_EQ(GetString(root["s"], "s").error().message(), "'s' must be a string, not number");
}

TEST(JsonTest, EscapesNonAsciiLikePython) {
  // json.dumps({"place": "Zürich 北京 𝄞"}) in Python.
  EXPECT_EQ(EscapeNonAscii(R"({"place":"Zürich 北京 𝄞"})"),
            R"({"place":"Z\u00fcrich \u5317\u4eac \ud834\udd1e"})");
  EXPECT_EQ(EscapeNonAscii(R"({"a":1})"), R"({"a":1})");
  JsonDocument doc;
  auto root = doc.Parse(EscapeNonAscii(R"(["é𝄞"])"), "escaped");
  ASSERT_TRUE(root.has_value());
  std::string_view text;
  ASSERT_FALSE(root->at(0).get(text));
  EXPECT_EQ(text, "é𝄞");
}

TEST(JsonTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("héllo"));
  EXPECT_FALSE(IsValidUtf8(std::string_view("\xff\xfe", 2)));
}

}  // namespace
}  // namespace stacfs

namespace stacfs {
namespace {

TEST(JsonNonFiniteTest, MarkedTokensComeBackBareAfterReserialising) {
  JsonDocument doc;
  auto root = doc.Parse(R"({"a":NaN,"b":[-Infinity,1,"NaN"],"c":"x NaN y","d":Infinity})", "t",
                        JsonDocument::kDefaultMaxBytes, NonFiniteTokens::kMarked);
  ASSERT_TRUE(root) << root.error().ToString();
  EXPECT_EQ(RestoreNonFiniteTokens(simdjson::minify(*root)),
            R"({"a":NaN,"b":[-Infinity,1,"NaN"],"c":"x NaN y","d":Infinity})");
  // Read as strings by default (what fill values and STAC want).
  JsonDocument plain;
  auto as_strings = plain.Parse(R"({"a":NaN})", "t");
  ASSERT_TRUE(as_strings);
  EXPECT_EQ(std::string_view((*as_strings)["a"].get_string().value()), "NaN");
}

}  // namespace
}  // namespace stacfs
