#include "http/listener.h"

#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>

#include "log.h"

namespace clinic::server {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

Listener::Listener(const std::vector<net::io_context*>& contexts, const tcp::endpoint& endpoint, SessionHub& hub)
    : contexts_(contexts), acceptor_(*contexts.front()), hub_(hub) {
  beast::error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + endpoint.address().to_string() + ":" +
                             std::to_string(endpoint.port()) + ": " + ec.message());
  }
  port_ = acceptor_.local_endpoint().port();
}

void Listener::run() {
  do_accept();
}

void Listener::stop() {
  net::post(acceptor_.get_executor(), [self = shared_from_this()] {
    beast::error_code ec;
    self->acceptor_.close(ec);
  });
}

void Listener::do_accept() {
  net::io_context& next = *contexts_[next_++ % contexts_.size()];
  acceptor_.async_accept(next, beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;  // stopped
  if (ec) {
    log_warn("accept: " + ec.message());  // e.g. out of file descriptors; keep accepting
  } else {
    std::make_shared<Session>(std::move(socket), hub_)->run();
  }
  do_accept();
}

}  // namespace clinic::server
