#include "converter/netcdf3/nc_types.h"

namespace stacfs::converter::netcdf3 {

bool IsNcType(uint32_t tag) { return tag >= 1 && tag <= 11; }

size_t NcTypeSize(NcType type) {
  switch (type) {
    case NcType::kByte:
    case NcType::kChar:
    case NcType::kUByte: return 1;
    case NcType::kShort:
    case NcType::kUShort: return 2;
    case NcType::kInt:
    case NcType::kUInt:
    case NcType::kFloat: return 4;
    case NcType::kDouble:
    case NcType::kInt64:
    case NcType::kUInt64: return 8;
  }
  return 1;  // unreachable: callers construct NcType only from tags IsNcType accepted
}

std::string_view NcTypeName(NcType type) {
  switch (type) {
    case NcType::kByte: return "NC_BYTE";
    case NcType::kChar: return "NC_CHAR";
    case NcType::kShort: return "NC_SHORT";
    case NcType::kInt: return "NC_INT";
    case NcType::kFloat: return "NC_FLOAT";
    case NcType::kDouble: return "NC_DOUBLE";
    case NcType::kUByte: return "NC_UBYTE";
    case NcType::kUShort: return "NC_USHORT";
    case NcType::kUInt: return "NC_UINT";
    case NcType::kInt64: return "NC_INT64";
    case NcType::kUInt64: return "NC_UINT64";
  }
  return "NC_?";
}

DataType NcTypeToDataType(NcType type) {
  DataType dtype;
  dtype.itemsize = NcTypeSize(type);
  // Single bytes have no byte order: NumPy spells them "|i1", "|u1", "|S1".
  dtype.byte_order = dtype.itemsize == 1 ? ByteOrder::kNone : ByteOrder::kBig;
  switch (type) {
    case NcType::kByte:
    case NcType::kShort:
    case NcType::kInt:
    case NcType::kInt64: dtype.kind = DataKind::kInt; break;
    case NcType::kUByte:
    case NcType::kUShort:
    case NcType::kUInt:
    case NcType::kUInt64: dtype.kind = DataKind::kUInt; break;
    case NcType::kFloat:
    case NcType::kDouble: dtype.kind = DataKind::kFloat; break;
    case NcType::kChar: dtype.kind = DataKind::kBytes; break;
  }
  return dtype;
}

}  // namespace stacfs::converter::netcdf3
