// Accepts connections and starts a Session for each, until stop(). Connections are dealt
// round-robin to the I/O threads' io_contexts: a connection stays on one thread for its
// life, so its handlers run in order without a strand.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <memory>
#include <vector>

#include "http/session.h"

namespace clinic::server {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Binds and listens; throws with a clear message when the address is unusable.
  // `contexts`: one per I/O thread, each run by exactly one thread; the acceptor lives on the first.
  Listener(const std::vector<boost::asio::io_context*>& contexts, const boost::asio::ip::tcp::endpoint& endpoint,
           SessionHub& hub);
  void run();
  void stop();  // closes the acceptor; live sessions continue
  unsigned short port() const { return port_; }

 private:
  void do_accept();
  void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

  std::vector<boost::asio::io_context*> contexts_;
  size_t next_ = 0;  // the context of the next connection
  boost::asio::ip::tcp::acceptor acceptor_;
  SessionHub& hub_;
  unsigned short port_ = 0;
};

}  // namespace clinic::server
