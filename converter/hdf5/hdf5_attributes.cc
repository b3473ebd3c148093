#include "converter/hdf5/hdf5_attributes.h"

#include <array>
#include <cmath>

#include "converter/hdf5/hdf5_errors.h"
#include "converter/hdf5/hdf5_handles.h"
#include "converter/hdf5/hdf5_read.h"
#include "core/json/json.h"

namespace stacfs::converter::hdf5 {
namespace {

// Runs inside H5Aiterate2: must not throw.
herr_t CollectName(hid_t, const char* name, const H5A_info_t*, void* data) noexcept {
  try {
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  } catch (...) {
    return -1;
  }
  return 0;
}

// Whether the object records its attributes' creation order (netCDF-C always asks for it;
// h5py only with track_order=True).
bool AttributeOrderTracked(hid_t object) {
  PropertyListHandle plist;
  switch (H5Iget_type(object)) {
    case H5I_DATASET:
      plist = PropertyListHandle(H5Dget_create_plist(object));
      break;
    case H5I_GROUP:
      plist = PropertyListHandle(H5Gget_create_plist(object));
      break;
    default:
      return false;
  }
  unsigned flags = 0;
  if (!plist || H5Pget_attr_creation_order(plist.get(), &flags) < 0) {
    ClearErrorStack();
    return false;
  }
  return (flags & H5P_CRT_ORDER_TRACKED) != 0;
}

// Fixed-length strings as NumPy gives them: trailing padding removed.
std::string TrimPadding(std::string_view text, H5T_str_t padding) {
  const char pad = padding == H5T_STR_SPACEPAD ? ' ' : '\0';
  size_t end = text.size();
  while (end > 0 && text[end - 1] == pad) --end;
  return std::string(text.substr(0, end));
}

// Writes `count` values as a JSON scalar (one) or array, with `append(i)` writing value i.
template <class AppendOne>
std::string JsonValues(size_t count, AppendOne append) {
  std::string out;
  if (count == 1) {
    append(&out, 0);
    return out;
  }
  out.push_back('[');
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) out.push_back(',');
    append(&out, i);
  }
  out.push_back(']');
  return out;
}

Result<std::string> IntegerValues(hid_t attribute, bool is_signed, size_t count) {
  STACFS_ASSIGN_OR_RETURN(
      std::string bytes,
      ReadAllElements(attribute, is_signed ? H5T_NATIVE_INT64 : H5T_NATIVE_UINT64, count));
  return JsonValues(count, [&](std::string* out, size_t i) {
    const auto* element = reinterpret_cast<const unsigned char*>(bytes.data()) + 8 * i;
    out->append(is_signed ? std::to_string(DecodeSigned(element, 8, false))
                          : std::to_string(DecodeUnsigned(element, 8, false)));
  });
}

// Enums cannot be converted to integers by HDF5: read them as stored and decode the base type.
Result<std::string> EnumValues(hid_t attribute, hid_t type, size_t count) {
  DatatypeHandle base(H5Tget_super(type));
  if (!base) return Hdf5Error(ErrorCode::kCorrupt, "cannot read an enum's base type");
  STACFS_ASSIGN_OR_RETURN(ElementType element, MapDatatype(base.get()));
  if (element.kind != ElementKind::kNumeric || element.dtype.kind == DataKind::kFloat) {
    return Unsupported("enum of " + element.unsupported);
  }
  DatatypeHandle memory(H5Tcopy(type));
  STACFS_ASSIGN_OR_RETURN(std::string bytes, ReadAllElements(attribute, memory.get(), count));
  const size_t size = element.dtype.itemsize;
  const bool big = element.dtype.byte_order == ByteOrder::kBig;
  const bool is_signed = element.dtype.kind == DataKind::kInt;
  return JsonValues(count, [&](std::string* out, size_t i) {
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data()) + size * i;
    out->append(is_signed ? std::to_string(DecodeSigned(data, size, big))
                          : std::to_string(DecodeUnsigned(data, size, big)));
  });
}

Result<std::string> FloatValues(hid_t attribute, size_t count) {
  STACFS_ASSIGN_OR_RETURN(std::string bytes, ReadAllElements(attribute, H5T_NATIVE_DOUBLE, count));
  return JsonValues(count, [&](std::string* out, size_t i) {
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data()) + 8 * i;
    AppendAttributeNumber(out, DecodeFloat(data, 8, false));
  });
}

Result<std::string> StringValues(hid_t attribute, hid_t type, size_t count) {
  std::vector<std::string> strings;
  const htri_t variable = H5Tis_variable_str(type);
  if (variable < 0) return Hdf5Error(ErrorCode::kCorrupt, "cannot read a string type");
  if (variable > 0) {
    STACFS_ASSIGN_OR_RETURN(strings, ReadAllVlenStrings(attribute, count));
  } else {
    DatatypeHandle memory(H5Tcopy(type));
    const size_t size = H5Tget_size(type);
    const H5T_str_t padding = H5Tget_strpad(type);
    STACFS_ASSIGN_OR_RETURN(std::string bytes, ReadAllElements(attribute, memory.get(), count));
    for (size_t i = 0; i < count; ++i) {
      strings.push_back(TrimPadding(std::string_view(bytes).substr(i * size, size), padding));
    }
  }
  return JsonValues(
      count, [&](std::string* out, size_t i) { AppendAsciiJsonString(out, AsUtf8(strings[i])); });
}

}  // namespace

bool IsBookkeepingAttribute(std::string_view name) {
  static constexpr std::array<std::string_view, 9> kNames = {
      "CLASS",          "NAME",          "DIMENSION_LIST",
      "REFERENCE_LIST", "_Netcdf4Dimid", "_Netcdf4Coordinates",
      "_NCProperties",  "_nc3_strict",   "_IsNetcdf4"};
  for (std::string_view reserved : kNames) {
    if (name == reserved) return true;
  }
  return false;
}

Result<std::vector<std::string>> ListAttributeNames(hid_t object) {
  std::vector<std::string> names;
  hsize_t position = 0;
  const H5_index_t index = AttributeOrderTracked(object) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
  if (H5Aiterate2(object, index, H5_ITER_INC, &position, &CollectName, &names) < 0) {
    if (index == H5_INDEX_NAME) return Hdf5Error(ErrorCode::kCorrupt, "cannot list attributes");
    // Creation order tracked but not indexed can fail for many attributes: use names.
    ClearErrorStack();
    names.clear();
    position = 0;
    if (H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, &position, &CollectName, &names) < 0) {
      return Hdf5Error(ErrorCode::kCorrupt, "cannot list attributes");
    }
  }
  return names;
}

Result<std::optional<std::string>> AttributeValueJson(hid_t attribute, std::string* unsupported) {
  DatatypeHandle type(H5Aget_type(attribute));
  DataspaceHandle space(H5Aget_space(attribute));
  if (!type || !space) return Hdf5Error(ErrorCode::kCorrupt, "cannot read the attribute's type");
  const H5T_class_t type_class = H5Tget_class(type.get());
  if (type_class == H5T_REFERENCE) return std::optional<std::string>();
  const hssize_t count = ElementCount(space.get());
  if (count < 0) return Hdf5Error(ErrorCode::kCorrupt, "cannot read the attribute's shape");
  if (count == 0) {
    // netCDF-4 writes empty attributes with a null dataspace; netCDF4-python reads an empty
    // text (NC_CHAR) attribute as "" and any other as an empty list.
    const bool fixed_string = type_class == H5T_STRING && H5Tis_variable_str(type.get()) == 0;
    return std::optional<std::string>(fixed_string ? "\"\"" : "[]");
  }
  const auto n = static_cast<size_t>(count);
  Result<std::string> json = Unsupported("");
  switch (type_class) {
    case H5T_INTEGER: {
      const H5T_sign_t sign = H5Tget_sign(type.get());
      if (sign == H5T_SGN_ERROR) return Hdf5Error(ErrorCode::kCorrupt, "cannot read a sign");
      json = IntegerValues(attribute, sign == H5T_SGN_2, n);
      break;
    }
    case H5T_FLOAT:
      json = FloatValues(attribute, n);
      break;
    case H5T_ENUM:
      json = EnumValues(attribute, type.get(), n);
      break;
    case H5T_STRING:
      json = StringValues(attribute, type.get(), n);
      break;
    default:
      *unsupported = TypeClassName(type_class) + " type";
      return std::optional<std::string>();
  }
  if (!json) {
    if (json.error().code() != ErrorCode::kUnsupported) return std::move(json).error();
    *unsupported = json.error().message();
    return std::optional<std::string>();
  }
  return std::optional<std::string>(std::move(*json));
}

Result<std::string> ReadAttributesJson(hid_t object, bool is_dataset, const std::string& where,
                                       std::vector<std::string>* warnings) {
  STACFS_ASSIGN_OR_RETURN(std::vector<std::string> names, ListAttributeNames(object));
  std::string out = "{";
  bool first = true;
  for (const std::string& name : names) {
    if (IsBookkeepingAttribute(name)) continue;
    if (is_dataset && name == "_FillValue") continue;
    AttributeHandle attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT));
    if (!attribute) {
      return Hdf5Error(ErrorCode::kCorrupt, "cannot open attribute '" + name + "'");
    }
    std::string unsupported;
    Result<std::optional<std::string>> value = AttributeValueJson(attribute.get(), &unsupported);
    if (!value) {
      return std::move(value).error().WithContext("attribute '" + name + "'");
    }
    if (!value->has_value()) {
      if (!unsupported.empty()) {
        warnings->push_back(where + ": attribute '" + name + "' dropped: " + unsupported +
                            " cannot be written as JSON");
      }
      continue;
    }
    if (!first) out.push_back(',');
    first = false;
    AppendAsciiJsonString(&out, AsUtf8(name));
    out.push_back(':');
    out.append(**value);
  }
  out.push_back('}');
  return out;
}

Result<std::optional<std::string>> ReadFillValueAttribute(hid_t dataset, hid_t dataset_type,
                                                          const ElementType& type,
                                                          const std::string& where,
                                                          std::vector<std::string>* warnings) {
  const htri_t exists = H5Aexists(dataset, "_FillValue");
  if (exists < 0) return Hdf5Error(ErrorCode::kCorrupt, "cannot look for _FillValue");
  if (exists == 0) return std::optional<std::string>();
  AttributeHandle attribute(H5Aopen(dataset, "_FillValue", H5P_DEFAULT));
  DataspaceHandle space(attribute ? H5Aget_space(attribute.get()) : -1);
  DatatypeHandle attribute_type(attribute ? H5Aget_type(attribute.get()) : -1);
  if (!attribute || !space || !attribute_type) {
    return Hdf5Error(ErrorCode::kCorrupt, "cannot open attribute '_FillValue'");
  }
  const hssize_t count = ElementCount(space.get());
  auto ignore = [&](const std::string& why) -> Result<std::optional<std::string>> {
    warnings->push_back(where + ": _FillValue ignored: " + why);
    return std::optional<std::string>();
  };
  if (count < 1) return ignore("it has no value");
  if (type.kind == ElementKind::kVlenString) {
    if (H5Tget_class(attribute_type.get()) != H5T_STRING) return ignore("it is not a string");
    if (H5Tis_variable_str(attribute_type.get()) > 0) {
      STACFS_ASSIGN_OR_RETURN(std::vector<std::string> strings,
                              ReadAllVlenStrings(attribute.get(), static_cast<size_t>(count)));
      return std::optional<std::string>(AsUtf8(strings.front()));
    }
    const size_t size = H5Tget_size(attribute_type.get());
    DatatypeHandle memory(H5Tcopy(attribute_type.get()));
    STACFS_ASSIGN_OR_RETURN(std::string bytes, ReadAllElements(attribute.get(), memory.get(),
                                                               static_cast<size_t>(count)));
    return std::optional<std::string>(AsUtf8(
        TrimPadding(std::string_view(bytes).substr(0, size), H5Tget_strpad(attribute_type.get()))));
  }
  // Read in the dataset's own type so that the bytes are exactly one stored element; HDF5
  // converts a _FillValue of another numeric type (netCDF-C forbids that, other writers not).
  DatatypeHandle memory(H5Tcopy(dataset_type));
  Result<std::string> bytes =
      ReadAllElements(attribute.get(), memory.get(), static_cast<size_t>(count));
  if (!bytes)
    return ignore("it cannot be converted to the variable's type (" + bytes.error().message() +
                  ")");
  if (count > 1)
    warnings->push_back(where + ": _FillValue has " + std::to_string(count) +
                        " values; the first is used");
  return std::optional<std::string>(bytes->substr(0, H5Tget_size(dataset_type)));
}

Result<std::optional<std::string>> ReadStringAttribute(hid_t object, const char* name) {
  const htri_t exists = H5Aexists(object, name);
  if (exists < 0) return Hdf5Error(ErrorCode::kCorrupt, std::string("cannot look for ") + name);
  if (exists == 0) return std::optional<std::string>();
  AttributeHandle attribute(H5Aopen(object, name, H5P_DEFAULT));
  DatatypeHandle type(attribute ? H5Aget_type(attribute.get()) : -1);
  DataspaceHandle space(attribute ? H5Aget_space(attribute.get()) : -1);
  if (!attribute || !type || !space) {
    return Hdf5Error(ErrorCode::kCorrupt, std::string("cannot open attribute ") + name);
  }
  const hssize_t count = ElementCount(space.get());
  if (H5Tget_class(type.get()) != H5T_STRING || count < 1) return std::optional<std::string>();
  if (H5Tis_variable_str(type.get()) > 0) {
    STACFS_ASSIGN_OR_RETURN(std::vector<std::string> strings,
                            ReadAllVlenStrings(attribute.get(), static_cast<size_t>(count)));
    return std::optional<std::string>(strings.front());
  }
  DatatypeHandle memory(H5Tcopy(type.get()));
  STACFS_ASSIGN_OR_RETURN(std::string bytes, ReadAllElements(attribute.get(), memory.get(),
                                                             static_cast<size_t>(count)));
  const size_t size = H5Tget_size(type.get());
  return std::optional<std::string>(
      TrimPadding(std::string_view(bytes).substr(0, size), H5Tget_strpad(type.get())));
}

Result<std::optional<std::vector<int64_t>>> ReadIntegerAttribute(hid_t object, const char* name) {
  const htri_t exists = H5Aexists(object, name);
  if (exists < 0) return Hdf5Error(ErrorCode::kCorrupt, std::string("cannot look for ") + name);
  if (exists == 0) return std::optional<std::vector<int64_t>>();
  AttributeHandle attribute(H5Aopen(object, name, H5P_DEFAULT));
  DatatypeHandle type(attribute ? H5Aget_type(attribute.get()) : -1);
  DataspaceHandle space(attribute ? H5Aget_space(attribute.get()) : -1);
  if (!attribute || !type || !space) {
    return Hdf5Error(ErrorCode::kCorrupt, std::string("cannot open attribute ") + name);
  }
  const hssize_t count = ElementCount(space.get());
  if (H5Tget_class(type.get()) != H5T_INTEGER || count < 0) {
    return std::optional<std::vector<int64_t>>();
  }
  STACFS_ASSIGN_OR_RETURN(std::string bytes, ReadAllElements(attribute.get(), H5T_NATIVE_INT64,
                                                             static_cast<size_t>(count)));
  std::vector<int64_t> values;
  for (hssize_t i = 0; i < count; ++i) {
    values.push_back(
        DecodeSigned(reinterpret_cast<const unsigned char*>(bytes.data()) + 8 * i, 8, false));
  }
  return std::optional<std::vector<int64_t>>(std::move(values));
}

}  // namespace stacfs::converter::hdf5
