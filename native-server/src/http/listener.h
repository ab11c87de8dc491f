// Accepts connections and starts a Session for each, until stop().
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>

#include <memory>

#include "http/session.h"

namespace clinic::server {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Binds and listens; throws with a clear message when the address is unusable.
  Listener(boost::asio::io_context& ioc, const boost::asio::ip::tcp::endpoint& endpoint, SessionHub& hub);
  void run();
  void stop();  // closes the acceptor; live sessions continue
  unsigned short port() const { return port_; }

 private:
  void do_accept();
  void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  SessionHub& hub_;
  unsigned short port_ = 0;
};

}  // namespace clinic::server
