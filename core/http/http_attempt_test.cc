// The rules that decide what an HttpClient attempt means, and the error-page excerpt.
#include "core/http/http_attempt.h"

#include <gtest/gtest.h>

#include "core/fetch/readable_excerpt.h"

namespace stacfs::http {
namespace {

TEST(HttpAttemptTest, TwoHundredsSucceed) {
  for (long status : {200L, 201L, 204L}) {
    HttpAttempt a;
    a.status = status;
    EXPECT_EQ(JudgeHttpAttempt(a).verdict, HttpVerdict::kSuccess) << status;
  }
}

TEST(HttpAttemptTest, TransientStatusesAreRetried) {
  for (long status : {408L, 429L, 500L, 502L, 503L, 504L}) {
    HttpAttempt a;
    a.status = status;
    HttpOutcome o = JudgeHttpAttempt(a);
    EXPECT_EQ(o.verdict, HttpVerdict::kRetry) << status;
    EXPECT_EQ(o.error->code(), ErrorCodeForHttpStatus(status)) << status;
  }
}

TEST(HttpAttemptTest, FinalStatusesFailWithTheirClass) {
  struct Case {
    long status;
    ErrorCode code;
  };
  for (Case c : {Case{404, ErrorCode::kNotFound}, Case{410, ErrorCode::kNotFound},
                 Case{401, ErrorCode::kPermissionDenied}, Case{403, ErrorCode::kPermissionDenied},
                 Case{400, ErrorCode::kInvalidArgument}, Case{405, ErrorCode::kInvalidArgument},
                 Case{501, ErrorCode::kUnavailable}, Case{302, ErrorCode::kUnsupported}}) {
    HttpAttempt a;
    a.status = c.status;
    HttpOutcome o = JudgeHttpAttempt(a);
    EXPECT_EQ(o.verdict, HttpVerdict::kFail) << c.status;
    EXPECT_EQ(o.error->code(), c.code) << c.status;
    EXPECT_NE(o.error->message().find("HTTP " + std::to_string(c.status)), std::string::npos);
  }
}

TEST(HttpAttemptTest, ErrorBodyExcerptIsReadableText) {
  HttpAttempt a;
  a.status = 502;
  a.error_body_excerpt =
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
      "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body></html>";
  HttpOutcome o = JudgeHttpAttempt(a);
  EXPECT_EQ(o.error->message(),
            "HTTP 502 Bad Gateway (response body: \"502 Bad Gateway 502 Bad Gateway nginx\")");
}

TEST(HttpAttemptTest, ConnectionFailuresFollowTheirRetryability) {
  HttpAttempt refused;
  refused.transport_error = Unavailable("curl error 7: Couldn't connect to server");
  refused.transport_error_retryable = true;
  EXPECT_EQ(JudgeHttpAttempt(refused).verdict, HttpVerdict::kRetry);

  HttpAttempt bad_url;
  bad_url.transport_error = InvalidArgument("curl error 3: URL using bad/illegal format");
  EXPECT_EQ(JudgeHttpAttempt(bad_url).verdict, HttpVerdict::kFail);

  HttpAttempt nothing;  // neither a status nor a transport error: cannot happen, never success
  EXPECT_EQ(JudgeHttpAttempt(nothing).verdict, HttpVerdict::kFail);
}

TEST(HttpAttemptTest, AnInterruptedTwoHundredIsNotASuccess) {
  HttpAttempt a;
  a.status = 200;
  a.transport_error = Unavailable("curl error 18: Transferred a partial file");
  a.transport_error_retryable = true;
  HttpOutcome o = JudgeHttpAttempt(a);
  EXPECT_EQ(o.verdict, HttpVerdict::kRetry);
  EXPECT_NE(o.error->message().find("response interrupted"), std::string::npos);
}

TEST(ReadableExcerptTest, StripsTagsCollapsesSpaceAndCuts) {
  EXPECT_EQ(ReadableExcerpt("  <p>a</p><p>b</p>\n\n c\t"), "a b c");
  EXPECT_EQ(ReadableExcerpt("plain text"), "plain text");
  EXPECT_EQ(ReadableExcerpt(std::string("x\x01y\x7f", 4)), "xy");
  EXPECT_EQ(ReadableExcerpt("abcdefgh", 4), "abcd...");
  EXPECT_EQ(ReadableExcerpt("<only><tags/>"), "");
  EXPECT_EQ(ReadableExcerpt("{\"detail\":\"Not Found\"}"), "{\"detail\":\"Not Found\"}");
}

}  // namespace
}  // namespace stacfs::http
