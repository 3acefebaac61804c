#include "core/crypto.hpp"

#include <gtest/gtest.h>

namespace wk::crypto {
namespace {

class PasswordTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { init_crypto(); }
};

TEST_F(PasswordTest, Argon2idHashVerifies) {
  const auto hash = hash_password("correct horse battery");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password("correct horse battery", hash));
  EXPECT_FALSE(verify_password("correct horse batterY", hash));
  EXPECT_NE(hash, hash_password("correct horse battery"));  // salted
}

TEST_F(PasswordTest, TokensAreRandomAndHashed) {
  const auto a = random_token(), b = random_token();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_EQ(token_hash(a), token_hash(a));
  EXPECT_NE(token_hash(a), token_hash(b));
  EXPECT_EQ(token_hash(a).size(), 64u);
}

}  // namespace
}  // namespace wk::crypto
