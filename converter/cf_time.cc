#include "converter/cf_time.h"

#include <cctype>
#include <cstdio>

#include "core/base/text.h"

namespace stacfs::converter {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}


bool IsGregorianLeap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Days from 0001-01-01 to y-m-d in `calendar`.
long double DaysFromYearOne(long y, int m, int d, const std::string& calendar) {
  static constexpr int kMonthDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (calendar == "360_day") return (y - 1) * 360.0L + (m - 1) * 30 + (d - 1);
  long double days = 0;
  long years = y - 1;
  if (calendar == "noleap") days = years * 365.0L;
  else if (calendar == "all_leap") days = years * 366.0L;
  else if (calendar == "julian") days = years * 365.0L + years / 4;
  else days = years * 365.0L + years / 4 - years / 100 + years / 400;
  bool leap = calendar == "all_leap" ||
              (calendar == "julian" && y % 4 == 0) ||
              (calendar == "proleptic_gregorian" && IsGregorianLeap(y));
  for (int month = 1; month < m; ++month) days += kMonthDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return days + (d - 1);
}

}  // namespace

bool IsCfTimeUnits(std::string_view units) {
  return Lower(units).find(" since ") != std::string::npos;
}

Result<CfTimeUnits> ParseCfTimeUnits(std::string_view units_text, std::string_view calendar_text) {
  std::string units = Lower(TrimWhitespace(units_text));
  size_t since = units.find(" since ");
  if (since == std::string::npos) return InvalidArgument("time units '" + std::string(units_text) + "' lack 'since'");
  std::string unit(TrimWhitespace(std::string_view(units).substr(0, since)));
  CfTimeUnits out;
  if (unit == "days" || unit == "day" || unit == "d") out.seconds_per_unit = 86400;
  else if (unit == "hours" || unit == "hour" || unit == "hr" || unit == "h") out.seconds_per_unit = 3600;
  else if (unit == "minutes" || unit == "minute" || unit == "min") out.seconds_per_unit = 60;
  else if (unit == "seconds" || unit == "second" || unit == "sec" || unit == "s") out.seconds_per_unit = 1;
  else return Unsupported("time unit '" + unit + "' (months and years have no fixed length in CF)");

  std::string calendar = Lower(TrimWhitespace(calendar_text));
  if (calendar.empty() || calendar == "standard" || calendar == "gregorian") calendar = "standard";
  else if (calendar == "365_day") calendar = "noleap";
  else if (calendar == "366_day") calendar = "all_leap";
  if (calendar != "standard" && calendar != "proleptic_gregorian" && calendar != "noleap" &&
      calendar != "all_leap" && calendar != "360_day" && calendar != "julian") {
    return Unsupported("calendar '" + std::string(calendar_text) + "'");
  }

  std::string date(TrimWhitespace(std::string_view(units).substr(since + 7)));
  long year = 0;
  int month = 1, day = 1, hour = 0, minute = 0;
  double second = 0;
  int read = std::sscanf(date.c_str(), "%ld-%d-%d%*[ t]%d:%d:%lf", &year, &month, &day, &hour, &minute, &second);
  if (read < 3 || month < 1 || month > 12 || day < 1 || day > 31 || year < 1) {
    return InvalidArgument("cannot read the reference date of time units '" + std::string(units_text) + "'");
  }
  if (calendar == "standard") {
    if (year < 1582 || (year == 1582 && (month < 10 || (month == 10 && day < 15)))) {
      return Unsupported("reference date before 1582-10-15 in the standard (mixed) calendar: '" +
                         std::string(units_text) + "'");
    }
    calendar = "proleptic_gregorian";
  }
  out.calendar = calendar;
  out.epoch_seconds = DaysFromYearOne(year, month, day, calendar) * 86400.0L + hour * 3600.0L +
                      minute * 60.0L + second;
  return out;
}

Result<std::vector<long double>> ConvertCfTimes(const std::vector<double>& values,
                                                const CfTimeUnits& from, const CfTimeUnits& to) {
  if (from.calendar != to.calendar) {
    return Unsupported("time calendars differ ('" + from.calendar + "' and '" + to.calendar +
                       "'): concatenating them would change dates");
  }
  std::vector<long double> out;
  out.reserve(values.size());
  long double shift = from.epoch_seconds - to.epoch_seconds;
  for (double v : values) out.push_back((v * from.seconds_per_unit + shift) / to.seconds_per_unit);
  return out;
}

}  // namespace stacfs::converter
