#include "catalog/mount/catalog_tree.h"

#include "catalog/mount/root_directory.h"
#include "catalog/mount/tree_context.h"

namespace stacfs::catalog {

std::shared_ptr<fs::DirectorySource> MakeCatalogTree(std::shared_ptr<Catalog> catalog,
                                                     CatalogTreeOptions options) {
  auto context = std::make_shared<TreeContext>();
  context->catalog = std::move(catalog);
  context->options = std::move(options);
  return std::make_shared<RootDirectory>(std::move(context));
}

}  // namespace stacfs::catalog
