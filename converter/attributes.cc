#include "converter/attributes.h"

#include <algorithm>
#include <cctype>

#include "core/json/json.h"

namespace stacfs::converter {
namespace {

// True when `name` has `token` as one of its words ("time_coverage_start", "startDate").
bool HasToken(std::string_view name, std::string_view token) {
  std::string lower;
  std::vector<std::string> words(1);
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool boundary = !std::isalnum(static_cast<unsigned char>(c)) ||
                    (i > 0 && std::isupper(static_cast<unsigned char>(c)) &&
                     std::islower(static_cast<unsigned char>(name[i - 1])));
    if (boundary && !words.back().empty()) words.emplace_back();
    if (std::isalnum(static_cast<unsigned char>(c))) {
      words.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return std::find(words.begin(), words.end(), token) != words.end();
}

// Orders two JSON values: numbers numerically, strings lexically (ISO dates sort this way).
bool JsonLess(const std::string& a, const std::string& b) {
  JsonDocument da, db;
  auto ea = da.Parse(a, "attribute");
  auto eb = db.Parse(b, "attribute");
  double x = 0, y = 0;
  if (ea && eb && !ea->get(x) && !eb->get(y)) return x < y;
  return a < b;
}

}  // namespace

Result<AttributeList> ParseAttributes(std::string_view json, std::string_view what) {
  JsonDocument doc;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element root, doc.Parse(json, what));
  simdjson::dom::object object;
  if (root.get(object)) return InvalidArgument(std::string(what) + ": attributes are not an object");
  AttributeList out;
  for (auto [key, value] : object) out.emplace_back(std::string(key), simdjson::minify(value));
  return out;
}

std::string AttributesToJson(const AttributeList& attributes) {
  std::string out = "{";
  for (const auto& [name, value] : attributes) {
    if (out.size() > 1) out += ',';
    AppendJsonString(&out, name);
    out += ':';
    out += value;
  }
  return out + "}";
}

std::optional<std::string> StringAttribute(std::string_view json, std::string_view name) {
  JsonDocument doc;
  auto root = doc.Parse(json, "attributes");
  if (!root) return std::nullopt;
  std::string_view value;
  if ((*root)[name].get(value)) return std::nullopt;
  return std::string(value);
}

Result<std::string> MergeAttributes(const std::vector<std::string>& per_file,
                                    const std::vector<std::string>& file_names, std::string_view where,
                                    std::vector<std::string>* warnings) {
  std::vector<AttributeList> lists;
  for (size_t i = 0; i < per_file.size(); ++i) {
    STACFS_ASSIGN_OR_RETURN(AttributeList list, ParseAttributes(per_file[i], file_names[i]));
    lists.push_back(std::move(list));
  }
  if (lists.empty()) return std::string("{}");
  // Names in first-seen order over all files.
  AttributeList merged;
  for (const AttributeList& list : lists) {
    for (const auto& [name, value] : list) {
      if (std::none_of(merged.begin(), merged.end(), [&](const auto& p) { return p.first == name; })) {
        merged.emplace_back(name, value);
      }
    }
  }
  for (auto& [name, value] : merged) {
    std::vector<std::string> values;  // one per file that has it
    std::vector<std::string> holders;
    for (size_t i = 0; i < lists.size(); ++i) {
      for (const auto& [n, v] : lists[i]) {
        if (n == name) {
          values.push_back(v);
          holders.push_back(file_names[i]);
        }
      }
    }
    bool all_equal = values.size() == lists.size() &&
                     std::all_of(values.begin(), values.end(), [&](const auto& v) { return v == values[0]; });
    if (all_equal) continue;
    if (HasToken(name, "start") || HasToken(name, "begin")) {
      value = *std::min_element(values.begin(), values.end(), JsonLess);
    } else if (HasToken(name, "end") || HasToken(name, "stop")) {
      value = *std::max_element(values.begin(), values.end(), JsonLess);
    } else {
      std::string detail;
      for (size_t i = 0; i < values.size(); ++i) {
        detail += (i ? "; " : "") + holders[i] + ": " + values[i];
      }
      if (values.size() < lists.size()) detail += "; absent from " + std::to_string(lists.size() - values.size()) + " file(s)";
      warnings->push_back(std::string(where) + " attribute '" + name +
                          "' differs between files; kept the first file's value (" + detail + ")");
    }
  }
  return AttributesToJson(merged);
}

}  // namespace stacfs::converter
