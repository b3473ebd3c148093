// CF time coordinates ("days since 2000-01-01 00:00:00", calendar "noleap"...): enough of the
// CF conventions to put values written against one reference date onto another, exactly, so
// that files with different time units can be concatenated without their times collapsing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace stacfs::converter {

struct CfTimeUnits {
  double seconds_per_unit = 0;  // 86400 for days
  long double epoch_seconds = 0;  // the reference date, in seconds from 0001-01-01 in `calendar`
  std::string calendar;           // normalised: "proleptic_gregorian", "noleap", "all_leap", "360_day", "julian"
};

// True when `units` reads "<unit> since <date>".
bool IsCfTimeUnits(std::string_view units);

// Parses units + calendar (empty calendar = "standard"). The "standard"/"gregorian" calendar is
// read as proleptic Gregorian only for reference dates on or after 1582-10-15; earlier ones are
// refused (the mixed calendar's offset would need the Julian rules too).
Result<CfTimeUnits> ParseCfTimeUnits(std::string_view units, std::string_view calendar);

// Values in `from` units expressed in `to` units (same calendar required, else an error).
Result<std::vector<long double>> ConvertCfTimes(const std::vector<double>& values,
                                                const CfTimeUnits& from, const CfTimeUnits& to);

}  // namespace stacfs::converter
