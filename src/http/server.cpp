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
#include <unordered_map>
#include <vector>

#include "core/text.hpp"
#include "http/background.hpp"
#include "http/problem.hpp"
#include "http/proxies.hpp"

namespace wk::http {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

class Connection;

// What every connection shares: options, dispatcher, the live-connection registry and
// the number of connections per client address.
struct ServerState {
  ServerState(const ServerOptions& o, const Dispatcher& d)
      : options(o), dispatcher(d), proxies(o.trusted_proxies), background(o.background_threads, o.background_queue) {}
  const ServerOptions& options;
  const Dispatcher& dispatcher;
  const TrustedProxies proxies;
  BackgroundWork background;
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::list<std::weak_ptr<Connection>> connections;
  std::unordered_map<std::string, std::size_t> per_address;  // guarded by mutex
  std::atomic<std::size_t> active{0};

  bool under_pressure() const { return active.load() > options.max_connections / 2; }
  // Whether a new connection from `address` may be taken; counts it when so.
  bool admit(const std::string& address) {
    if (proxies.contains(address)) return true;
    std::lock_guard lock(mutex);
    auto& n = per_address[address];
    if (n >= options.max_connections_per_address) return false;
    ++n;
    return true;
  }
  void release(const std::string& address) {
    if (proxies.contains(address)) return;
    std::lock_guard lock(mutex);
    auto it = per_address.find(address);
    if (it != per_address.end() && --it->second == 0) per_address.erase(it);
  }
};

Request to_request(bhttp::request<bhttp::string_body>&& in, const std::string& peer, const TrustedProxies& proxies) {
  Request r;
  r.method = std::string(in.method_string());
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = r.headers.emplace(name, std::string(field.value()));
    if (!inserted) it->second += ", " + std::string(field.value());
  }
  r.body = std::move(in.body());
  r.via_trusted_proxy = proxies.contains(peer);
  r.remote_address = proxies.client_address(peer, r.header("x-forwarded-for"));
  return r;
}

// A header line that begins with a space or tab continues the previous one (obs-fold,
// RFC 9112 §5.2): a server must refuse it or fold it, and folding lets two parsers on
// the way read two different requests. Looks at the head up to its blank line.
bool has_obs_fold(std::string_view head) {
  for (auto at = head.find('\n'); at != std::string_view::npos && at + 1 < head.size(); at = head.find('\n', at + 1))
    if (head[at + 1] == ' ' || head[at + 1] == '\t') return true;
  return false;
}

// RFC 9112 §6.1/§6.3: a request's Transfer-Encoding must end in chunked, and we know
// no other coding; with a Content-Length beside it the two framings disagree.
std::optional<Error> framing_error(const bhttp::request_parser<bhttp::string_body>& parser) {
  const auto& h = parser.get();
  const auto te = h.count(bhttp::field::transfer_encoding);
  if (te == 0) return std::nullopt;
  if (h.count(bhttp::field::content_length) > 0)
    return Error::bad_request(En{"Transfer-Encoding and Content-Length together."});
  if (te > 1) return Error::bad_request(En{"More than one Transfer-Encoding header."});
  std::string value = text::to_lower_ascii(text::trim(std::string(h[bhttp::field::transfer_encoding])));
  if (value == "chunked") return std::nullopt;
  if (value.find(',') != std::string::npos && value.ends_with("chunked"))
    return Error{ErrorKind::not_implemented,
                 "Deze codering wordt niet ondersteund.",
                 "Only the chunked transfer coding is supported.",
                 {},
                 0};
  return Error::bad_request(En{"Transfer-Encoding must be chunked."});
}

bool reserved_path(std::string_view method, std::string_view target) {
  const auto path = target.substr(0, target.find('?'));
  return (method == "GET" && (path == "/healthz" || path == "/readyz")) ||
         (method == "POST" && path == "/api/v1/session");
}

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket&& socket, ServerState& state, std::string peer, bool reserved)
      : stream_(std::move(socket)),
        state_(state),
        shutdown_timer_(stream_.get_executor()),
        remote_(std::move(peer)),
        reserved_(reserved) {
    ++state_.active;
  }
  ~Connection() {
    state_.release(remote_);
    --state_.active;
  }

  void start() {
    {
      std::lock_guard lock(state_.mutex);
      if (state_.connections.size() > 2 * state_.active + 64)
        state_.connections.remove_if([](const auto& w) { return w.expired(); });
      state_.connections.push_back(weak_from_this());
    }
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Connection::await_request, shared_from_this()));
  }

  // Called on shutdown. Every connection finishes the request it is reading or
  // handling, answers it with Connection: close, and closes. One that waits for the
  // first byte of its next request is given a moment more: a busy client's next request
  // is usually on its way, and closing under it would lose it (the client cannot tell
  // whether a lost POST was stored). Still waiting after that moment, it is closed.
  void close_if_idle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] { self->close_when_idle_a_moment(); });
  }

 private:
  // Between requests: wait for the first byte. A connection served before is idle
  // here; a new one has not sent its first request yet but its client is about to.
  void await_request() {
    // Shutting down after an answer that promised keep-alive: the client may already be
    // sending its next request, which is answered (with Connection: close) if it comes soon.
    if (state_.stopping) close_when_idle_a_moment();
    if (buffer_.size() > 0) return read_head();  // pipelined: the next request is here
    idle_ = true;
    const bool pressed = state_.under_pressure();
    stream_.expires_after(pressed ? (served_ > 0 ? state_.options.idle_timeout_under_pressure
                                                 : 2 * state_.options.idle_timeout_under_pressure)
                                  : state_.options.io_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            beast::bind_front_handler(&Connection::on_first_bytes, shared_from_this()));
  }

  void close_when_idle_a_moment() {
    shutdown_timer_.expires_after(state_.options.idle_close_delay);
    shutdown_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec && self->idle_) self->stream_.cancel();
    });
  }

  void on_first_bytes(beast::error_code ec, std::size_t n) {
    idle_ = false;
    buffer_.commit(n);
    if (n == 0) {
      // Cancelled by shutdown: bytes that reached the socket after the wait ended are
      // a request all the same.
      beast::error_code ignored;
      if (ec == net::error::operation_aborted && stream_.socket().available(ignored) > 0) return await_request_now();
      return close();
    }
    read_head();
  }

  void await_request_now() {
    stream_.expires_after(state_.options.io_timeout);
    stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->buffer_.commit(n);
      if (n == 0) return self->close();
      self->read_head(ec);
    });
  }

  // Reads until the blank line that ends the head (bounded by the header limit and the
  // read timeout, counted from the first byte), then lets Beast parse it.
  void read_head(beast::error_code = {}) {
    const auto data = std::string_view(static_cast<const char*>(buffer_.data().data()), buffer_.size());
    const auto end = data.find("\r\n\r\n");
    if (end == std::string_view::npos) {
      if (data.size() > state_.options.max_header_bytes) return on_read(bhttp::error::header_limit, 0);
      if (!head_deadline_set_) {
        stream_.expires_after(state_.options.io_timeout);
        head_deadline_set_ = true;
      }
      return stream_.async_read_some(buffer_.prepare(4096),
                                     [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                       self->buffer_.commit(n);
                                       if (ec) return self->on_read(ec, 0);
                                       self->read_head();
                                     });
    }
    head_deadline_set_ = false;
    if (has_obs_fold(data.substr(0, end + 2)))
      return reply_error(Error::bad_request(En{"Obsolete line folding (obs-fold) in the request header."}));
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
    if (auto refused = framing_error(*parser_)) return reply_error(*refused);
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
    if (ec == bhttp::error::body_limit) {
      return reply_error({ErrorKind::payload_too_large,
                          "De gegevens zijn te groot.",
                          "The request body exceeds the size limit.",
                          {},
                          0});
    }
    if (ec == bhttp::error::header_limit) {
      return reply_error(Error::bad_request(En{"Request headers too large."}));
    }
    if (ec) return reply_error(Error::bad_request(En{"Malformed HTTP request: " + ec.message()}));

    const auto started = std::chrono::steady_clock::now();
    auto req = parser_->release();
    const bool keep_alive = req.keep_alive();
    const unsigned version = req.version();
    const bool head = req.method() == bhttp::verb::head;
    const std::string target(req.target());
    if (reserved_ && !reserved_path(std::string(req.method_string()), target)) {
      // Taken from the reserve (the cap is nearly reached): only the probe and log-in.
      return reply_error({ErrorKind::unavailable,
                          "De server is op dit moment erg druk. Probeer het zo opnieuw.",
                          "The server is at its connection limit.",
                          {},
                          5});
    }

    Response response;
    auto parsed = parse_target(target);
    Request request = to_request(std::move(req), remote_, state_.proxies);
    if (!parsed) {
      response = problem_response(Error::bad_request(En{"Malformed request target."}));
      add_security_headers(response);
    } else {
      request.path = std::move(parsed->path);
      request.query = std::move(parsed->query);
      response = state_.dispatcher.handle(request);
    }
    if (response.deferred)
      return defer(std::move(response.deferred), std::move(request), started, version, keep_alive, head);
    finish(std::move(response), request, started, version, keep_alive, head);
  }

  void finish(Response&& response, const Request& request, std::chrono::steady_clock::time_point started,
              unsigned version, bool keep_alive, bool head) {
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
    spdlog::info(R"("event":"request","method":{},"path":{},"status":{},"duration_ms":{:.3f},"remote":{})",
                 nlohmann::json(request.method).dump(),
                 nlohmann::json(request.path).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                 response.status, static_cast<double>(micros) / 1000.0, nlohmann::json(request.remote_address).dump());
    ++served_;
    send(std::move(response), version, keep_alive && !state_.stopping, head);
  }

  // Heavy work goes to the background threads; the answer comes back to this
  // connection's strand. A full queue is a 503 now rather than a wait of unknown length.
  void defer(std::function<Response()> job, Request&& request, std::chrono::steady_clock::time_point started,
             unsigned version, bool keep_alive, bool head) {
    auto shared_request = std::make_shared<Request>(std::move(request));
    const bool queued = state_.background.submit(
        [self = shared_from_this(), job = std::move(job), shared_request, started, version, keep_alive, head] {
          auto response = std::make_shared<Response>(job());
          net::post(self->stream_.get_executor(), [self, response, shared_request, started, version, keep_alive, head] {
            self->finish(std::move(*response), *shared_request, started, version, keep_alive, head);
          });
        });
    if (queued) return;
    Response busy = problem_response({ErrorKind::unavailable,
                                      "De server maakt nu al zoveel zware stukken (zoals PDF's) als hij aankan. "
                                      "Probeer het over een halve minuut opnieuw.",
                                      "The queue for heavy work (PDF printing) is full.",
                                      {},
                                      30});
    add_security_headers(busy);
    finish(std::move(busy), *shared_request, started, version, keep_alive, head);
  }

  void reply_error(const Error& error) {
    Response r = problem_response(error);
    add_security_headers(r);
    spdlog::info(R"("event":"request_refused","status":{},"remote":{})", r.status, nlohmann::json(remote_).dump());
    ++served_;
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
    await_request();
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
  net::steady_timer shutdown_timer_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<void> response_;
  std::string remote_;  // the socket's peer
  bool reserved_;
  bool idle_ = false;
  bool head_deadline_set_ = false;
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
        self->take(std::move(socket));
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
    if (!ec) take(std::move(socket));
    if (acceptor_.is_open()) accept();  // closed: shutting down, this was the last one
  }

  // Over a cap the connection is closed at once rather than queued without bound; a
  // refusal is logged once a second at most (a flood would otherwise fill the log).
  void take(tcp::socket socket) {
    beast::error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    std::string peer = ec ? "unknown" : endpoint.address().to_string();
    if (!ec && endpoint.address().is_v6() && endpoint.address().to_v6().is_v4_mapped())
      peer = net::ip::make_address_v4(net::ip::v4_mapped, endpoint.address().to_v6()).to_string();
    const char* refused = nullptr;
    const auto active = state_.active.load();
    if (active >= state_.options.max_connections)
      refused = "connection cap";
    else if (!state_.admit(peer))
      refused = "connections per address";
    if (refused) {
      socket.close(ec);
      ++refused_;
      const auto now = std::chrono::steady_clock::now();
      if (now - last_refusal_log_ >= std::chrono::seconds(1)) {
        spdlog::warn(R"("event":"connection_refused","reason":"{}","remote":{},"refused_since_last":{})", refused,
                     nlohmann::json(peer).dump(), refused_);
        refused_ = 0;
        last_refusal_log_ = now;
      }
      return;
    }
    const bool reserved = active + state_.options.reserved_connections >= state_.options.max_connections;
    std::make_shared<Connection>(std::move(socket), state_, std::move(peer), reserved)->start();
  }

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  ServerState& state_;
  std::size_t refused_ = 0;  // since the last log line; used on the acceptor's strand only
  std::chrono::steady_clock::time_point last_refusal_log_{};
};

}  // namespace

void run_server(const ServerOptions& options, const Dispatcher& dispatcher,
                const std::function<void(std::uint16_t)>& on_listening) {
  // The state outlives the io_context: handlers still queued at a forced stop hold
  // connections, whose destructors report to the state.
  ServerState state{options, dispatcher};
  net::io_context ioc(options.threads);
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
  state.background.stop();  // before the io_context goes: a finishing job posts to it
}

}  // namespace wk::http
