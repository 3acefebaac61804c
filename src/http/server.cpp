#include "http/server.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <atomic>
#include <list>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "http/problem.hpp"

namespace wk::http {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

class Connection;

// What every connection shares: options, dispatcher, the live-connection registry.
struct ServerState {
  ServerState(const ServerOptions& o, const Dispatcher& d) : options(o), dispatcher(d) {}
  const ServerOptions& options;
  const Dispatcher& dispatcher;
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::list<std::weak_ptr<Connection>> connections;
  std::atomic<std::size_t> active{0};
};

Request to_request(bhttp::request<bhttp::string_body>&& in, const std::string& remote, bool trust_proxy) {
  Request r;
  r.method = std::string(in.method_string());
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = r.headers.emplace(name, std::string(field.value()));
    if (!inserted) it->second += ", " + std::string(field.value());
  }
  r.body = std::move(in.body());
  r.remote_address = remote;
  if (trust_proxy) {
    if (auto xff = r.header("x-forwarded-for")) {
      auto first = xff->substr(0, xff->find(','));
      while (!first.empty() && first.front() == ' ') first.remove_prefix(1);
      while (!first.empty() && first.back() == ' ') first.remove_suffix(1);
      if (!first.empty()) r.remote_address = std::string(first);
    }
  }
  return r;
}

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket&& socket, ServerState& state) : stream_(std::move(socket)), state_(state) {
    ++state_.active;
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    remote_ = ec ? "unknown" : ep.address().to_string();
  }
  ~Connection() { --state_.active; }

  void start() {
    {
      std::lock_guard lock(state_.mutex);
      if (state_.connections.size() > 2 * state_.active + 64)
        state_.connections.remove_if([](const auto& w) { return w.expired(); });
      state_.connections.push_back(weak_from_this());
    }
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Connection::read, shared_from_this()));
  }

  // Called on shutdown: a connection waiting for its next request is closed now; one
  // handling a request closes after its response.
  // Idle means: kept alive after an answer, with no byte of a next request. A request
  // whose bytes have arrived is read and answered; a new connection has not sent its
  // first request yet but its client is about to, so it gets it served too (bounded by
  // the read timeout and the shutdown grace period).
  void close_if_idle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      beast::error_code ec;
      const auto waiting = self->stream_.socket().available(ec);
      if (!self->busy_ && self->served_ > 0 && waiting == 0 && self->buffer_.size() == 0) self->close();
    });
  }

 private:
  void read() {
    busy_ = false;
    // Shutting down: a kept-alive connection ends after its last answer; a connection
    // accepted from the backlog during shutdown still gets its one request served.
    if (state_.stopping && served_ > 0) return drain_then_close();
    parser_.emplace();
    // Beast checks Content-Length against the limit while it reads the header, so the
    // larger upload limit is set first and lowered in on_header for everything else.
    parser_->body_limit(std::max(state_.options.max_body_bytes, state_.options.max_upload_bytes));
    parser_->header_limit(static_cast<std::uint32_t>(state_.options.max_header_bytes));
    stream_.expires_after(state_.options.io_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Connection::on_header, shared_from_this()));
  }

  // The header decides the body limit: uploads (`…/import`, `…/attachments`) may be
  // larger than the rest.
  void on_header(beast::error_code ec, std::size_t) {
    if (ec) return on_read(ec, 0);
    const auto target = parser_->get().target();
    const auto path = target.substr(0, target.find('?'));
    const bool upload = path.ends_with("/import") || path.ends_with("/attachments");
    const auto limit = upload ? state_.options.max_upload_bytes : state_.options.max_body_bytes;
    const auto length = parser_->content_length();
    if (length && *length > limit) return on_read(bhttp::error::body_limit, 0);
    parser_->body_limit(limit);  // also bounds a chunked body
    bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Connection::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::end_of_stream || ec == net::error::operation_aborted || ec == beast::error::timeout ||
        ec == net::error::eof || ec == net::error::connection_reset)
      return close();
    busy_ = true;
    if (ec == bhttp::error::body_limit) {
      return reply_error({ErrorKind::payload_too_large,
                          "De gegevens zijn te groot.",
                          "The request body exceeds the size limit.",
                          {},
                          0});
    }
    if (ec == bhttp::error::header_limit) {
      return reply_error(Error::bad_request("Request headers too large."));
    }
    if (ec) return reply_error(Error::bad_request("Malformed HTTP request: " + ec.message()));

    const auto started = std::chrono::steady_clock::now();
    auto req = parser_->release();
    const bool keep_alive = req.keep_alive();
    const unsigned version = req.version();
    const bool head = req.method() == bhttp::verb::head;
    const std::string target(req.target());

    Response response;
    auto parsed = parse_target(target);
    Request request = to_request(std::move(req), remote_, state_.options.trust_proxy);
    if (!parsed) {
      response = problem_response(Error::bad_request("Malformed request target."));
      add_security_headers(response);
    } else {
      request.path = std::move(parsed->path);
      request.query = std::move(parsed->query);
      response = state_.dispatcher.handle(request);
    }
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
    spdlog::info(R"("event":"request","method":{},"path":{},"status":{},"duration_ms":{:.3f},"remote":{})",
                 nlohmann::json(request.method).dump(),
                 nlohmann::json(request.path).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                 response.status, static_cast<double>(micros) / 1000.0, nlohmann::json(remote_).dump());
    ++served_;
    send(std::move(response), version, keep_alive && !state_.stopping, head);
  }

  void reply_error(const Error& error) {
    Response r = problem_response(error);
    add_security_headers(r);
    spdlog::info(R"("event":"request_refused","status":{},"remote":{})", r.status, nlohmann::json(remote_).dump());
    send(std::move(r), 11, false, false);
  }

  void send(Response&& r, unsigned version, bool keep_alive, bool head) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(static_cast<bhttp::status>(r.status), version);
    res->set(bhttp::field::server, "wijkkader");
    if (!r.content_type.empty()) res->set(bhttp::field::content_type, r.content_type);
    for (auto& [k, v] : r.headers) res->insert(k, v);
    const auto length = r.body.size();
    if (!head) res->body() = std::move(r.body);
    res->keep_alive(keep_alive);
    if (head)
      res->content_length(length);
    else
      res->prepare_payload();
    response_ = res;
    stream_.expires_after(state_.options.io_timeout);
    bhttp::async_write(stream_, *res, beast::bind_front_handler(&Connection::on_write, shared_from_this(), keep_alive));
  }

  void on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    response_.reset();
    if (ec) return close();
    if (!keep_alive) return drain_then_close();
    read();
  }

  // After refusing a request whose body is still arriving (413, a malformed request),
  // closing at once makes the kernel reset the connection and the client may never
  // read the answer. So: stop sending, read and discard what still comes for a moment
  // (bounded in time and size), then close.
  void drain_then_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return close();
    drained_ = 0;
    stream_.expires_after(std::chrono::seconds(2));
    drain();
  }

  void drain() {
    stream_.async_read_some(net::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->drained_ += n;
                              if (ec || self->drained_ > (8u << 20)) return self->close();
                              self->drain();
                            });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  ServerState& state_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<void> response_;
  std::string remote_;
  bool busy_ = false;
  std::array<char, 16 * 1024> drain_buffer_{};
  std::size_t drained_ = 0;
  std::size_t served_ = 0;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, tcp::endpoint endpoint, ServerState& state)
      : ioc_(ioc), acceptor_(net::make_strand(ioc)), state_(state) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  void start() { accept(); }
  // Stops accepting. Connections the kernel already completed (waiting in the listen
  // backlog) were made before the signal: they are taken and served, not reset.
  void stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ec;
      self->acceptor_.non_blocking(true, ec);
      for (;;) {
        tcp::socket socket(net::make_strand(self->ioc_));
        self->acceptor_.accept(socket, ec);
        if (ec) break;
        std::make_shared<Connection>(std::move(socket), self->state_)->start();
      }
      self->acceptor_.close(ec);
    });
  }

 private:
  void accept() {
    acceptor_.async_accept(net::make_strand(ioc_), beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }
  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted) return;
    if (!ec) {
      if (state_.active >= state_.options.max_connections) {
        // Over the cap: refuse at once rather than queue without bound.
        beast::error_code ignored;
        socket.close(ignored);
        spdlog::warn(R"("event":"connection_refused","reason":"connection cap")");
      } else {
        std::make_shared<Connection>(std::move(socket), state_)->start();
      }
    }
    if (acceptor_.is_open()) accept();  // closed: shutting down, this was the last one
  }

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  ServerState& state_;
};

}  // namespace

void run_server(const ServerOptions& options, const Dispatcher& dispatcher,
                const std::function<void(std::uint16_t)>& on_listening) {
  net::io_context ioc(options.threads);
  ServerState state{options, dispatcher};
  auto listener =
      std::make_shared<Listener>(ioc, tcp::endpoint(net::ip::make_address(options.bind_address), options.port), state);
  listener->start();
  on_listening(listener->port());

  net::signal_set signals(ioc, SIGINT, SIGTERM);
  net::steady_timer drain(ioc);
  std::chrono::steady_clock::time_point deadline;
  std::function<void()> wait_for_drain = [&] {
    if (state.active == 0 || std::chrono::steady_clock::now() >= deadline) {
      if (state.active != 0) spdlog::warn(R"("event":"shutdown_forced","open_connections":{})", state.active.load());
      ioc.stop();
      return;
    }
    drain.expires_after(std::chrono::milliseconds(20));
    drain.async_wait([&](beast::error_code) { wait_for_drain(); });
  };
  signals.async_wait([&](beast::error_code ec, int signo) {
    if (ec) return;
    spdlog::info(R"("event":"shutdown","signal":{})", signo);
    state.stopping = true;
    listener->stop();
    {
      std::lock_guard lock(state.mutex);
      for (auto& weak : state.connections)
        if (auto c = weak.lock()) c->close_if_idle();
      state.connections.clear();
    }
    deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
    wait_for_drain();
  });

  std::vector<std::thread> threads;
  for (int i = 1; i < options.threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
}

}  // namespace wk::http
