#include <gtest/gtest.h>

#include "modules/auth/rules.hpp"
#include "modules/organisation/service.hpp"

namespace wk {
namespace {

constexpr Millis kMinute = 60 * 1000;

TEST(SessionRules, IdleAndAbsoluteExpiry) {
  auth::SessionPolicy p;
  const Millis login = 1'000'000'000;
  EXPECT_FALSE(auth::session_expired(login, login, login + 119 * kMinute, p));
  EXPECT_TRUE(auth::session_expired(login, login, login + 120 * kMinute, p));  // idle 2 h
  EXPECT_FALSE(auth::session_expired(login, login + 11 * 60 * kMinute, login + 11 * 60 * kMinute + 1, p));
  EXPECT_TRUE(auth::session_expired(login, login + 12 * 60 * kMinute - 1, login + 12 * 60 * kMinute, p));  // absolute
}

TEST(SessionRules, TouchAtMostOncePerInterval) {
  auth::SessionPolicy p;
  EXPECT_FALSE(auth::session_needs_touch(0, kMinute - 1, p));
  EXPECT_TRUE(auth::session_needs_touch(0, kMinute, p));
}

TEST(Throttle, WaitsUntilOldestFailureLeavesTheWindow) {
  const Millis window = 15 * kMinute;
  EXPECT_FALSE(auth::throttle_wait_seconds(4, 0, 1000, 5, window));
  EXPECT_EQ(auth::throttle_wait_seconds(5, 0, 60 * 1000, 5, window), 14 * 60);
  EXPECT_EQ(auth::throttle_wait_seconds(5, 0, window, 5, window), 1);  // never 0
}

Principal with(std::vector<std::string> roles, std::vector<std::int64_t> teams = {}, std::int64_t id = 1) {
  Principal p;
  p.user_id = id;
  p.roles = std::move(roles);
  p.team_ids = std::move(teams);
  return p;
}

organisation::User user_in(std::vector<std::int64_t> teams, std::int64_t id = 99) {
  organisation::User u{id, "x@y.example", "X", {"coach"}, {}, true, 0, std::nullopt};
  for (auto t : teams) u.teams.push_back({t, "T"});
  return u;
}

TEST(AccessRules, Structure) {
  EXPECT_TRUE(organisation::can_read_structure(with({"coach"})));
  EXPECT_FALSE(organisation::can_read_structure(with({"funder"})));
  EXPECT_TRUE(organisation::can_read_structure(with({"funder", "quality"})));
  EXPECT_FALSE(organisation::can_read_structure(with({})));
}

TEST(AccessRules, Users) {
  EXPECT_TRUE(organisation::can_view_user(with({"hr"}), user_in({7})));
  EXPECT_TRUE(organisation::can_view_user(with({"team_manager"}, {7}), user_in({7})));
  EXPECT_FALSE(organisation::can_view_user(with({"team_manager"}, {7}), user_in({8})));
  EXPECT_FALSE(organisation::can_view_user(with({"coach"}, {7}), user_in({7})));  // coaches see only themselves
  EXPECT_TRUE(organisation::can_view_user(with({"coach"}, {7}, 99), user_in({7}, 99)));
  EXPECT_FALSE(organisation::can_administer(with({"director"})));
  EXPECT_TRUE(organisation::can_administer(with({"admin"})));
}

}  // namespace
}  // namespace wk
