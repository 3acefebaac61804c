#include "report/pdf_cache.hpp"

#include <sodium.h>

namespace wk::report {

std::string PdfCache::key_of(std::string_view html) {
  unsigned char hash[crypto_generichash_BYTES];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(html.data()), html.size(), nullptr, 0);
  char hex[2 * crypto_generichash_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

std::optional<std::string> PdfCache::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  entries_.splice(entries_.begin(), entries_, it->second);
  return it->second->pdf;
}

void PdfCache::put(const std::string& key, std::string pdf) {
  std::lock_guard lock(mutex_);
  if (pdf.size() > max_bytes_ || index_.count(key)) return;
  bytes_ += pdf.size();
  entries_.push_front({key, std::move(pdf)});
  index_[key] = entries_.begin();
  while (!entries_.empty() && (entries_.size() > max_entries_ || bytes_ > max_bytes_)) {
    bytes_ -= entries_.back().pdf.size();
    index_.erase(entries_.back().key);
    entries_.pop_back();
  }
}

}  // namespace wk::report
