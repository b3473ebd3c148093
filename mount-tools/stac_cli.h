// What `stacfs collections` and `stacfs search` share: opening a catalog from a command-line
// argument, and an aligned text table sized to the terminal.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "mount-tools/command.h"

namespace stacfs {

// Opens CATALOG (URL, file:// URL, or a path relative to the working directory) with libcurl for
// http(s) and the file reader for paths.
Result<std::unique_ptr<catalog::Catalog>> OpenCatalogArgument(const std::string& argument,
                                                              const GlobalOptions& globals);

// Columns of the terminal stdout writes to (TIOCGWINSZ), else $COLUMNS, else 100.
size_t TerminalColumns();

// A table printed row by row as results stream in: column widths are fixed up front from the
// terminal width (not from the data, which has not arrived yet), and cells that do not fit are
// cut with "...". Widths count UTF-8 code points.
class TextTable {
 public:
  struct Column {
    std::string title;
    size_t min_width;
    size_t weight;  // share of the width left after every column has its minimum; 0: fixed
    // Cut long cells in the middle: ids of one dataset's items differ at their ends
    // ("CMIP6.CMIP...Amon.tas.gn.v20190406").
    bool cut_middle = false;
  };
  TextTable(std::vector<Column> columns, size_t total_width);

  std::string Header() const;
  std::string Row(const std::vector<std::string>& cells) const;
  const std::vector<size_t>& widths() const { return widths_; }

 private:
  std::vector<Column> columns_;
  std::vector<size_t> widths_;
};

// `text` cut (at the end, or in the middle) or padded to exactly `width` code points; control
// characters become spaces.
std::string FitCell(std::string_view text, size_t width, bool cut_middle = false);

}  // namespace stacfs
