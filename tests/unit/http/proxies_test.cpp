#include "http/proxies.hpp"

#include <gtest/gtest.h>

namespace wk::http {
namespace {

TEST(TrustedProxies, OnlyATrustedPeersHeaderIsRead) {
  TrustedProxies proxies({"10.0.0.0/8", "127.0.0.1"});
  EXPECT_EQ(proxies.client_address("192.0.2.7", "203.0.113.9"), "192.0.2.7");  // peer is no proxy of ours
  EXPECT_EQ(proxies.client_address("10.1.2.3", std::nullopt), "10.1.2.3");
  EXPECT_EQ(proxies.client_address("10.1.2.3", "203.0.113.9"), "203.0.113.9");
}

// The client writes the left-most entries itself; the proxy appends what it saw.
TEST(TrustedProxies, TheRightMostUntrustedAddressIsTheClient) {
  TrustedProxies proxies({"10.0.0.0/8", "127.0.0.1/32"});
  EXPECT_EQ(proxies.client_address("127.0.0.1", "6.6.6.6, 203.0.113.9"), "203.0.113.9");
  EXPECT_EQ(proxies.client_address("127.0.0.1", "6.6.6.6,203.0.113.9, 10.0.0.5"), "203.0.113.9");
  EXPECT_EQ(proxies.client_address("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.0.0.5, 10.9.9.9"), "203.0.113.9");
  // Every entry one of ours: the left-most is the nearest we know.
  EXPECT_EQ(proxies.client_address("127.0.0.1", "10.0.0.5, 10.0.0.6"), "10.0.0.5");
  // Garbage ends the walk: nothing left of it is believed.
  EXPECT_EQ(proxies.client_address("127.0.0.1", "6.6.6.6, nonsense, 10.0.0.5"), "10.0.0.5");
  EXPECT_EQ(proxies.client_address("127.0.0.1", "nonsense"), "127.0.0.1");
  EXPECT_EQ(proxies.client_address("127.0.0.1", " , "), "127.0.0.1");
  EXPECT_EQ(proxies.client_address("127.0.0.1", "2001:db8::1"), "2001:db8::1");
}

TEST(TrustedProxies, NetworksAndMappedAddresses) {
  TrustedProxies proxies({"192.168.4.0/22", "2001:db8::/32"});
  EXPECT_TRUE(proxies.contains("192.168.7.255"));
  EXPECT_FALSE(proxies.contains("192.168.8.0"));
  EXPECT_TRUE(proxies.contains("::ffff:192.168.5.1"));
  EXPECT_TRUE(proxies.contains("2001:db8:ffff::1"));
  EXPECT_FALSE(proxies.contains("2001:db9::1"));
  EXPECT_FALSE(proxies.contains("not an address"));
  EXPECT_TRUE(TrustedProxies().empty());
}

TEST(TrustedProxies, RefusesWhatIsNoCidr) {
  for (const char* bad : {"10.0.0.0/33", "10.0.0.0/", "10.0.0/8", "::1/129", "proxy.example", "10.0.0.0/8x"})
    EXPECT_THROW(TrustedProxies({bad}), std::invalid_argument) << bad;
}

}  // namespace
}  // namespace wk::http
