// Which peers may tell us the client's address. Behind a reverse proxy the socket's
// peer is the proxy; the client is in X-Forwarded-For, to which every proxy on the way
// *appends* the address it received the request from. The left-most entry is what the
// client itself wrote, so it proves nothing. As nginx's `real_ip_recursive`: walk the
// list from the right and take the first address that is not one of our own proxies.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>

namespace wk::http {

class TrustedProxies {
 public:
  TrustedProxies() = default;
  // CIDRs (`10.0.0.0/8`, `::1/128`) or single addresses; throws std::invalid_argument
  // naming the entry that is neither.
  explicit TrustedProxies(const std::vector<std::string>& cidrs);

  bool empty() const { return v4_.empty() && v6_.empty(); }
  bool contains(std::string_view address) const;
  // The client's address for a request from `peer` carrying `forwarded_for` (the
  // X-Forwarded-For header, all occurrences joined with commas). Only a trusted peer's
  // header is read; an unparsable entry ends the walk (the entries to its left were
  // written by someone we cannot vouch for), and the right-most entry not a trusted
  // proxy is the client.
  std::string client_address(const std::string& peer, std::optional<std::string_view> forwarded_for) const;

 private:
  bool contains(const boost::asio::ip::address& a) const;
  std::vector<boost::asio::ip::network_v4> v4_;
  std::vector<boost::asio::ip::network_v6> v6_;
};

}  // namespace wk::http
