#include "converter/hdf5/hdf5_errors.h"

#include <vector>

namespace stacfs::converter::hdf5 {
namespace {

// Runs inside H5Ewalk2: must not throw; it only copies strings it is given.
herr_t CollectRecord(unsigned, const H5E_error2_t* record, void* client_data) noexcept {
  auto* records = static_cast<std::vector<std::string>*>(client_data);
  try {
    records->emplace_back(record != nullptr && record->desc != nullptr ? record->desc : "");
  } catch (...) {
    return -1;  // out of memory: stop walking, keep what was collected
  }
  return 0;
}

}  // namespace

ErrorStackSilencer::ErrorStackSilencer() {
  saved_ = H5Eget_auto2(H5E_DEFAULT, &saved_function_, &saved_data_) >= 0;
  (void)H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

ErrorStackSilencer::~ErrorStackSilencer() {
  if (saved_) (void)H5Eset_auto2(H5E_DEFAULT, saved_function_, saved_data_);
}

std::string TakeErrorStackMessage() {
  std::vector<std::string> records;
  // Downward: the API call the reader made first, the deepest cause last.
  (void)H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, &CollectRecord, &records);
  ClearErrorStack();
  std::vector<std::string> nonempty;
  for (std::string& record : records) {
    if (!record.empty()) nonempty.push_back(std::move(record));
  }
  if (nonempty.empty()) return "";
  if (nonempty.size() == 1 || nonempty.front() == nonempty.back()) return nonempty.front();
  return nonempty.front() + " (" + nonempty.back() + ")";
}

Error Hdf5Error(ErrorCode code, const std::string& what) {
  std::string reason = TakeErrorStackMessage();
  if (reason.empty()) return Error(code, what);
  return Error(code, what + ": " + reason);
}

void ClearErrorStack() { (void)H5Eclear2(H5E_DEFAULT); }

}  // namespace stacfs::converter::hdf5
