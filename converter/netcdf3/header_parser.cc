#include "converter/netcdf3/header_parser.h"

#include <cstdio>
#include <string_view>
#include <utility>

#include "converter/netcdf3/text.h"

namespace stacfs::converter::netcdf3 {
namespace {

constexpr uint32_t kTagAbsent = 0x00;
constexpr uint32_t kTagDimension = 0x0A;
constexpr uint32_t kTagVariable = 0x0B;
constexpr uint32_t kTagAttribute = 0x0C;

uint64_t RoundUp4(uint64_t n) { return n + (-n & 3); }  // callers keep n far below 2^64

std::string Hex32(uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08x", value);
  return text;
}

// Field widths of one format version.
struct Widths {
  uint64_t size = 4;    // counts, name lengths, dimension lengths, vsize, dimension ids
  uint64_t offset = 4;  // begin
};

Widths WidthsOf(NcFormat format) {
  switch (format) {
    case NcFormat::kClassic: return {4, 4};
    case NcFormat::k64BitOffset: return {4, 8};
    case NcFormat::kCdf5: return {8, 8};
  }
  return {4, 4};
}

class Parser {
 public:
  explicit Parser(HeaderStream& stream) : in_(stream) {}

  Result<NcHeader> Run();

 private:
  Result<uint64_t> Size(std::string_view what) {
    if (widths_.size == 8) return in_.TakeU64(what);
    STACFS_ASSIGN_OR_RETURN(uint32_t value, in_.TakeU32(what));
    return uint64_t{value};
  }
  Result<uint64_t> Offset(std::string_view what) {
    if (widths_.offset == 8) return in_.TakeU64(what);
    STACFS_ASSIGN_OR_RETURN(uint32_t value, in_.TakeU32(what));
    return uint64_t{value};
  }

  Result<void> Magic();
  // The count of a list after checking its tag; `min_item_bytes` bounds the count by the bytes
  // left in the file, so that no corrupt count can make us reserve more than the file holds.
  Result<uint64_t> ListCount(uint32_t expected_tag, std::string_view list_name,
                             uint64_t min_item_bytes);
  Result<std::string> Name(std::string_view what);
  Result<NcType> Type(std::string_view what);
  Result<void> Dimensions();
  Result<std::vector<NcAttribute>> Attributes();
  Result<NcAttribute> Attribute();
  Result<void> Variables();
  Result<NcVariable> Variable();

  HeaderStream& in_;
  Widths widths_;
  NcHeader header_;
};

Result<void> Parser::Magic() {
  if (in_.file_size() < 4) {
    return InvalidArgument("not a netCDF3 file: only " + std::to_string(in_.file_size()) +
                           " bytes, too short for the 4-byte magic \"CDF\" + version");
  }
  STACFS_ASSIGN_OR_RETURN(std::string_view magic, in_.Take(4, "magic"));
  if (magic == std::string_view("\x89HDF", 4)) {
    return InvalidArgument(
        "not a netCDF3 file: it starts with the HDF5 signature (netCDF4/HDF5 files are read by "
        "the HDF5 reader)");
  }
  if (magic.substr(0, 3) != "CDF") {
    char shown[48];
    std::snprintf(shown, sizeof shown, "%02x %02x %02x %02x", static_cast<unsigned char>(magic[0]),
                  static_cast<unsigned char>(magic[1]), static_cast<unsigned char>(magic[2]),
                  static_cast<unsigned char>(magic[3]));
    return InvalidArgument(std::string("not a netCDF3 file: expected the magic \"CDF\" at offset 0, "
                                       "found bytes ") + shown);
  }
  switch (static_cast<unsigned char>(magic[3])) {
    case 1: header_.format = NcFormat::kClassic; break;
    case 2: header_.format = NcFormat::k64BitOffset; break;
    case 5: header_.format = NcFormat::kCdf5; break;
    default:
      return InvalidArgument("not a netCDF3 file: unknown format version " +
                             std::to_string(static_cast<unsigned char>(magic[3])) +
                             " at offset 3 (expected 1 classic, 2 64-bit offset or 5 CDF-5)");
  }
  widths_ = WidthsOf(header_.format);
  return Ok();
}

Result<uint64_t> Parser::ListCount(uint32_t expected_tag, std::string_view list_name,
                                   uint64_t min_item_bytes) {
  uint64_t tag_offset = in_.position();
  STACFS_ASSIGN_OR_RETURN(uint32_t tag, in_.TakeU32("list tag"));
  STACFS_ASSIGN_OR_RETURN(uint64_t count, Size("list length"));
  // ABSENT is ZERO ZERO; like netCDF-C, any tag with a zero count means an empty list.
  if (count == 0) return uint64_t{0};
  if (tag != expected_tag) {
    return Corrupt("expected the " + std::string(list_name) + " list tag " + Hex32(expected_tag) +
                   " at offset " + std::to_string(tag_offset) + ", found " + Hex32(tag) +
                   (tag == kTagAbsent ? " (ABSENT) with a non-zero length" : ""));
  }
  if (count > in_.remaining() / min_item_bytes) {
    return Corrupt("the " + std::string(list_name) + " list at offset " +
                   std::to_string(tag_offset) + " claims " + std::to_string(count) +
                   " entries, but the " + std::to_string(in_.remaining()) +
                   " bytes left in the file hold at most " +
                   std::to_string(in_.remaining() / min_item_bytes));
  }
  return count;
}

Result<std::string> Parser::Name(std::string_view what) {
  uint64_t offset = in_.position();
  STACFS_ASSIGN_OR_RETURN(uint64_t length, Size(what));
  if (length > in_.remaining()) {
    return Corrupt("a " + std::string(what) + " at offset " + std::to_string(offset) +
                   " claims " + std::to_string(length) + " bytes, but only " +
                   std::to_string(in_.remaining()) + " remain in the file");
  }
  STACFS_ASSIGN_OR_RETURN(std::string_view bytes, in_.Take(RoundUp4(length), what));
  return std::string(bytes.substr(0, static_cast<size_t>(length)));
}

Result<NcType> Parser::Type(std::string_view what) {
  uint64_t offset = in_.position();
  STACFS_ASSIGN_OR_RETURN(uint32_t tag, in_.TakeU32(what));
  if (!IsNcType(tag)) {
    return Corrupt("unknown " + std::string(what) + " " + std::to_string(tag) + " at offset " +
                   std::to_string(offset) + " (expected 1..6, or 1..11 in CDF-5)");
  }
  return static_cast<NcType>(tag);
}

Result<void> Parser::Dimensions() {
  STACFS_ASSIGN_OR_RETURN(uint64_t count,
                          ListCount(kTagDimension, "dimension", 2 * widths_.size));
  header_.dimensions.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    NcDimension dim;
    auto name = Name("dimension name");
    if (!name) return std::move(name).error().WithContext("dimension " + std::to_string(i));
    dim.name = std::move(*name);
    auto length = Size("dimension length");
    if (!length) return std::move(length).error().WithContext("dimension " + std::to_string(i));
    dim.length = *length;
    header_.dimensions.push_back(std::move(dim));
  }
  return Ok();
}

Result<NcAttribute> Parser::Attribute() {
  NcAttribute attr;
  STACFS_ASSIGN_OR_RETURN(attr.name, Name("attribute name"));
  STACFS_ASSIGN_OR_RETURN(attr.type, Type("attribute type"));
  uint64_t offset = in_.position();
  STACFS_ASSIGN_OR_RETURN(attr.count, Size("attribute value count"));
  uint64_t item = NcTypeSize(attr.type);
  if (attr.count > in_.remaining() / item) {
    return Corrupt("attribute \"" + Printable(attr.name) + "\" at offset " + std::to_string(offset) +
                   " claims " + std::to_string(attr.count) + " values of " +
                   std::string(NcTypeName(attr.type)) + ", but only " +
                   std::to_string(in_.remaining()) + " bytes remain in the file");
  }
  uint64_t bytes = attr.count * item;
  STACFS_ASSIGN_OR_RETURN(std::string_view values, in_.Take(RoundUp4(bytes), "attribute values"));
  attr.values.assign(values.data(), static_cast<size_t>(bytes));
  return attr;
}

Result<std::vector<NcAttribute>> Parser::Attributes() {
  // Smallest attribute: an empty name, a type, a zero count.
  STACFS_ASSIGN_OR_RETURN(uint64_t count,
                          ListCount(kTagAttribute, "attribute", 2 * widths_.size + 4));
  std::vector<NcAttribute> attributes;
  attributes.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    auto attr = Attribute();
    if (!attr) return std::move(attr).error().WithContext("attribute " + std::to_string(i));
    attributes.push_back(std::move(*attr));
  }
  return attributes;
}

Result<NcVariable> Parser::Variable() {
  NcVariable var;
  var.header_offset = in_.position();
  STACFS_ASSIGN_OR_RETURN(var.name, Name("variable name"));
  uint64_t ndims_offset = in_.position();
  STACFS_ASSIGN_OR_RETURN(uint64_t ndims, Size("variable rank"));
  if (ndims > in_.remaining() / widths_.size) {
    return Corrupt("variable \"" + Printable(var.name) + "\" claims " + std::to_string(ndims) +
                   " dimensions at offset " + std::to_string(ndims_offset) + ", but only " +
                   std::to_string(in_.remaining()) + " bytes remain in the file");
  }
  var.dim_ids.reserve(ndims);
  for (uint64_t d = 0; d < ndims; ++d) {
    STACFS_ASSIGN_OR_RETURN(uint64_t id, Size("dimension id"));
    var.dim_ids.push_back(id);
  }
  auto attributes = Attributes();
  if (!attributes) {
    return std::move(attributes).error().WithContext("attributes of \"" + Printable(var.name) +
                                                     "\"");
  }
  var.attributes = std::move(*attributes);
  STACFS_ASSIGN_OR_RETURN(var.type, Type("variable type"));
  STACFS_ASSIGN_OR_RETURN(var.vsize, Size("variable vsize"));
  STACFS_ASSIGN_OR_RETURN(var.begin, Offset("variable begin offset"));
  return var;
}

Result<void> Parser::Variables() {
  // Smallest variable: empty name, rank 0, an empty attribute list, type, vsize, begin.
  uint64_t min_bytes = widths_.size * 2 + (4 + widths_.size) + 4 + widths_.size + widths_.offset;
  STACFS_ASSIGN_OR_RETURN(uint64_t count, ListCount(kTagVariable, "variable", min_bytes));
  header_.variables.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    auto var = Variable();
    if (!var) return std::move(var).error().WithContext("variable " + std::to_string(i));
    header_.variables.push_back(std::move(*var));
  }
  return Ok();
}

Result<NcHeader> Parser::Run() {
  header_.file_size = in_.file_size();
  STACFS_RETURN_IF_ERROR(Magic());
  STACFS_ASSIGN_OR_RETURN(header_.numrecs, Size("numrecs"));
  // STREAMING is all ones: 32 bits in CDF-1/2, and the 64-bit all-ones count in CDF-5.
  uint64_t streaming = widths_.size == 8 ? ~uint64_t{0} : uint64_t{0xFFFFFFFF};
  if (header_.numrecs == streaming) {
    header_.numrecs_streaming = true;
    header_.numrecs = 0;
  }
  STACFS_RETURN_IF_ERROR(std::move(Dimensions()).WithContext("dimension list"));
  auto globals = Attributes();
  if (!globals) return std::move(globals).error().WithContext("global attributes");
  header_.global_attributes = std::move(*globals);
  STACFS_RETURN_IF_ERROR(std::move(Variables()).WithContext("variable list"));
  header_.header_bytes = in_.position();
  return std::move(header_);
}

}  // namespace

Result<NcHeader> ParseHeader(HeaderStream& stream) { return Parser(stream).Run(); }

}  // namespace stacfs::converter::netcdf3
