#include "mount-tools/stac_cli.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

#include "core/base/file_util.h"
#include "core/fetch/file_fetcher.h"
#include "core/http/curl_http_client.h"
#include "core/url/url.h"

namespace stacfs {
namespace {

constexpr size_t kFallbackColumns = 100;
constexpr size_t kColumnGap = 2;

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

Result<std::unique_ptr<catalog::Catalog>> OpenCatalogArgument(const std::string& argument,
                                                              const GlobalOptions& globals) {
  const Logger logger = globals.MakeLogger();
  CurlHttpClient::Options http_options;
  http_options.logger = logger;
  STACFS_ASSIGN_OR_RETURN(std::unique_ptr<CurlHttpClient> http, CurlHttpClient::Create(http_options));
  catalog::CatalogOptions options;
  options.http = std::move(http);
  options.files = std::make_shared<FileFetcher>();
  options.logger = logger;
  const std::string location = IsAbsoluteLocation(argument) ? argument : AbsolutePath(argument);
  return catalog::OpenCatalog(location, std::move(options));
}

size_t TerminalColumns() {
  winsize size{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    char* end = nullptr;
    unsigned long value = std::strtoul(columns, &end, 10);
    if (end != columns && *end == '\0' && value >= 20 && value <= 10000) return value;
  }
  return kFallbackColumns;
}

std::string FitCell(std::string_view text, size_t width, bool cut_middle) {
  // Code points of `text`, control characters (tabs, newlines in titles) as spaces.
  std::vector<std::string_view> points;
  for (size_t i = 0; i < text.size();) {
    size_t n = 1;
    while (i + n < text.size() && IsContinuationByte(text[i + n])) ++n;
    points.push_back(text.substr(i, n));
    i += n;
  }
  auto append = [&](std::string* out, size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      unsigned char c = static_cast<unsigned char>(points[i][0]);
      *out += (c < 0x20 || c == 0x7f) ? std::string(" ") : std::string(points[i]);
    }
  };
  std::string out;
  if (points.size() <= width) {
    append(&out, 0, points.size());
    out.append(width - points.size(), ' ');
    return out;
  }
  if (width <= 3) {
    append(&out, 0, width);
    return out;
  }
  const size_t keep = width - 3;
  if (!cut_middle) {
    append(&out, 0, keep);
    return out + "...";
  }
  const size_t tail = keep / 2 + keep % 2;  // the end tells items apart: it gets the extra one
  append(&out, 0, keep - tail);
  out += "...";
  append(&out, points.size() - tail, points.size());
  return out;
}

TextTable::TextTable(std::vector<Column> columns, size_t total_width) : columns_(std::move(columns)) {
  size_t minimum = 0, weights = 0;
  for (const Column& c : columns_) {
    minimum += c.min_width;
    weights += c.weight;
  }
  const size_t gaps = columns_.empty() ? 0 : kColumnGap * (columns_.size() - 1);
  const size_t spare = total_width > minimum + gaps ? total_width - minimum - gaps : 0;
  size_t given = 0;
  for (const Column& c : columns_) {
    size_t extra = weights == 0 ? 0 : spare * c.weight / weights;
    widths_.push_back(c.min_width + extra);
    given += extra;
  }
  // Rounding leftovers go to the last flexible column, so rows fill the terminal exactly.
  for (size_t i = columns_.size(); i-- > 0;) {
    if (columns_[i].weight > 0) {
      widths_[i] += spare - given;
      break;
    }
  }
}

std::string TextTable::Header() const {
  std::vector<std::string> titles;
  for (const Column& c : columns_) titles.push_back(c.title);
  return Row(titles);
}

std::string TextTable::Row(const std::vector<std::string>& cells) const {
  std::string line;
  for (size_t i = 0; i < widths_.size(); ++i) {
    if (i > 0) line += std::string(kColumnGap, ' ');
    line += FitCell(i < cells.size() ? cells[i] : "", widths_[i], columns_[i].cut_middle);
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

}  // namespace stacfs
