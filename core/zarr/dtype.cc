#include "core/zarr/dtype.h"

#include <charconv>

namespace stacfs {

std::string DataType::ToString() const {
  char order = byte_order == ByteOrder::kLittle ? '<' : byte_order == ByteOrder::kBig ? '>' : '|';
  switch (kind) {
    case DataKind::kBool: return std::string(1, order) + "b1";
    case DataKind::kInt: return std::string(1, order) + "i" + std::to_string(itemsize);
    case DataKind::kUInt: return std::string(1, order) + "u" + std::to_string(itemsize);
    case DataKind::kFloat: return std::string(1, order) + "f" + std::to_string(itemsize);
    case DataKind::kComplex: return std::string(1, order) + "c" + std::to_string(itemsize);
    case DataKind::kBytes: return "|S" + std::to_string(itemsize);
    case DataKind::kUnicode: return std::string(1, order) + "U" + std::to_string(itemsize / 4);
    case DataKind::kObject: return "|O";
    case DataKind::kDatetime: return std::string(1, order) + "M8[" + unit + "]";
    case DataKind::kTimedelta: return std::string(1, order) + "m8[" + unit + "]";
    case DataKind::kVoid: return "|V" + std::to_string(itemsize);
  }
  return "?";
}

Result<DataType> ParseDataType(std::string_view typestr) {
  auto fail = [&](std::string why) {
    return InvalidArgument("dtype \"" + std::string(typestr) + "\": " + why);
  };
  if (typestr.starts_with("[")) return Unsupported("structured dtypes are not supported");
  if (typestr.size() < 2) return fail("too short");
  DataType type;
  switch (typestr[0]) {
    case '<': type.byte_order = ByteOrder::kLittle; break;
    case '>': type.byte_order = ByteOrder::kBig; break;
    case '|': type.byte_order = ByteOrder::kNone; break;
    case '=': type.byte_order = ByteOrder::kLittle; break;  // native of every host we run on
    default: return fail("must start with '<', '>' or '|'");
  }
  char code = typestr[1];
  std::string_view rest = typestr.substr(2);
  if (code == 'O') {
    if (!rest.empty() && rest != "8") return fail("unexpected size after 'O'");
    type.kind = DataKind::kObject;
    type.byte_order = ByteOrder::kNone;
    type.itemsize = 8;
    return type;
  }
  if (code == 'M' || code == 'm') {
    type.kind = code == 'M' ? DataKind::kDatetime : DataKind::kTimedelta;
    if (!rest.starts_with("8")) return fail("datetimes must be 8 bytes");
    rest.remove_prefix(1);
    if (rest.size() < 3 || rest.front() != '[' || rest.back() != ']') return fail("missing [unit]");
    type.unit = std::string(rest.substr(1, rest.size() - 2));
    type.itemsize = 8;
    return type;
  }
  size_t size = 0;
  auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), size);
  if (ec != std::errc() || end != rest.data() + rest.size()) return fail("bad size");
  switch (code) {
    case 'b': type.kind = DataKind::kBool; break;
    case 'i': type.kind = DataKind::kInt; break;
    case 'u': type.kind = DataKind::kUInt; break;
    case 'f': type.kind = DataKind::kFloat; break;
    case 'c': type.kind = DataKind::kComplex; break;
    case 'S': type.kind = DataKind::kBytes; break;
    case 'U': type.kind = DataKind::kUnicode; break;
    case 'V': type.kind = DataKind::kVoid; break;
    default: return fail(std::string("unknown type code '") + code + "'");
  }
  switch (type.kind) {
    case DataKind::kBool:
      if (size != 1) return fail("bool must be 1 byte");
      break;
    case DataKind::kInt:
    case DataKind::kUInt:
      if (size != 1 && size != 2 && size != 4 && size != 8) return fail("integer size");
      break;
    case DataKind::kFloat:
      if (size != 2 && size != 4 && size != 8) return fail("float size");
      break;
    case DataKind::kComplex:
      if (size != 8 && size != 16) return fail("complex size");
      break;
    default: break;
  }
  if (type.kind == DataKind::kUnicode) {
    if (size > SIZE_MAX / 4) return fail("too large");
    size *= 4;
  } else if (type.kind == DataKind::kBytes || type.kind == DataKind::kVoid) {
    type.byte_order = ByteOrder::kNone;
  }
  if (size == 1 && type.kind != DataKind::kUnicode) type.byte_order = ByteOrder::kNone;
  if (size == 0 && type.kind != DataKind::kBytes && type.kind != DataKind::kVoid) {
    return fail("zero size");
  }
  type.itemsize = size;
  return type;
}

}  // namespace stacfs
