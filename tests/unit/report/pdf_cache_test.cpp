#include "report/pdf_cache.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

namespace wk::report {
namespace {

TEST(PdfCache, KeepsByTheHashOfTheHtml) {
  ASSERT_GE(sodium_init(), 0);
  EXPECT_EQ(PdfCache::key_of("<p>a</p>"), PdfCache::key_of("<p>a</p>"));
  EXPECT_NE(PdfCache::key_of("<p>a</p>"), PdfCache::key_of("<p>b</p>"));
  PdfCache cache(4, 1000);
  EXPECT_FALSE(cache.find("k"));
  cache.put("k", "%PDF-1");
  EXPECT_EQ(cache.find("k").value_or(""), "%PDF-1");
}

TEST(PdfCache, DropsTheLeastRecentlyUsedBeyondItsBounds) {
  PdfCache cache(2, 10);
  cache.put("a", "1111");
  cache.put("b", "2222");
  EXPECT_TRUE(cache.find("a"));  // a is now the most recent
  cache.put("c", "3333");        // three entries: b goes
  EXPECT_TRUE(cache.find("a"));
  EXPECT_FALSE(cache.find("b"));
  EXPECT_TRUE(cache.find("c"));
  cache.put("d", "444444");  // 4 + 4 + 6 bytes > 10: the oldest go until it fits
  EXPECT_TRUE(cache.find("d"));
  EXPECT_FALSE(cache.find("a"));
  cache.put("huge", std::string(11, 'x'));  // larger than the whole cache: not kept
  EXPECT_FALSE(cache.find("huge"));
  EXPECT_TRUE(cache.find("d"));
}

}  // namespace
}  // namespace wk::report
