// The STAC API Query extension's conditions ("query": {"eo:cloud_cover": {"lt": 10}}): parsed
// from the command line, sent to servers, and evaluated on the client for static catalogs.
//
// Command-line forms, repeatable:
//   'eo:cloud_cover<10'   'cmip6:experiment_id=historical'   'platform!=sentinel-2b'
//   'cmip6:member_id="001"'  (quotes force a string)   '{"eo:cloud_cover":{"lte":10}}' (JSON)
// Operators: = (or ==), !=, <, <=, >, >=; in JSON also startsWith, endsWith, contains, in.
// A value is read as JSON when it is a JSON number, true, false, null or a quoted string, and
// as a plain string otherwise.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/stac_model.h"
#include "core/base/result.h"

namespace stacfs::catalog {

enum class QueryOp { kEq, kNeq, kLt, kLte, kGt, kGte, kStartsWith, kEndsWith, kContains, kIn };

std::string_view QueryOpName(QueryOp op);  // the extension's spelling: "eq", "lte", "startsWith"

struct QueryClause {
  std::string property;
  QueryOp op = QueryOp::kEq;
  std::vector<JsonScalar> values;  // one value, or the list of "in"

  bool operator==(const QueryClause&) const = default;
};

// One --query argument: a 'prop<op>value' condition or a JSON object of conditions.
Result<std::vector<QueryClause>> ParseQueryArgument(std::string_view text);

// {"prop":{"op":value,...},...}, grouping clauses by property in first-seen order.
std::string QueryToJson(const std::vector<QueryClause>& clauses);

// Whether an item's property value (null when the item lacks it) satisfies the clause. Numbers
// compare as numbers and strings as strings; a missing property or a type mismatch never matches.
bool ClauseMatches(const QueryClause& clause, const JsonScalar* value);

}  // namespace stacfs::catalog
