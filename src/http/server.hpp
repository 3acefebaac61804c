// The HTTP/1.1 server (Boost.Beast/Asio): keep-alive, body and header limits,
// read/write timeouts, connection caps (in all, per client address, a reserve for the
// health probe and log-in), strict framing (RFC 9112: one Transfer-Encoding, chunked;
// no obs-fold), and graceful shutdown on SIGTERM/SIGINT: stop accepting, answer every
// request already received, close the connections that wait idle, then return.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "http/dispatcher.hpp"

namespace wk::http {

struct ServerOptions {
  std::string bind_address = "0.0.0.0";
  std::uint16_t port = 8080;
  int threads = 4;
  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_upload_bytes = 10 << 20;  // for POST …/import (spreadsheets) and …/attachments (files)
  std::size_t max_header_bytes = 16 << 10;
  std::size_t max_connections = 1024;
  // One client address may hold at most this many connections (a trusted proxy's are
  // not counted: behind it are many clients). The last `reserved_connections` of the
  // global cap serve only /healthz, /readyz and log-in, so that one flood cannot lock
  // out the operator's probe and the people who want to log in.
  std::size_t max_connections_per_address = 256;
  std::size_t reserved_connections = 32;
  std::chrono::seconds io_timeout{30};
  // Heavy work (PDF printing) runs on threads of its own (http/background.hpp): this
  // many at a time, and this many more waiting; beyond that, 503 with Retry-After.
  std::size_t background_threads = 1;
  std::size_t background_queue = 4;
  // Over half the cap, a kept-alive connection waits this long for its next request.
  std::chrono::seconds idle_timeout_under_pressure{2};
  std::chrono::seconds shutdown_grace{15};
  // On shutdown, a kept-alive connection waiting for its next request is closed after
  // this moment (its client's next request, if on its way, is still answered).
  std::chrono::milliseconds idle_close_delay{1000};
  // Peers (CIDRs) whose X-Forwarded-For and X-Forwarded-Proto are believed
  // (http/proxies.hpp); empty: the socket's peer is the client.
  std::vector<std::string> trusted_proxies;
};

// Runs until SIGTERM or SIGINT. `on_listening` is called once the port is bound.
void run_server(const ServerOptions& options, const Dispatcher& dispatcher,
                const std::function<void(std::uint16_t port)>& on_listening);

}  // namespace wk::http
