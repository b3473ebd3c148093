// SharedBytes: an immutable byte buffer shared by reference, and cheap slices of it.
//
// Fetched chunks flow from the fetcher through caches to many readers; sharing one immutable
// buffer avoids copies, and slicing lets one coalesced fetch serve several chunks.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace stacfs {

class SharedBytes {
 public:
  SharedBytes() = default;
  explicit SharedBytes(std::string bytes)
      : storage_(std::make_shared<const std::string>(std::move(bytes))),
        offset_(0),
        size_(storage_->size()) {}

  std::string_view view() const {
    return storage_ ? std::string_view(storage_->data() + offset_, size_) : std::string_view();
  }
  const char* data() const { return view().data(); }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // A view of [offset, offset + length) sharing this buffer; clamped to the buffer.
  SharedBytes Slice(size_t offset, size_t length) const {
    SharedBytes out;
    out.storage_ = storage_;
    out.offset_ = offset_ + (offset < size_ ? offset : size_);
    size_t available = offset < size_ ? size_ - offset : 0;
    out.size_ = length < available ? length : available;
    return out;
  }

  // Bytes of memory this buffer keeps alive (the whole underlying allocation).
  size_t retained_bytes() const { return storage_ ? storage_->capacity() : 0; }

  bool operator==(std::string_view other) const { return view() == other; }

 private:
  std::shared_ptr<const std::string> storage_;
  size_t offset_ = 0;
  size_t size_ = 0;
};

}  // namespace stacfs
