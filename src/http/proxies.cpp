#include "http/proxies.hpp"

#include <stdexcept>

#include "core/text.hpp"

namespace wk::http {

namespace ip = boost::asio::ip;

namespace {

std::optional<ip::address> parse_address(std::string_view text) {
  boost::system::error_code ec;
  auto a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
  return a;
}

}  // namespace

TrustedProxies::TrustedProxies(const std::vector<std::string>& cidrs) {
  for (const auto& raw : cidrs) {
    const std::string entry = text::trim(raw);
    if (entry.empty()) continue;
    const auto slash = entry.find('/');
    const auto address = parse_address(std::string_view(entry).substr(0, slash));
    int prefix = -1;
    if (address && slash != std::string::npos) {
      const auto digits = entry.substr(slash + 1);
      if (!digits.empty() && digits.size() <= 3 && digits.find_first_not_of("0123456789") == std::string::npos)
        prefix = std::stoi(digits);
    }
    const int max_prefix = address && address->is_v4() ? 32 : 128;
    if (!address || (slash != std::string::npos && (prefix < 0 || prefix > max_prefix)))
      throw std::invalid_argument("not an address or CIDR: " + entry);
    if (slash == std::string::npos) prefix = max_prefix;
    if (address->is_v4())
      v4_.push_back(ip::make_network_v4(address->to_v4(), static_cast<unsigned short>(prefix)).canonical());
    else
      v6_.push_back(ip::make_network_v6(address->to_v6(), static_cast<unsigned short>(prefix)).canonical());
  }
}

bool TrustedProxies::contains(const ip::address& a) const {
  if (a.is_v4()) {
    for (const auto& n : v4_)
      if (ip::make_network_v4(a.to_v4(), n.prefix_length()).canonical() == n) return true;
    return false;
  }
  for (const auto& n : v6_)
    if (ip::make_network_v6(a.to_v6(), n.prefix_length()).canonical() == n) return true;
  return false;
}

bool TrustedProxies::contains(std::string_view address) const {
  const auto a = parse_address(address);
  return a && contains(*a);
}

std::string TrustedProxies::client_address(const std::string& peer,
                                           std::optional<std::string_view> forwarded_for) const {
  if (!forwarded_for || !contains(peer)) return peer;
  std::string client = peer;
  std::string_view rest = *forwarded_for;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    const auto entry = text::trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    if (entry.empty()) continue;
    const auto address = parse_address(entry);
    if (!address) break;
    client = address->to_string();
    if (!contains(*address)) break;
  }
  return client;
}

}  // namespace wk::http
