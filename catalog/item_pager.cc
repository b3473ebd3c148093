#include "catalog/item_pager.h"

#include "catalog/item_page.h"

namespace stacfs::catalog {
namespace {

// Identifies a page by its items' ids (and collections), to notice a server that serves the
// same page again under a new next link.
uint64_t PageFingerprint(const std::vector<StacItem>& items) {
  uint64_t h = 0xcbf29ce484222325ull;
  auto mix = [&](std::string_view text) {
    for (unsigned char c : text) {
      h ^= c;
      h *= 0x100000001b3ull;
    }
    h ^= 0xff;
    h *= 0x100000001b3ull;
  };
  for (const StacItem& item : items) {
    mix(item.collection);
    mix(item.id);
  }
  return h;
}

}  // namespace

ApiItemPager::ApiItemPager(std::shared_ptr<const DocumentLoader> loader, PageRequest first,
                           PagerOptions options)
    : loader_(std::move(loader)), options_(std::move(options)) {
  seen_requests_.FirstTime(first);
  next_ = std::move(first);
  if (options_.max_items && *options_.max_items == 0) Stop(StopReason::kMaxItems);
}

void ApiItemPager::Stop(StopReason reason) {
  next_.reset();
  if (stats_.stop == StopReason::kNotStopped) stats_.stop = reason;
}

Result<std::optional<std::vector<StacItem>>> ApiItemPager::NextPage() {
  if (deferred_error_) {
    Error error = std::move(*deferred_error_);
    deferred_error_.reset();
    return error;
  }
  // Pages the client filter empties are skipped, so a caller never gets an empty batch.
  while (next_) {
    Result<std::vector<StacItem>> items = ReadPage();
    if (!items) {
      next_.reset();
      return std::move(items).error();
    }
    if (!items->empty()) return std::optional<std::vector<StacItem>>(std::move(*items));
    if (deferred_error_) {
      Error error = std::move(*deferred_error_);
      deferred_error_.reset();
      return error;
    }
  }
  return std::optional<std::vector<StacItem>>();
}

Result<std::vector<StacItem>> ApiItemPager::ReadPage() {
  PageRequest request = std::move(*next_);
  next_.reset();
  const std::string where = "page " + std::to_string(stats_.pages + 1);
  STACFS_ASSIGN_OR_RETURN(Document document, loader_->Send(request).WithContext(where));
  STACFS_ASSIGN_OR_RETURN(ItemPage page,
                          ParseItemPage(document.text, document.url).WithContext(where));
  stats_.pages++;
  if (page.matched) stats_.matched = page.matched;
  if (page.items.empty()) {
    Stop(StopReason::kEmptyPage);
    return std::vector<StacItem>();
  }
  const uint64_t fingerprint = PageFingerprint(page.items);
  if (!recent_page_set_.insert(fingerprint).second) {
    STACFS_LOG(loader_->logger(), kWarning)
        << "the server sent a page it sent before (" << document.url << "); stopping";
    Stop(StopReason::kRepeatedPage);
    return std::vector<StacItem>();
  }
  recent_pages_.push_back(fingerprint);
  if (recent_pages_.size() > kRecentPages) {
    recent_page_set_.erase(recent_pages_.front());
    recent_pages_.pop_front();
  }

  std::vector<StacItem> items;
  items.reserve(page.items.size());
  for (StacItem& item : page.items) {
    if (options_.max_items && stats_.items >= *options_.max_items) break;
    if (item.collection.empty()) item.collection = options_.default_collection;
    if (options_.client_filter && !options_.client_filter->Matches(item)) continue;
    items.push_back(std::move(item));
    stats_.items++;
  }

  if (options_.max_items && stats_.items >= *options_.max_items) {
    Stop(StopReason::kMaxItems);
  } else if (!page.next) {
    Stop(StopReason::kNoNextLink);
  } else {
    Result<PageRequest> next = NextPageRequest(request, *page.next, options_.limits);
    if (!next) {
      deferred_error_ =
          std::move(next).error().WithContext(where + " (" + AbbreviateUrl(document.url) + ")");
      Stop(StopReason::kNoNextLink);
    } else if (!seen_requests_.FirstTime(*next)) {
      STACFS_LOG(loader_->logger(), kInfo) << "next link repeats an earlier request ("
                                           << next->Describe() << "); paging ends";
      Stop(StopReason::kRepeatedRequest);
    } else {
      next_ = std::move(*next);
    }
  }
  return items;
}

}  // namespace stacfs::catalog
