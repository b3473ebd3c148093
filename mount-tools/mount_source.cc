#include "mount-tools/mount_source.h"

#include "core/json/json.h"
#include "core/kerchunk/reference_file.h"

namespace stacfs {
namespace {

bool LooksLikeZarrKey(std::string_view key) {
  return key.starts_with(".z") || key.find("/.z") != std::string_view::npos;
}

}  // namespace

Result<MountSourceKind> RecogniseMountSource(std::string_view bytes, std::string_view location) {
  if (IsZstdFrame(bytes)) return MountSourceKind::kReferences;
  JsonDocument document;
  STACFS_ASSIGN_OR_RETURN(simdjson::dom::element root, document.Parse(bytes, location));
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return Unexpected(Corrupt(std::string(location) + ": neither Kerchunk references nor a STAC catalog (not a JSON object)"));
  }
  bool stac = false;
  for (auto field : object) {
    std::string_view key = field.key;
    if (key == "refs" || key == "version" || LooksLikeZarrKey(key)) return MountSourceKind::kReferences;
    if (key == "stac_version" || key == "links" || key == "conformsTo") stac = true;
  }
  if (stac) return MountSourceKind::kCatalog;
  return Unexpected(Corrupt(std::string(location) +
                            ": neither Kerchunk references (no \"refs\", no Zarr keys) nor a STAC catalog "
                            "(no \"stac_version\" or \"links\")"));
}

}  // namespace stacfs
