#include "catalog/search_request.h"

#include "core/json/json.h"

namespace stacfs::catalog {
namespace {

std::string JoinComma(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
  return out;
}

std::string NumberText(double value) {
  std::string out;
  AppendJsonNumber(&out, value);
  return out;
}

std::string BboxText(const Bbox& b) {
  return NumberText(b.west) + "," + NumberText(b.south) + "," + NumberText(b.east) + "," +
         NumberText(b.north);
}

std::string JsonStringArray(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ",";
    AppendJsonString(&out, items[i]);
  }
  return out + "]";
}

void AddParameter(std::string* query, std::string_view name, std::string_view value) {
  if (!query->empty()) *query += "&";
  *query += std::string(name) + "=" + PercentEncodeQueryValue(value);
}

}  // namespace

std::string PercentEncodeQueryValue(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == ',' || c == ':' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string AppendQueryParameter(std::string_view url, std::string_view name, std::string_view value) {
  std::string out(url);
  size_t hash = out.find('#');
  std::string fragment;
  if (hash != std::string::npos) {
    fragment = out.substr(hash);
    out.erase(hash);
  }
  char separator = out.find('?') == std::string::npos ? '?' : (out.back() == '?' || out.back() == '&' ? '\0' : '&');
  if (separator != '\0') out += separator;
  out += std::string(name) + "=" + PercentEncodeQueryValue(value);
  return out + fragment;
}

std::string SearchQueryString(const SearchParams& p) {
  std::string q;
  if (!p.collections.empty()) AddParameter(&q, "collections", JoinComma(p.collections));
  if (!p.ids.empty()) AddParameter(&q, "ids", JoinComma(p.ids));
  if (p.bbox) AddParameter(&q, "bbox", BboxText(*p.bbox));
  if (p.intersects_json) AddParameter(&q, "intersects", *p.intersects_json);
  if (p.datetime) AddParameter(&q, "datetime", p.datetime->ToParameter());
  if (p.limit) AddParameter(&q, "limit", std::to_string(*p.limit));
  if (!p.query.empty()) AddParameter(&q, "query", QueryToJson(p.query));
  if (p.filter) {
    AddParameter(&q, "filter", *p.filter);
    AddParameter(&q, "filter-lang", FilterLangName(p.filter_lang.value_or(FilterLang::kCql2Text)));
  }
  if (!p.sortby.empty()) {
    std::string text;
    for (size_t i = 0; i < p.sortby.size(); ++i) {
      text += (i ? "," : "") + std::string(p.sortby[i].descending ? "-" : "+") + p.sortby[i].field;
    }
    AddParameter(&q, "sortby", text);
  }
  if (!p.fields.empty()) {
    std::string text;
    for (const std::string& f : p.fields.include) text += (text.empty() ? "" : ",") + f;
    for (const std::string& f : p.fields.exclude) text += (text.empty() ? "-" : ",-") + f;
    AddParameter(&q, "fields", text);
  }
  return q;
}

std::string SearchPostBody(const SearchParams& p) {
  std::string body = "{";
  auto member = [&](std::string_view name, const std::string& json) {
    if (body.size() > 1) body += ",";
    AppendJsonString(&body, name);
    body += ":" + json;
  };
  if (!p.collections.empty()) member("collections", JsonStringArray(p.collections));
  if (!p.ids.empty()) member("ids", JsonStringArray(p.ids));
  if (p.bbox) member("bbox", "[" + BboxText(*p.bbox) + "]");
  if (p.intersects_json) member("intersects", *p.intersects_json);
  if (p.datetime) member("datetime", JsonString(p.datetime->ToParameter()));
  if (p.limit) member("limit", std::to_string(*p.limit));
  if (!p.query.empty()) member("query", QueryToJson(p.query));
  if (p.filter) {
    FilterLang lang = p.filter_lang.value_or(FilterLang::kCql2Text);
    member("filter", lang == FilterLang::kCql2Json ? *p.filter : JsonString(*p.filter));
    member("filter-lang", JsonString(FilterLangName(lang)));
  }
  if (!p.sortby.empty()) {
    std::string list = "[";
    for (size_t i = 0; i < p.sortby.size(); ++i) {
      list += (i ? "," : "") + std::string("{\"field\":") + JsonString(p.sortby[i].field) +
              ",\"direction\":" + (p.sortby[i].descending ? "\"desc\"" : "\"asc\"") + "}";
    }
    member("sortby", list + "]");
  }
  if (!p.fields.empty()) {
    member("fields", "{\"include\":" + JsonStringArray(p.fields.include) +
                         ",\"exclude\":" + JsonStringArray(p.fields.exclude) + "}");
  }
  return body + "}";
}

PageRequest BuildSearchRequest(std::string_view endpoint, std::string_view method,
                               const SearchParams& params) {
  PageRequest request;
  request.method = std::string(method);
  if (method == "POST") {
    request.url = std::string(endpoint);
    request.body = SearchPostBody(params);
    return request;
  }
  std::string query = SearchQueryString(params);
  request.url = std::string(endpoint);
  if (!query.empty()) {
    size_t hash = request.url.find('#');
    if (hash != std::string::npos) request.url.erase(hash);
    if (request.url.find('?') == std::string::npos) request.url += "?";
    else if (request.url.back() != '?' && request.url.back() != '&') request.url += "&";
    request.url += query;
  }
  return request;
}

}  // namespace stacfs::catalog
