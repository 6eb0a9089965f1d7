#include "api/server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <array>
#include <chrono>
#include <iostream>
#include <thread>
#include <vector>

namespace rocta::api {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

constexpr auto kIdleTimeout = std::chrono::seconds(30);
// How long a closing connection still reads (and drops) what the client sends.
constexpr auto kLingerTimeout = std::chrono::seconds(2);

http::response<http::string_body> to_beast(HttpResponse r, unsigned version, bool keep_alive, bool head) {
  http::response<http::string_body> res{static_cast<http::status>(r.status), version};
  res.set(http::field::server, "rocta");
  if (!r.content_type.empty() && r.status != 204) res.set(http::field::content_type, r.content_type);
  for (auto& [k, v] : r.headers) res.set(k, v);
  res.keep_alive(keep_alive);
  const size_t size = r.body.size();
  if (!head) res.body() = std::move(r.body);
  res.content_length(head ? size : res.body().size());
  if (r.status == 204) res.content_length(boost::none);
  return res;
}

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, Api& api, asio::thread_pool& workers, size_t body_limit)
      : stream_(std::move(socket)), api_(api), workers_(workers), body_limit_(body_limit) {}

  void start() { asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Connection::read, shared_from_this())); }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(body_limit_);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(kIdleTimeout);
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Connection::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::connection_reset ||
        ec == asio::error::operation_aborted || ec == asio::error::eof)
      return close();
    if (ec == http::error::body_limit) {
      return reply_and_close(problem(413, "body-too-large", "Body too large",
                                     "the body is larger than " + std::to_string(body_limit_ / 1024) + " KiB"));
    }
    if (ec) return reply_and_close(problem(400, "bad-request", "Bad request", "the request is not valid HTTP/1.1"));
    auto req = parser_->release();
    HttpRequest r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    r.body = std::move(req.body());
    r.authorization = std::string(req[http::field::authorization]);
    r.purpose = std::string(req["X-Rocta-Purpose"]);
    r.content_type = std::string(req[http::field::content_type]);
    beast::error_code ep;
    auto remote = stream_.socket().remote_endpoint(ep);
    r.remote = ep ? "unknown" : remote.address().to_string();
    // The store work (and any wait for the audit trail's group commit) runs on a worker,
    // so that the I/O threads keep reading and writing other connections meanwhile. The
    // answer goes back to this connection's strand only once handle() has returned, that
    // is after the audit event of what it shows is committed.
    asio::post(workers_, [self = shared_from_this(), r = std::move(r), version = req.version(), keep_alive = req.keep_alive(),
                          head = req.method() == http::verb::head]() mutable {
      HttpResponse out = self->api_.handle(r);
      if (out.status >= 500) std::cerr << "rocta: " << r.method << ' ' << r.target << " -> " << out.status << '\n';
      auto res = to_beast(std::move(out), version, keep_alive, head);
      asio::dispatch(self->stream_.get_executor(), [self, res = std::move(res)]() mutable { self->write(std::move(res)); });
    });
  }

  void write(http::response<http::string_body> res) {
    auto sp = std::make_shared<http::response<http::string_body>>(std::move(res));
    const bool close_after = !sp->keep_alive();
    http::async_write(stream_, *sp, [self = shared_from_this(), sp, close_after](beast::error_code ec, size_t) {
      if (ec || close_after) return self->close();
      self->read();
    });
  }

  void reply_and_close(HttpResponse r) {
    auto res = to_beast(std::move(r), 11, false, false);
    write(std::move(res));
  }

  // Ends the answer stream, then reads and drops what the client still sends (the rest of
  // a pipeline behind a malformed request) until it closes or kLingerTimeout passes:
  // closing a socket with unread input makes the kernel reset the connection, and the
  // client may then lose the answer already sent to it (the 400 it needs).
  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(kLingerTimeout);
    linger();
  }

  void linger() {
    stream_.async_read_some(asio::buffer(linger_buf_), [self = shared_from_this()](beast::error_code ec, size_t) {
      if (!ec) self->linger();
    });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::array<char, 4096> linger_buf_{};
  Api& api_;
  asio::thread_pool& workers_;
  size_t body_limit_;
};

}  // namespace

struct Server::Impl {
  Api& api;
  ServerOptions options;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::vector<std::thread> threads;
  // After ioc: destroyed (joined) first, so no handler runs on a destroyed io_context.
  asio::thread_pool workers;
  uint16_t bound_port = 0;

  Impl(Api& a, ServerOptions o)
      : api(a), options(std::move(o)), ioc(std::max(1, options.threads)), workers(static_cast<size_t>(std::max(1, options.workers))) {}

  void accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (!ec) std::make_shared<Connection>(std::move(socket), api, workers, options.body_limit)->start();
      if (acceptor.is_open()) accept();
    });
  }
};

Server::Server(Api& api, ServerOptions options) : impl_(std::make_unique<Impl>(api, std::move(options))) {}

Server::~Server() { stop(); }

Status Server::start() {
  beast::error_code ec;
  const auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) return invalid("'" + impl_->options.host + "' is not an IP address");
  const tcp::endpoint ep{address, impl_->options.port};
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return Status(Code::kUnavailable, "cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) +
                                          ": " + ec.message());
  impl_->bound_port = a.local_endpoint().port();
  impl_->accept();
  for (int i = 0; i < std::max(1, impl_->options.threads); ++i) impl_->threads.emplace_back([this] { impl_->ioc.run(); });
  return Status::ok();
}

uint16_t Server::port() const { return impl_->bound_port; }

void Server::wait_for_signal() {
  asio::io_context signals_ctx;
  asio::signal_set signals(signals_ctx, SIGINT, SIGTERM);
  signals.async_wait([](const beast::error_code&, int) {});
  signals_ctx.run();
  stop();
}

void Server::stop() {
  if (impl_->threads.empty()) return;
  asio::post(impl_->ioc, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
  });
  impl_->ioc.stop();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
  impl_->workers.join();
}

}  // namespace rocta::api
