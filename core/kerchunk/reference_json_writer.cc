#include "core/kerchunk/reference_json_writer.h"

#include "core/base/base64.h"
#include "core/json/json.h"
#include "core/url/url.h"

namespace stacfs {
namespace {

constexpr std::string_view kBase64Prefix = "base64:";
constexpr std::string_view kHeader = "{\"version\":1,\"refs\":{";
constexpr std::string_view kFooter = "\n}}\n";

}  // namespace

ReferenceJsonWriter::ReferenceJsonWriter(Sink sink, size_t flush_bytes)
    : sink_(std::move(sink)), flush_bytes_(flush_bytes) {
  buffer_.reserve(flush_bytes_ + 4096);
  buffer_ += kHeader;
}

void ReferenceJsonWriter::StartKey(std::string_view key) {
  buffer_ += keys_ == 0 ? "\n" : ",\n";
  ++keys_;
  AppendJsonString(&buffer_, key);
  buffer_ += ':';
}

Result<void> ReferenceJsonWriter::MaybeFlush() {
  if (buffer_.size() < flush_bytes_) return Ok();
  STACFS_RETURN_IF_ERROR(sink_(buffer_));
  buffer_.clear();
  return Ok();
}

Result<void> ReferenceJsonWriter::AddInline(std::string_view key, std::string_view bytes) {
  if (finished_) return Internal("reference added after the JSON text was finished");
  StartKey(key);
  // Raw text only when a reader cannot mistake it for something else: valid UTF-8 that does
  // not itself start with the base64 marker. The bytes are never re-encoded otherwise.
  if (IsValidUtf8(bytes) && !bytes.starts_with(kBase64Prefix)) {
    AppendJsonString(&buffer_, bytes);
  } else {
    buffer_ += '"';
    buffer_ += kBase64Prefix;
    buffer_ += Base64Encode(bytes);
    buffer_ += '"';
  }
  return MaybeFlush();
}

Result<void> ReferenceJsonWriter::AddRange(std::string_view key, std::string_view url,
                                           ByteRange range) {
  if (finished_) return Internal("reference added after the JSON text was finished");
  if (!IsAbsoluteLocation(url)) {
    return InvalidArgument("key '" + std::string(key) + "': URL '" + std::string(url) +
                           "' is not absolute; references must name absolute URLs");
  }
  StartKey(key);
  buffer_ += '[';
  AppendJsonString(&buffer_, url);
  buffer_ += ',';
  buffer_ += std::to_string(range.offset);
  buffer_ += ',';
  buffer_ += std::to_string(range.length);
  buffer_ += ']';
  return MaybeFlush();
}

Result<void> ReferenceJsonWriter::AddWholeObject(std::string_view key, std::string_view url) {
  if (finished_) return Internal("reference added after the JSON text was finished");
  if (!IsAbsoluteLocation(url)) {
    return InvalidArgument("key '" + std::string(key) + "': URL '" + std::string(url) +
                           "' is not absolute; references must name absolute URLs");
  }
  StartKey(key);
  buffer_ += '[';
  AppendJsonString(&buffer_, url);
  buffer_ += ']';
  return MaybeFlush();
}

Result<void> ReferenceJsonWriter::Add(std::string_view key, const Reference& ref) {
  switch (ref.kind) {
    case Reference::Kind::kInline:
      return AddInline(key, ref.data);
    case Reference::Kind::kRange:
      return AddRange(key, ref.url, ref.range);
    case Reference::Kind::kWholeObject:
      return AddWholeObject(key, ref.url);
  }
  return Internal("unknown reference kind");
}

Result<void> ReferenceJsonWriter::Finish() {
  if (finished_) return Internal("the JSON text was finished twice");
  finished_ = true;
  buffer_ += kFooter;
  STACFS_RETURN_IF_ERROR(sink_(buffer_));
  std::string().swap(buffer_);
  return Ok();
}

}  // namespace stacfs
