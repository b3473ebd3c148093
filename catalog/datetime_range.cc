#include "catalog/datetime_range.h"

#include <cstdio>

namespace stacfs::catalog {
namespace {

constexpr int64_t kMicrosPerSecond = 1000000;

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (the days-from-civil algorithm).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Date {
  int year = 0, month = 0, day = 0;
};

// "YYYY-MM-DD" at the start of `text`.
std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!IsDigits(text.substr(0, 4)) || !IsDigits(text.substr(5, 2)) || !IsDigits(text.substr(8, 2))) {
    return std::nullopt;
  }
  Date d{ToInt(text.substr(0, 4)), ToInt(text.substr(5, 2)), ToInt(text.substr(8, 2))};
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > DaysInMonth(d.year, d.month)) {
    return std::nullopt;
  }
  return d;
}

std::string FormatDate(int year, int month, int day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

// The first and last instant of a shorthand period ("2020", "2020-02", "2020-02-03").
struct Period {
  std::string first, last;
};

std::optional<Period> ExpandShorthand(std::string_view text) {
  int year = 0, month = 0, day = 0;
  if (text.size() == 4 && IsDigits(text)) {
    year = ToInt(text);
    return Period{FormatDate(year, 1, 1) + "T00:00:00Z", FormatDate(year, 12, 31) + "T23:59:59.999999Z"};
  }
  if (text.size() == 7 && text[4] == '-' && IsDigits(text.substr(0, 4)) && IsDigits(text.substr(5, 2))) {
    year = ToInt(text.substr(0, 4));
    month = ToInt(text.substr(5, 2));
    if (month < 1 || month > 12) return std::nullopt;
    return Period{FormatDate(year, month, 1) + "T00:00:00Z",
                  FormatDate(year, month, DaysInMonth(year, month)) + "T23:59:59.999999Z"};
  }
  if (text.size() == 10) {
    auto date = ParseDate(text);
    if (!date) return std::nullopt;
    year = date->year;
    month = date->month;
    day = date->day;
    return Period{FormatDate(year, month, day) + "T00:00:00Z",
                  FormatDate(year, month, day) + "T23:59:59.999999Z"};
  }
  return std::nullopt;
}

// A full date-time as the server should see it: 'T' and 'Z' upper-case, a zone always present.
std::optional<std::string> NormaliseDateTime(std::string_view text) {
  if (!ParseRfc3339Micros(text) || text.size() <= 10) return std::nullopt;
  std::string out(text);
  if (out[10] == 't' || out[10] == ' ') out[10] = 'T';
  if (out.back() == 'z') out.back() = 'Z';
  const std::string_view time = std::string_view(out).substr(11);
  bool has_zone = time.back() == 'Z' || time.find('+') != std::string_view::npos ||
                  time.find('-') != std::string_view::npos;
  if (!has_zone) out += 'Z';
  return out;
}

struct Endpoint {
  std::string first;  // the instant the endpoint starts at
  std::string last;   // the instant it ends at (== first for a full date-time)
  bool shorthand = false;
};

Result<std::optional<Endpoint>> ParseEndpoint(std::string_view text, std::string_view what) {
  if (text.empty() || text == "..") return std::optional<Endpoint>();
  if (auto period = ExpandShorthand(text)) {
    return std::optional<Endpoint>(Endpoint{period->first, period->last, true});
  }
  if (auto full = NormaliseDateTime(text)) return std::optional<Endpoint>(Endpoint{*full, *full, false});
  return InvalidArgument(
      "invalid " + std::string(what) + " '" + std::string(text) +
      "' in --datetime: expected YYYY, YYYY-MM, YYYY-MM-DD, an RFC 3339 date-time such as "
      "2020-01-01T00:00:00Z, or '..' for an open end");
}

}  // namespace

std::optional<int64_t> ParseRfc3339Micros(std::string_view text) {
  auto date = ParseDate(text);
  if (!date) return std::nullopt;
  int64_t seconds = DaysFromCivil(date->year, date->month, date->day) * 86400;
  if (text.size() == 10) return seconds * kMicrosPerSecond;
  char separator = text[10];
  if (separator != 'T' && separator != 't' && separator != ' ') return std::nullopt;
  std::string_view time = text.substr(11);
  if (time.size() < 8 || time[2] != ':' || time[5] != ':' || !IsDigits(time.substr(0, 2)) ||
      !IsDigits(time.substr(3, 2)) || !IsDigits(time.substr(6, 2))) {
    return std::nullopt;
  }
  int hour = ToInt(time.substr(0, 2)), minute = ToInt(time.substr(3, 2)),
      second = ToInt(time.substr(6, 2));
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;  // 60: a leap second
  seconds += hour * 3600 + minute * 60 + second;
  int64_t micros = 0;
  size_t i = 8;
  if (i < time.size() && time[i] == '.') {
    ++i;
    size_t digits = 0;
    int64_t scale = 100000;
    while (i < time.size() && time[i] >= '0' && time[i] <= '9') {
      if (digits < 6) micros += (time[i] - '0') * scale;  // beyond microseconds: truncated
      scale /= 10;
      ++digits;
      ++i;
    }
    if (digits == 0) return std::nullopt;
  }
  std::string_view zone = time.substr(i);
  if (zone == "Z" || zone == "z" || zone.empty()) {
    // UTC
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
             IsDigits(zone.substr(1, 2)) && IsDigits(zone.substr(4, 2))) {
    int offset = ToInt(zone.substr(1, 2)) * 3600 + ToInt(zone.substr(4, 2)) * 60;
    seconds -= zone[0] == '+' ? offset : -offset;  // local = UTC + offset
  } else {
    return std::nullopt;
  }
  return seconds * kMicrosPerSecond + micros;
}

std::optional<int64_t> DatetimeInterval::start_micros() const {
  return start.empty() ? std::nullopt : ParseRfc3339Micros(start);
}

std::optional<int64_t> DatetimeInterval::end_micros() const {
  return end.empty() ? std::nullopt : ParseRfc3339Micros(end);
}

std::string DatetimeInterval::ToParameter() const {
  if (instant) return start;
  return (start.empty() ? ".." : start) + "/" + (end.empty() ? ".." : end);
}

bool DatetimeInterval::Overlaps(int64_t item_start, int64_t item_end) const {
  std::optional<int64_t> a = start_micros(), b = end_micros();
  if (a && item_end < *a) return false;
  if (b && item_start > *b) return false;
  return true;
}

Result<DatetimeInterval> ParseDatetimeArgument(std::string_view text) {
  DatetimeInterval out;
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) {
    STACFS_ASSIGN_OR_RETURN(std::optional<Endpoint> only, ParseEndpoint(text, "date-time"));
    if (!only) return InvalidArgument("--datetime needs a date, a date-time or an interval A/B");
    out.start = only->first;
    out.end = only->last;
    out.instant = !only->shorthand;
    return out;
  }
  if (text.find('/', slash + 1) != std::string_view::npos) {
    return InvalidArgument("invalid --datetime '" + std::string(text) +
                           "': an interval has one '/' (START/END)");
  }
  STACFS_ASSIGN_OR_RETURN(std::optional<Endpoint> start, ParseEndpoint(text.substr(0, slash), "start"));
  STACFS_ASSIGN_OR_RETURN(std::optional<Endpoint> end, ParseEndpoint(text.substr(slash + 1), "end"));
  if (!start && !end) {
    return InvalidArgument("invalid --datetime '" + std::string(text) + "': both ends are open");
  }
  if (start) out.start = start->first;
  if (end) out.end = end->last;
  if (start && end && *ParseRfc3339Micros(out.start) > *ParseRfc3339Micros(out.end)) {
    return InvalidArgument("invalid --datetime '" + std::string(text) + "': the start is after the end");
  }
  return out;
}

}  // namespace stacfs::catalog
