#include "http/background.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

namespace wk::http {
namespace {

TEST(BackgroundWork, RunsJobsOffTheCallersThread) {
  BackgroundWork work(1, 4);
  std::promise<std::thread::id> ran_on;
  ASSERT_TRUE(work.submit([&] { ran_on.set_value(std::this_thread::get_id()); }));
  EXPECT_NE(ran_on.get_future().get(), std::this_thread::get_id());
}

// One job runs, `capacity` wait; the next is refused at once (the caller answers 503).
TEST(BackgroundWork, RefusesBeyondItsQueue) {
  BackgroundWork work(1, 2);
  std::promise<void> release;
  auto gate = release.get_future().share();
  std::promise<void> started;
  ASSERT_TRUE(work.submit([&, gate] {
    started.set_value();
    gate.wait();
  }));
  started.get_future().wait();
  std::atomic<int> done{0};
  EXPECT_TRUE(work.submit([&] { ++done; }));
  EXPECT_TRUE(work.submit([&] { ++done; }));
  EXPECT_FALSE(work.submit([&] { ++done; }));
  release.set_value();
  work.stop();  // finishes what was queued
  EXPECT_EQ(done.load(), 2);
  EXPECT_FALSE(work.submit([] {}));  // stopped: takes no more
}

}  // namespace
}  // namespace wk::http
