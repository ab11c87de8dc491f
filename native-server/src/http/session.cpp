#include "http/session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include "log.h"

namespace clinic::server {

namespace beast = boost::beast;
namespace net = boost::asio;

void SessionHub::add(const std::shared_ptr<Session>& s) {
  std::lock_guard<std::mutex> lock(mu);
  sessions[s.get()] = s;
}

void SessionHub::remove(Session* s) {
  std::lock_guard<std::mutex> lock(mu);
  sessions.erase(s);
}

void SessionHub::close_idle() {
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard<std::mutex> lock(mu);
    for (auto& kv : sessions) {
      if (auto s = kv.second.lock()) live.push_back(std::move(s));
    }
  }
  for (auto& s : live) s->close_if_idle();
}

Session::Session(net::ip::tcp::socket&& socket, SessionHub& hub) : stream_(std::move(socket)), hub_(hub) {
  beast::error_code ec;
  auto ep = stream_.socket().remote_endpoint(ec);
  remote_ = ec ? "unknown" : ep.address().to_string();
}

Session::~Session() {
  hub_.remove(this);
}

void Session::run() {
  hub_.add(shared_from_this());
  net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::do_read, shared_from_this()));
}

void Session::close_if_idle() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    if (!self->busy_) self->do_close();
  });
}

void Session::do_read() {
  if (closed_) return;
  if (hub_.app.draining()) return do_close();
  parser_.emplace();
  parser_->body_limit(static_cast<std::uint64_t>(hub_.app.config().body_limit));
  parser_->header_limit(static_cast<std::uint32_t>(hub_.app.config().header_limit));
  if (buffer_.size() > 0) return parse_buffered();  // a pipelined request is already here
  stream_.expires_after(std::chrono::milliseconds(hub_.app.config().idle_timeout_ms));
  stream_.async_read_some(buffer_.prepare(4096),
                          beast::bind_front_handler(&Session::on_first_bytes, shared_from_this()));
}

void Session::on_first_bytes(beast::error_code ec, std::size_t n) {
  if (ec) return do_close();  // idle timeout, peer closed, or shutdown: all normal
  buffer_.commit(n);
  parse_buffered();
}

// A small request usually arrives whole with its first bytes: parse what is buffered here,
// and only when the request is incomplete take the asynchronous read (one more reactor
// round trip and timer per request otherwise).
void Session::parse_buffered() {
  beast::error_code ec;
  while (buffer_.size() > 0 && !parser_->is_done()) {
    std::size_t used = parser_->put(buffer_.data(), ec);
    buffer_.consume(used);
    if (ec || used == 0) break;
  }
  if (ec == http::error::need_more) ec = {};
  if (ec || parser_->is_done()) return on_read(ec, 0);
  read_request();
}

void Session::read_request() {
  stream_.expires_after(std::chrono::milliseconds(hub_.app.config().read_timeout_ms));
  http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
}

void Session::on_read(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted ||
      ec == net::error::connection_reset || ec == net::error::eof) {
    return do_close();
  }
  if (ec) {
    // Malformed or oversized: answer once, then close (the stream position is unknown).
    std::shared_ptr<Response> res;
    if (ec == http::error::body_limit) {
      res = std::make_shared<Response>(hub_.app.reject(11, "too_large", "request body exceeds the limit"));
    } else if (ec == http::error::header_limit) {
      res = std::make_shared<Response>(hub_.app.reject(11, "headers_too_large", "request headers exceed the limit"));
    } else {
      res = std::make_shared<Response>(hub_.app.reject(11, "invalid_request", "malformed HTTP request"));
    }
    busy_ = true;
    return do_write(std::move(res), false);
  }
  busy_ = true;
  hub_.app.in_flight()++;
  dispatch_request();
}

void Session::dispatch_request() {
  auto req = std::make_shared<Request>(parser_->release());
  if (hub_.app.runs_on_io(*req)) {  // a cheap, non-blocking route: no hand-off to a worker and back
    return do_write(std::make_shared<Response>(hub_.app.handle(*req, remote_)), true);
  }
  net::post(hub_.workers, [self = shared_from_this(), req] {
    auto res = std::make_shared<Response>(self->hub_.app.handle(*req, self->remote_));
    net::post(self->stream_.get_executor(), [self, res] { self->do_write(res, true); });
  });
}

// `counted`: the request was counted in flight (rejected parse errors never were).
void Session::do_write(std::shared_ptr<Response> res, bool counted) {
  res_ = std::move(res);
  bool keep_alive = res_->keep_alive() && !hub_.app.draining();
  stream_.expires_after(std::chrono::milliseconds(hub_.app.config().write_timeout_ms));
  http::async_write(stream_, *res_,
                    beast::bind_front_handler(&Session::on_write, shared_from_this(), keep_alive, counted));
}

void Session::on_write(bool keep_alive, bool counted, beast::error_code ec, std::size_t) {
  if (counted) hub_.app.in_flight()--;
  busy_ = false;
  res_.reset();
  if (ec || !keep_alive) return do_close();
  do_read();
}

void Session::do_close() {
  if (closed_) return;
  closed_ = true;
  beast::error_code ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
  stream_.close();
}

}  // namespace clinic::server
