// The HTTP/1.1 server (Boost.Beast/Asio): keep-alive, body and header limits,
// read/write timeouts, a connection cap, and graceful shutdown on SIGTERM/SIGINT
// (stop accepting, let requests in flight finish, close idle connections).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

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
  std::chrono::seconds io_timeout{30};
  std::chrono::seconds shutdown_grace{15};
  bool trust_proxy = false;  // take the client address from X-Forwarded-For
};

// Runs until SIGTERM or SIGINT. `on_listening` is called once the port is bound.
void run_server(const ServerOptions& options, const Dispatcher& dispatcher,
                const std::function<void(std::uint16_t port)>& on_listening);

}  // namespace wk::http
