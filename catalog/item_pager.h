// ApiItemPager: the ItemStream of a STAC API — /search (GET or POST) or
// /collections/{id}/items — following rel=next links by the rules of paging.h.
//
// One page is requested per NextPage() call, so a consumer (a terminal, a directory listing)
// sees the first items after one round trip and memory holds one page. Beyond the rules of
// paging.h, a page whose items (ids, in order) repeat one of the recent pages ends paging: a
// server cycling through its results under new tokens would otherwise page forever. Each page is retried on
// its own by the HttpClient. When a page's next link must be refused (another origin, too
// long), that page's items are still delivered and the error comes with the following call.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <unordered_set>

#include "catalog/document_loader.h"
#include "catalog/item_filter.h"
#include "catalog/item_stream.h"
#include "catalog/paging.h"

namespace stacfs::catalog {

struct PagerOptions {
  std::optional<uint64_t> max_items;  // stop after this many items (the page is cut)
  PagingLimits limits;
  // Applied to each page when the server could not do all of the search (APIs without
  // /search, read through /collections/{id}/items); null: the server filtered.
  std::shared_ptr<const ItemFilter> client_filter;
  // Given to items that name no collection (items read from a collection's endpoint).
  std::string default_collection;
};

class ApiItemPager final : public ItemStream {
 public:
  ApiItemPager(std::shared_ptr<const DocumentLoader> loader, PageRequest first, PagerOptions options);

  Result<std::optional<std::vector<StacItem>>> NextPage() override;
  const StreamStats& stats() const override { return stats_; }

 private:
  // Reads the page of `next_`, decides the one after it; returns the page's (filtered) items.
  Result<std::vector<StacItem>> ReadPage();
  void Stop(StopReason reason);

  const std::shared_ptr<const DocumentLoader> loader_;
  const PagerOptions options_;
  std::optional<PageRequest> next_;      // nullopt once paging has stopped
  std::optional<Error> deferred_error_;  // reported after the page that caused it
  RepeatGuard seen_requests_;
  // Fingerprints of the most recent pages: a server that cycles through the same pages under
  // ever-new tokens is noticed within kRecentPages pages, in bounded memory.
  static constexpr size_t kRecentPages = 4096;
  std::deque<uint64_t> recent_pages_;
  std::unordered_set<uint64_t> recent_page_set_;
  StreamStats stats_;
};

}  // namespace stacfs::catalog
