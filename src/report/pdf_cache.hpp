// Printed reports, kept by the hash of the HTML they were printed from. The same
// figures and texts give the same HTML, so a report that has not changed (a frozen one
// never does) is printed by Chromium once and then served from memory. Bounded in
// entries and bytes; the least recently used goes first.
#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace wk::report {

class PdfCache {
 public:
  PdfCache(std::size_t max_entries, std::size_t max_bytes) : max_entries_(max_entries), max_bytes_(max_bytes) {}
  // The key of a printed HTML document (a BLAKE2b hash, hex).
  static std::string key_of(std::string_view html);
  std::optional<std::string> find(const std::string& key);
  void put(const std::string& key, std::string pdf);

 private:
  struct Entry {
    std::string key;
    std::string pdf;
  };
  std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::size_t bytes_ = 0;
  std::size_t max_entries_;
  std::size_t max_bytes_;
};

}  // namespace wk::report
