// What an item's directory holds: item.json, a store per Kerchunk product or Zarr store, and a
// remote file per plain data asset (netCDF, CFA, COG), in the item's product order.
#pragma once

#include <vector>

#include "catalog/mount/tree_context.h"
#include "catalog/stac_model.h"
#include "fs/tree_source.h"

namespace stacfs::catalog {

std::vector<fs::TreeEntry> ItemEntries(const StacItem& item, const TreeContext& context);

}  // namespace stacfs::catalog
