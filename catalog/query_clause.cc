#include "catalog/query_clause.h"

#include <map>

#include "catalog/stac_parse.h"
#include "core/base/text.h"
#include "core/json/json.h"

namespace stacfs::catalog {
namespace {

struct OpSpelling {
  std::string_view name;
  QueryOp op;
};
constexpr OpSpelling kOpNames[] = {
    {"eq", QueryOp::kEq},   {"neq", QueryOp::kNeq},         {"lt", QueryOp::kLt},
    {"lte", QueryOp::kLte}, {"gt", QueryOp::kGt},           {"gte", QueryOp::kGte},
    {"startsWith", QueryOp::kStartsWith}, {"endsWith", QueryOp::kEndsWith},
    {"contains", QueryOp::kContains},     {"in", QueryOp::kIn},
};


// A command-line value: JSON when it parses as a JSON scalar, else the text itself.
JsonScalar ValueOf(std::string_view text) {
  if (!text.empty()) {
    char c = text.front();
    bool json_like = c == '"' || c == '-' || (c >= '0' && c <= '9') || text == "true" ||
                     text == "false" || text == "null";
    if (json_like) {
      JsonDocument document;
      auto parsed = document.Parse(text, "query value");
      if (parsed && !parsed->is_array() && !parsed->is_object()) return ScalarOf(*parsed);
    }
  }
  return JsonScalar::String(std::string(text));
}

Result<QueryClause> ParseCondition(std::string_view text) {
  size_t at = text.find_first_of("!<>=");
  if (at == std::string_view::npos || at == 0) {
    return InvalidArgument("invalid --query '" + std::string(text) +
                           "': expected PROPERTY OP VALUE with OP one of = != < <= > >=, "
                           "e.g. 'eo:cloud_cover<10', or a JSON object");
  }
  QueryClause clause;
  clause.property = std::string(TrimWhitespace(text.substr(0, at)));
  std::string_view rest = text.substr(at);
  struct Symbol {
    std::string_view text;
    QueryOp op;
  };
  // Two-character operators first, so that "<=" is not read as "<" followed by "=...".
  constexpr Symbol kSymbols[] = {{"!=", QueryOp::kNeq}, {"<=", QueryOp::kLte},
                                 {">=", QueryOp::kGte}, {"==", QueryOp::kEq},
                                 {"=", QueryOp::kEq},   {"<", QueryOp::kLt},
                                 {">", QueryOp::kGt}};
  for (const Symbol& symbol : kSymbols) {
    if (rest.starts_with(symbol.text)) {
      clause.op = symbol.op;
      std::string_view value = TrimWhitespace(rest.substr(symbol.text.size()));
      if (value.empty()) {
        return InvalidArgument("invalid --query '" + std::string(text) + "': no value after '" +
                               std::string(symbol.text) + "'");
      }
      clause.values.push_back(ValueOf(value));
      if (clause.property.empty()) break;
      return clause;
    }
  }
  return InvalidArgument("invalid --query '" + std::string(text) + "': no property name");
}

Result<std::vector<QueryClause>> ParseQueryJson(std::string_view text) {
  JsonDocument document;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element root, document.Parse(text, "--query"));
  simdjson::dom::object object;
  if (root.get(object) != simdjson::SUCCESS) return InvalidArgument("--query JSON must be an object");
  std::vector<QueryClause> out;
  for (auto [property, conditions] : object) {
    simdjson::dom::object ops;
    if (conditions.get(ops) != simdjson::SUCCESS) {
      return InvalidArgument("--query: the conditions of '" + std::string(property) +
                             "' must be an object such as {\"lt\": 10}");
    }
    for (auto [name, value] : ops) {
      const OpSpelling* spelling = nullptr;
      for (const OpSpelling& s : kOpNames) {
        if (s.name == name) spelling = &s;
      }
      if (spelling == nullptr) {
        return InvalidArgument("--query: unknown operator '" + std::string(name) + "' for '" +
                               std::string(property) +
                               "' (eq, neq, lt, lte, gt, gte, startsWith, endsWith, contains, in)");
      }
      QueryClause clause{std::string(property), spelling->op, {}};
      simdjson::dom::array list;
      if (spelling->op == QueryOp::kIn) {
        if (value.get(list) != simdjson::SUCCESS) {
          return InvalidArgument("--query: 'in' of '" + std::string(property) + "' must be an array");
        }
        for (simdjson::dom::element v : list) clause.values.push_back(ScalarOf(v));
      } else {
        clause.values.push_back(ScalarOf(value));
      }
      out.push_back(std::move(clause));
    }
  }
  return out;
}

int Compare(const JsonScalar& a, const JsonScalar& b) {
  if (a.type == JsonScalar::Type::kNumber) return a.number < b.number ? -1 : a.number > b.number;
  return a.text < b.text ? -1 : a.text > b.text;
}

}  // namespace

std::string_view QueryOpName(QueryOp op) {
  for (const OpSpelling& s : kOpNames) {
    if (s.op == op) return s.name;
  }
  return "eq";
}

Result<std::vector<QueryClause>> ParseQueryArgument(std::string_view text) {
  std::string_view trimmed = TrimWhitespace(text);
  if (trimmed.starts_with("{")) return ParseQueryJson(trimmed);
  STACFS_ASSIGN_OR_RETURN(QueryClause clause, ParseCondition(trimmed));
  return std::vector<QueryClause>{std::move(clause)};
}

std::string QueryToJson(const std::vector<QueryClause>& clauses) {
  std::vector<std::string> order;
  std::map<std::string, std::string> body;  // property -> "\"op\":value,..."
  for (const QueryClause& c : clauses) {
    std::string& ops = body[c.property];
    if (ops.empty()) order.push_back(c.property);
    else ops += ",";
    ops += JsonString(QueryOpName(c.op)) + ":";
    if (c.op == QueryOp::kIn) {
      ops += "[";
      for (size_t i = 0; i < c.values.size(); ++i) ops += (i ? "," : "") + c.values[i].ToJson();
      ops += "]";
    } else {
      ops += c.values.empty() ? "null" : c.values.front().ToJson();
    }
  }
  std::string out = "{";
  for (size_t i = 0; i < order.size(); ++i) {
    out += (i ? "," : "") + JsonString(order[i]) + ":{" + body[order[i]] + "}";
  }
  return out + "}";
}

bool ClauseMatches(const QueryClause& clause, const JsonScalar* value) {
  if (value == nullptr || value->type == JsonScalar::Type::kNull || clause.values.empty()) {
    return false;
  }
  const JsonScalar& wanted = clause.values.front();
  auto comparable = [&](const JsonScalar& w) {
    return w.type == value->type &&
           (w.type == JsonScalar::Type::kNumber || w.type == JsonScalar::Type::kString);
  };
  switch (clause.op) {
    case QueryOp::kEq: return *value == wanted;
    case QueryOp::kNeq: return !(*value == wanted);
    case QueryOp::kLt: return comparable(wanted) && Compare(*value, wanted) < 0;
    case QueryOp::kLte: return comparable(wanted) && Compare(*value, wanted) <= 0;
    case QueryOp::kGt: return comparable(wanted) && Compare(*value, wanted) > 0;
    case QueryOp::kGte: return comparable(wanted) && Compare(*value, wanted) >= 0;
    case QueryOp::kStartsWith:
      return value->type == JsonScalar::Type::kString && value->text.starts_with(wanted.text);
    case QueryOp::kEndsWith:
      return value->type == JsonScalar::Type::kString && value->text.ends_with(wanted.text);
    case QueryOp::kContains:
      return value->type == JsonScalar::Type::kString &&
             value->text.find(wanted.text) != std::string::npos;
    case QueryOp::kIn:
      for (const JsonScalar& v : clause.values) {
        if (*value == v) return true;
      }
      return false;
  }
  return false;
}

}  // namespace stacfs::catalog
