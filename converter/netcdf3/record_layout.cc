#include "converter/netcdf3/record_layout.h"

namespace stacfs::converter::netcdf3 {
namespace {

bool MulOverflows(uint64_t a, uint64_t b, uint64_t* out) { return __builtin_mul_overflow(a, b, out); }
bool AddOverflows(uint64_t a, uint64_t b, uint64_t* out) { return __builtin_add_overflow(a, b, out); }

std::string Quoted(const std::string& name) { return "variable \"" + name + "\""; }

std::string Range(uint64_t offset, uint64_t length) {
  return "[" + std::to_string(offset) + ", +" + std::to_string(length) + ")";
}

}  // namespace

Result<FileLayout> ComputeLayout(const NcHeader& header,
                                 const std::vector<std::string>& variable_names) {
  FileLayout layout;
  const uint64_t file_size = header.file_size;

  // The record dimension is the one of length 0; the format allows at most one.
  int64_t record_dim = -1;
  for (size_t d = 0; d < header.dimensions.size(); ++d) {
    if (header.dimensions[d].length != 0) continue;
    if (record_dim >= 0) {
      return Corrupt("dimensions " + std::to_string(record_dim) + " and " + std::to_string(d) +
                     " both have length 0, but a netCDF3 file has at most one record dimension");
    }
    record_dim = static_cast<int64_t>(d);
  }

  layout.variables.reserve(header.variables.size());
  size_t record_variables = 0;
  uint64_t padded_recsize = 0;
  uint64_t single_record_slab = 0;
  uint64_t first_record_begin = 0;
  for (size_t v = 0; v < header.variables.size(); ++v) {
    const NcVariable& var = header.variables[v];
    const std::string& name = variable_names[v];
    VariableLayout out;
    out.begin = var.begin;
    out.shape.reserve(var.dim_ids.size());
    uint64_t slab = NcTypeSize(var.type);
    for (size_t axis = 0; axis < var.dim_ids.size(); ++axis) {
      uint64_t id = var.dim_ids[axis];
      if (id >= header.dimensions.size()) {
        return Corrupt(Quoted(name) + " (header offset " + std::to_string(var.header_offset) +
                       ") uses dimension id " + std::to_string(id) + " on axis " +
                       std::to_string(axis) + ", but the file defines only " +
                       std::to_string(header.dimensions.size()) + " dimensions");
      }
      if (static_cast<int64_t>(id) == record_dim) {
        if (axis != 0) {
          return Corrupt(Quoted(name) + " uses the record dimension on axis " +
                         std::to_string(axis) + "; netCDF3 allows it only as the first axis");
        }
        out.is_record = true;
        out.shape.push_back(0);  // numrecs, filled in below
        continue;
      }
      uint64_t length = header.dimensions[id].length;
      out.shape.push_back(length);
      if (MulOverflows(slab, length, &slab)) {
        return Corrupt(Quoted(name) + " has a size that overflows 64 bits");
      }
    }
    out.slab_bytes = slab;
    if (out.is_record) {
      uint64_t padded = slab + (-slab & 3);
      if (padded < slab || AddOverflows(padded_recsize, padded, &padded_recsize)) {
        return Corrupt("the record size (sum of the record variables' sizes) overflows 64 bits");
      }
      if (record_variables == 0) first_record_begin = var.begin;
      single_record_slab = slab;
      ++record_variables;
    }
    layout.variables.push_back(std::move(out));
  }
  layout.recsize = record_variables == 1 ? single_record_slab : padded_recsize;

  layout.numrecs = header.numrecs;
  if (header.numrecs_streaming) {
    // STREAMING: the writer did not record the count. Count the whole records the file holds
    // (a partial last record is left out rather than referenced past its written bytes).
    layout.numrecs_from_file_size = true;
    layout.numrecs = 0;
    if (layout.recsize > 0 && first_record_begin < file_size) {
      layout.numrecs = (file_size - first_record_begin) / layout.recsize;
    }
  }

  for (size_t v = 0; v < layout.variables.size(); ++v) {
    VariableLayout& var = layout.variables[v];
    const std::string& name = variable_names[v];
    if (var.begin < header.header_bytes) {
      return Corrupt(Quoted(name) + ": its data begins at offset " + std::to_string(var.begin) +
                     ", inside the header (which ends at offset " +
                     std::to_string(header.header_bytes) + ")");
    }
    if (!var.is_record) {
      if (var.begin > file_size) {
        return Corrupt(Quoted(name) + ": its data begins at offset " + std::to_string(var.begin) +
                       ", past the end of the file (" + std::to_string(file_size) + " bytes)");
      }
      if (var.slab_bytes > file_size - var.begin) {
        return Corrupt(Quoted(name) + ": its data " + Range(var.begin, var.slab_bytes) +
                       " extends past the end of the file (" + std::to_string(file_size) +
                       " bytes)");
      }
      continue;
    }
    var.shape[0] = layout.numrecs;
    // Without records nothing is referenced, and a begin past the end is normal: netCDF-C
    // sets the begins of all record variables but writes nothing until the first record.
    if (layout.numrecs == 0) continue;
    // The last record's slab must end inside the file; earlier ones then do too.
    uint64_t last_offset = 0;
    uint64_t last_end = 0;
    bool overflow = MulOverflows(layout.numrecs - 1, layout.recsize, &last_offset) ||
                    AddOverflows(last_offset, var.begin, &last_offset) ||
                    AddOverflows(last_offset, var.slab_bytes, &last_end);
    if (overflow || last_end > file_size) {
      return Corrupt(Quoted(name) + ": record " + std::to_string(layout.numrecs - 1) +
                     (overflow ? std::string(" lies beyond any 64-bit offset")
                               : " at " + Range(last_offset, var.slab_bytes)) +
                     " extends past the end of the file (" + std::to_string(file_size) +
                     " bytes); the header claims " + std::to_string(layout.numrecs) +
                     " records of " + std::to_string(layout.recsize) + " bytes from offset " +
                     std::to_string(var.begin));
    }
  }
  return layout;
}

}  // namespace stacfs::converter::netcdf3
