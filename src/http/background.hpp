// Heavy work that must not occupy the request threads (printing a PDF with Chromium
// takes seconds). A handler answers with Response::deferred; the server runs it here,
// on a few threads of their own behind a bounded queue, and sends its answer when it is
// done. A full queue is answered at once with 503 and Retry-After, so a burst of PDF
// requests cannot stall /healthz, log-in or anyone's list.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace wk::http {

class BackgroundWork {
 public:
  // `threads` run jobs; at most `capacity` jobs wait (besides the running ones).
  BackgroundWork(std::size_t threads, std::size_t capacity);
  // Finishes the running jobs and those waiting, then joins.
  ~BackgroundWork();
  BackgroundWork(const BackgroundWork&) = delete;
  BackgroundWork& operator=(const BackgroundWork&) = delete;

  // Finishes the running and waiting jobs, then joins; takes no more. Idempotent.
  void stop();
  // False (and the job is dropped) when the queue is full.
  bool submit(std::function<void()> job);

 private:
  void run();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::size_t capacity_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace wk::http
