#include "http/cursor.hpp"

#include <sodium.h>

#include <vector>

namespace wk::http {

std::string encode_cursor(const nlohmann::json& key) {
  const std::string raw = key.dump();
  std::string out(sodium_base64_encoded_len(raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::optional<nlohmann::json> decode_cursor(std::string_view cursor) {
  if (cursor.empty() || cursor.size() > 512) return std::nullopt;
  std::vector<unsigned char> raw(cursor.size());
  std::size_t length = 0;
  if (sodium_base642bin(raw.data(), raw.size(), cursor.data(), cursor.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return std::nullopt;
  auto key = nlohmann::json::parse(raw.begin(), raw.begin() + static_cast<std::ptrdiff_t>(length), nullptr, false);
  if (key.is_discarded() || !key.is_array()) return std::nullopt;
  return key;
}

}  // namespace wk::http
