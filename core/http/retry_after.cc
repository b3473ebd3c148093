#include "core/http/retry_after.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/http/content_range.h"  // ParseDecimalU64

namespace stacfs::http {
namespace {

// A delta larger than this is clamped: nobody waits a day for a chunk, and it keeps the
// millisecond arithmetic far from overflow.
constexpr uint64_t kMaxDeltaSeconds = 86400;

std::vector<std::string_view> SplitDateTokens(std::string_view text) {
  // Separators of the three forms: "Sun, 06 Nov 1994", "Sunday, 06-Nov-94", "Sun Nov  6".
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == '-')) ++i;
    size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != ',' && text[i] != '-') ++i;
    if (i > start) tokens.push_back(text.substr(start, i - start));
  }
  return tokens;
}

std::optional<int> MonthIndex(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (size_t m = 0; m < kMonths.size(); ++m) {
    if (kMonths[m] == name) return static_cast<int>(m) + 1;
  }
  return std::nullopt;
}

bool IsAlpha(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
  }
  return true;
}

// "08:49:37" -> seconds of the day.
std::optional<int64_t> ParseTimeOfDay(std::string_view text) {
  if (text.size() != 8 || text[2] != ':' || text[5] != ':') return std::nullopt;
  auto h = ParseDecimalU64(text.substr(0, 2));
  auto m = ParseDecimalU64(text.substr(3, 2));
  auto s = ParseDecimalU64(text.substr(6, 2));
  if (!h || !m || !s || *h > 23 || *m > 59 || *s > 60) return std::nullopt;  // 60: leap second
  return static_cast<int64_t>(*h * 3600 + *m * 60 + *s);
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil
// algorithm, restated): avoids timegm() and any dependence on the process's TZ.
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

std::optional<int64_t> ParseHttpDate(std::string_view value) {
  std::vector<std::string_view> t = SplitDateTokens(value);
  std::string_view day_name, day, month, year, time;
  if (t.size() == 6 && t[5] == "GMT") {  // IMF-fixdate or RFC 850
    day_name = t[0], day = t[1], month = t[2], year = t[3], time = t[4];
  } else if (t.size() == 5) {  // asctime: "Sun Nov  6 08:49:37 1994"
    day_name = t[0], month = t[1], day = t[2], time = t[3], year = t[4];
  } else {
    return std::nullopt;
  }
  if (!IsAlpha(day_name) || day.size() > 2 || (year.size() != 4 && year.size() != 2)) {
    return std::nullopt;
  }
  auto d = ParseDecimalU64(day);
  auto m = MonthIndex(month);
  auto y = ParseDecimalU64(year);
  auto seconds_of_day = ParseTimeOfDay(time);
  if (!d || !m || !y || !seconds_of_day || *d < 1 || *d > 31) return std::nullopt;
  int64_t full_year = static_cast<int64_t>(*y);
  if (year.size() == 2) full_year += full_year < 70 ? 2000 : 1900;  // RFC 850's two-digit years
  return DaysFromCivil(full_year, *m, static_cast<int64_t>(*d)) * 86400 + *seconds_of_day;
}

std::optional<std::chrono::milliseconds> ParseRetryAfter(
    std::string_view value, std::chrono::system_clock::time_point now) {
  using std::chrono::milliseconds;
  if (value.empty()) return std::nullopt;
  if (value[0] >= '0' && value[0] <= '9') {
    std::optional<uint64_t> seconds = ParseDecimalU64(value);
    if (!seconds) {
      // All digits but too long for 64 bits is still "a very long time"; other junk is invalid.
      if (value.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
      seconds = kMaxDeltaSeconds;
    }
    uint64_t clamped = *seconds < kMaxDeltaSeconds ? *seconds : kMaxDeltaSeconds;
    return milliseconds(static_cast<int64_t>(clamped) * 1000);
  }
  std::optional<int64_t> date = ParseHttpDate(value);
  if (!date) return std::nullopt;
  int64_t now_ms =
      std::chrono::duration_cast<milliseconds>(now.time_since_epoch()).count();
  int64_t wait_ms = *date * 1000 - now_ms;
  if (wait_ms < 0) wait_ms = 0;
  if (wait_ms > static_cast<int64_t>(kMaxDeltaSeconds) * 1000) {
    wait_ms = static_cast<int64_t>(kMaxDeltaSeconds) * 1000;
  }
  return milliseconds(wait_ms);
}

}  // namespace stacfs::http
