// MountStats: the daemon's counters, served as JSON at MOUNT/.stacfs/stats.
//
// Counters are atomics updated on the request path without locks; latencies go into a
// fixed histogram of power-of-two microsecond buckets, from which p50/p99 are read (to within
// a factor of two, which is what an operator needs to see a slow source). Other parts of the
// daemon (the caches, the HTTP client) add their own sections through `AddSection`.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace stacfs::fs {

class LatencyHistogram {
 public:
  void Record(std::chrono::microseconds latency);
  uint64_t count() const;
  // The upper bound of the bucket holding the q-quantile (0 < q ≤ 1), in microseconds; 0 when empty.
  uint64_t QuantileMicros(double q) const;

 private:
  static constexpr size_t kBuckets = 40;  // 2^39 µs is about six days
  std::array<std::atomic<uint64_t>, kBuckets> buckets_{};
};

class MountStats {
 public:
  using Clock = std::chrono::steady_clock;

  MountStats();

  std::atomic<uint64_t> lookups{0};
  std::atomic<uint64_t> readdirs{0};
  std::atomic<uint64_t> opens{0};
  std::atomic<uint64_t> reads{0};
  std::atomic<uint64_t> bytes_read{0};     // bytes returned to readers
  std::atomic<uint64_t> errors{0};         // requests answered with an error other than ENOENT
  std::atomic<uint64_t> listings{0};       // catalog directory listings loaded
  std::atomic<uint64_t> stores_loaded{0};  // reference sets loaded
  LatencyHistogram read_latency;

  // A named JSON object built when the stats are read (cache, HTTP…). `json` returns the
  // object's text. Register sections before the mount serves requests.
  void AddSection(std::string name, std::function<std::string()> json);

  std::string ToJson() const;

 private:
  const Clock::time_point started_;
  mutable std::mutex sections_mutex_;
  std::vector<std::pair<std::string, std::function<std::string()>>> sections_;  // guarded
};

}  // namespace stacfs::fs
