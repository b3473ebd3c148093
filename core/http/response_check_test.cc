#include "core/http/response_check.h"

#include <gtest/gtest.h>

namespace stacfs::http {
namespace {

const std::optional<ByteRange> kRange = ByteRange{100, 50};  // bytes=100-149
const std::optional<ByteRange> kWhole = std::nullopt;

AttemptObservation Ok206(uint64_t body_bytes = 50) {
  AttemptObservation o;
  o.http_status = 206;
  o.headers.content_range = "bytes 100-149/1000";
  o.headers.etag = "\"abc\"";
  o.body_bytes = body_bytes;
  return o;
}

TEST(ResponseCheckTest, Exact206IsAccepted) {
  AttemptOutcome out = CheckAttempt(kRange, Ok206());
  ASSERT_EQ(out.verdict, Verdict::kSuccess) << out.error->ToString();
  EXPECT_EQ(out.object_size, 1000u);
}

TEST(ResponseCheckTest, UnknownTotalGivesNoObjectSize) {
  AttemptObservation o = Ok206();
  o.headers.content_range = "bytes 100-149/*";
  AttemptOutcome out = CheckAttempt(kRange, o);
  ASSERT_EQ(out.verdict, Verdict::kSuccess);
  EXPECT_FALSE(out.object_size.has_value());
}

TEST(ResponseCheckTest, MismatchedContentRangeFails) {
  for (const char* cr : {"bytes 101-150/1000", "bytes 100-148/1000", "bytes 0-999/1000",
                         "bytes */1000"}) {
    AttemptObservation o = Ok206();
    o.headers.content_range = cr;
    AttemptOutcome out = CheckAttempt(kRange, o);
    EXPECT_EQ(out.verdict, Verdict::kFail) << cr;
    EXPECT_EQ(out.error->code(), ErrorCode::kCorrupt) << cr;
    EXPECT_NE(out.error->message().find("bytes=100-149"), std::string::npos)
        << out.error->message();
  }
}

TEST(ResponseCheckTest, RangeClippedAtTheEndIsOutOfRange) {
  AttemptObservation o = Ok206(20);
  o.headers.content_range = "bytes 100-119/120";  // asked 100-149 of a 120-byte object
  AttemptOutcome out = CheckAttempt(kRange, o);
  EXPECT_EQ(out.verdict, Verdict::kFail);
  EXPECT_EQ(out.error->code(), ErrorCode::kOutOfRange);
  EXPECT_NE(out.error->message().find("120 bytes"), std::string::npos) << out.error->message();
}

TEST(ResponseCheckTest, MissingOrInvalidContentRangeFails) {
  AttemptObservation o = Ok206();
  o.headers.content_range.reset();
  EXPECT_EQ(CheckAttempt(kRange, o).verdict, Verdict::kFail);
  o.headers.content_range = "bytes 100-149";
  AttemptOutcome out = CheckAttempt(kRange, o);
  EXPECT_EQ(out.verdict, Verdict::kFail);
  EXPECT_EQ(out.error->code(), ErrorCode::kCorrupt);
}

TEST(ResponseCheckTest, Status200ToARangeRequestIsRejected) {
  AttemptObservation o;
  o.http_status = 200;
  o.headers.content_length = "1000";
  o.body_abort = BodyAbort::kRejectedHeaders;
  AttemptOutcome out = CheckAttempt(kRange, o);
  EXPECT_EQ(out.verdict, Verdict::kFail);
  EXPECT_EQ(out.error->code(), ErrorCode::kUnsupported);
  EXPECT_NE(out.error->message().find("ignored the Range header"), std::string::npos);
}

TEST(ResponseCheckTest, Status206ToAWholeRequestIsRejected) {
  AttemptOutcome out = CheckAttempt(kWhole, Ok206());
  EXPECT_EQ(out.verdict, Verdict::kFail);
  EXPECT_EQ(out.error->code(), ErrorCode::kCorrupt);
}

TEST(ResponseCheckTest, Whole200IsAcceptedWithItsSize) {
  AttemptObservation o;
  o.http_status = 200;
  o.headers.content_length = "1000";
  o.body_bytes = 1000;
  AttemptOutcome out = CheckAttempt(kWhole, o);
  ASSERT_EQ(out.verdict, Verdict::kSuccess);
  EXPECT_EQ(out.object_size, 1000u);
  o.headers.content_length.reset();  // chunked encoding: the body's length is the size
  out = CheckAttempt(kWhole, o);
  ASSERT_EQ(out.verdict, Verdict::kSuccess);
  EXPECT_EQ(out.object_size, 1000u);
}

TEST(ResponseCheckTest, ShortBodyIsRetried) {
  AttemptOutcome out = CheckAttempt(kRange, Ok206(49));
  EXPECT_EQ(out.verdict, Verdict::kRetry);
  EXPECT_EQ(out.error->code(), ErrorCode::kCorrupt);
  EXPECT_NE(out.error->message().find("short body: got 49 of 50 bytes"), std::string::npos)
      << out.error->message();

  AttemptObservation whole;
  whole.http_status = 200;
  whole.headers.content_length = "1000";
  whole.body_bytes = 10;
  EXPECT_EQ(CheckAttempt(kWhole, whole).verdict, Verdict::kRetry);
}

TEST(ResponseCheckTest, LongBodyIsCorrupt) {
  AttemptObservation o = Ok206(50);
  o.body_abort = BodyAbort::kTooLong;
  AttemptOutcome out = CheckAttempt(kRange, o);
  EXPECT_EQ(out.verdict, Verdict::kFail);
  EXPECT_EQ(out.error->code(), ErrorCode::kCorrupt);
  EXPECT_NE(out.error->message().find("longer than requested"), std::string::npos);
}

TEST(ResponseCheckTest, InterruptedBodyIsRetried) {
  AttemptObservation o = Ok206(20);
  o.transport_failure = TransportFailure{"curl error 18: Transferred a partial file", true,
                                         ErrorCode::kUnavailable};
  AttemptOutcome out = CheckAttempt(kRange, o);
  EXPECT_EQ(out.verdict, Verdict::kRetry);
  EXPECT_NE(out.error->message().find("after 20 of 50 body bytes"), std::string::npos)
      << out.error->message();
}

TEST(ResponseCheckTest, ConnectionFailures) {
  AttemptObservation o;
  o.transport_failure = TransportFailure{"curl error 7: Couldn't connect", true,
                                         ErrorCode::kUnavailable};
  EXPECT_EQ(CheckAttempt(kRange, o).verdict, Verdict::kRetry);
  o.transport_failure->retryable = false;
  EXPECT_EQ(CheckAttempt(kRange, o).verdict, Verdict::kFail);
}

TEST(ResponseCheckTest, StatusesMapToCodes) {
  struct Case {
    long status;
    Verdict verdict;
    ErrorCode code;
  };
  const Case cases[] = {
      {404, Verdict::kFail, ErrorCode::kNotFound},
      {410, Verdict::kFail, ErrorCode::kNotFound},
      {401, Verdict::kFail, ErrorCode::kPermissionDenied},
      {403, Verdict::kFail, ErrorCode::kPermissionDenied},
      {400, Verdict::kFail, ErrorCode::kInvalidArgument},
      {501, Verdict::kFail, ErrorCode::kUnavailable},
      {204, Verdict::kFail, ErrorCode::kCorrupt},
      {408, Verdict::kRetry, ErrorCode::kUnavailable},
      {429, Verdict::kRetry, ErrorCode::kUnavailable},
      {500, Verdict::kRetry, ErrorCode::kUnavailable},
      {502, Verdict::kRetry, ErrorCode::kUnavailable},
      {503, Verdict::kRetry, ErrorCode::kUnavailable},
      {504, Verdict::kRetry, ErrorCode::kUnavailable},
  };
  for (const Case& c : cases) {
    AttemptObservation o;
    o.http_status = c.status;
    AttemptOutcome out = CheckAttempt(kRange, o);
    EXPECT_EQ(out.verdict, c.verdict) << c.status;
    ASSERT_TRUE(out.error.has_value()) << c.status;
    EXPECT_EQ(out.error->code(), c.code) << c.status;
    EXPECT_NE(out.error->message().find("HTTP " + std::to_string(c.status)), std::string::npos);
  }
}

TEST(ResponseCheckTest, Status416NamesTheRangeAndTheSize) {
  AttemptObservation o;
  o.http_status = 416;
  o.headers.content_range = "bytes */80";
  AttemptOutcome out = CheckAttempt(kRange, o);
  EXPECT_EQ(out.verdict, Verdict::kFail);
  EXPECT_EQ(out.error->code(), ErrorCode::kOutOfRange);
  EXPECT_NE(out.error->message().find("bytes=100-149"), std::string::npos);
  EXPECT_NE(out.error->message().find("80 bytes"), std::string::npos) << out.error->message();
}

TEST(ResponseCheckTest, ErrorPageExcerptIsReadable) {
  AttemptObservation o;
  o.http_status = 502;
  o.error_body_excerpt = "<html>\r\n<head><title>502 Bad Gateway</title></head>\n<body></body>";
  AttemptOutcome out = CheckAttempt(kRange, o);
  EXPECT_EQ(out.verdict, Verdict::kRetry);
  EXPECT_NE(out.error->message().find("(response body: \"502 Bad Gateway\")"), std::string::npos)
      << out.error->message();
}

}  // namespace
}  // namespace stacfs::http
