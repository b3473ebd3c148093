#include "fs/mount_stats.h"

#include <bit>

#include "core/json/json.h"

namespace stacfs::fs {

void LatencyHistogram::Record(std::chrono::microseconds latency) {
  uint64_t micros = latency.count() > 0 ? static_cast<uint64_t>(latency.count()) : 0;
  size_t bucket = std::min<size_t>(std::bit_width(micros), kBuckets - 1);
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
}

uint64_t LatencyHistogram::count() const {
  uint64_t total = 0;
  for (const auto& bucket : buckets_) total += bucket.load(std::memory_order_relaxed);
  return total;
}

uint64_t LatencyHistogram::QuantileMicros(double q) const {
  std::array<uint64_t, kBuckets> counts;
  uint64_t total = 0;
  for (size_t i = 0; i < kBuckets; ++i) total += counts[i] = buckets_[i].load(std::memory_order_relaxed);
  if (total == 0) return 0;
  uint64_t rank = static_cast<uint64_t>(q * static_cast<double>(total) + 0.999999);
  if (rank == 0) rank = 1;
  uint64_t seen = 0;
  for (size_t i = 0; i < kBuckets; ++i) {
    seen += counts[i];
    if (seen >= rank) return i == 0 ? 0 : (uint64_t{1} << i) - 1;
  }
  return (uint64_t{1} << (kBuckets - 1)) - 1;
}

MountStats::MountStats() : started_(Clock::now()) {}

void MountStats::AddSection(std::string name, std::function<std::string()> json) {
  std::lock_guard lock(sections_mutex_);
  sections_.emplace_back(std::move(name), std::move(json));
}

std::string MountStats::ToJson() const {
  std::string out = "{";
  auto field = [&](std::string_view name, uint64_t value) {
    if (out.size() > 1) out += ",";
    AppendJsonString(&out, name);
    out += ":" + std::to_string(value);
  };
  field("uptime_s", static_cast<uint64_t>(
                        std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started_).count()));
  field("lookups", lookups.load());
  field("readdirs", readdirs.load());
  field("opens", opens.load());
  field("reads", reads.load());
  field("bytes_read", bytes_read.load());
  field("errors", errors.load());
  field("listings_loaded", listings.load());
  field("stores_loaded", stores_loaded.load());
  field("read_latency_p50_us", read_latency.QuantileMicros(0.5));
  field("read_latency_p99_us", read_latency.QuantileMicros(0.99));
  std::vector<std::pair<std::string, std::function<std::string()>>> sections;
  {
    std::lock_guard lock(sections_mutex_);
    sections = sections_;
  }
  for (const auto& [name, json] : sections) {
    out += ",";
    AppendJsonString(&out, name);
    out += ":" + json();
  }
  out += "}\n";
  return out;
}

}  // namespace stacfs::fs
