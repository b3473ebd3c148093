// Attribute sets held as JSON object text (Variable::attributes, Group::attributes): reading
// single values and merging the global attributes of combined files.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/base/result.h"

namespace stacfs::converter {

// (name, JSON value text) in document order.
using AttributeList = std::vector<std::pair<std::string, std::string>>;

Result<AttributeList> ParseAttributes(std::string_view json, std::string_view what);
std::string AttributesToJson(const AttributeList& attributes);

// The value of a string attribute, if present and a string.
std::optional<std::string> StringAttribute(std::string_view json, std::string_view name);

// Merges per-file attribute sets (see combine.h for the rules); appends a warning per attribute
// whose values differ and were not reconciled by a rule.
Result<std::string> MergeAttributes(const std::vector<std::string>& per_file,
                                    const std::vector<std::string>& file_names, std::string_view where,
                                    std::vector<std::string>* warnings);

}  // namespace stacfs::converter
