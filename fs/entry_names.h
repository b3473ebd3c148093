// Entry names: every name the mount shows comes from remote data (collection and item ids,
// asset keys, file names in URLs), so each is made safe as one path component before use, and
// names that collide after that are told apart deterministically.
//
// Safe means: no '/', no NUL or other control character, not "." or "..", not empty, at most
// 255 bytes (NAME_MAX). Other bytes are kept as given (ids are mostly plain ASCII; UTF-8 stays
// readable).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stacfs::fs {

inline constexpr size_t kMaxNameBytes = 255;

// `raw` made safe as one path component. Unsafe bytes become '_'; an over-long name is cut and
// ends with a hash of the whole name so that two long names stay different.
std::string SafeEntryName(std::string_view raw);

// Makes every name in `names` safe and unique, in order: a name already taken gets "~2", "~3"…
// before its extension ("a.zarr" → "a~2.zarr"). The same input always gives the same output.
void MakeEntryNamesUnique(std::vector<std::string>& names);

}  // namespace stacfs::fs
