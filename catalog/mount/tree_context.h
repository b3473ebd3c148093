// What every directory of a catalog mount shares: the catalog and the mount's options. Built once
// by MakeCatalogTree and shared read-only (shared_ptr<const>), so sources need no lock for it.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "catalog/catalog.h"
#include "catalog/mount/catalog_tree.h"

namespace stacfs::catalog {

struct TreeContext {
  // Catalog's methods are not const, yet the catalog is thread-safe (catalog.h): a const context
  // still lends it out for calls.
  std::shared_ptr<Catalog> catalog;
  CatalogTreeOptions options;

  // "collection 'x' of https://host/stac", for error context.
  std::string DescribeCollection(std::string_view id) const {
    return "collection '" + std::string(id) + "' of " + catalog->info().location;
  }
};

}  // namespace stacfs::catalog
