// One HTTP/1.1 connection (Beast async, keep-alive). The session owns its stream, buffer
// and parser, keeps itself alive with shared_from_this(), and runs on the one I/O thread its connection was dealt to
// (no strand needed). Reading a request has two deadlines: idle_timeout for its first bytes, read_timeout for the rest
// (a slow client is cut off). A complete request goes to the worker pool (handlers may block on a group commit); the
// response is written back on that thread.
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "app.h"

namespace clinic::server {

class Session;

// What every session shares: the app, the worker pool, and the registry used to close
// idle connections on shutdown.
struct SessionHub {
  App& app;
  boost::asio::thread_pool& workers;
  std::mutex mu;
  std::map<Session*, std::weak_ptr<Session>> sessions;

  void add(const std::shared_ptr<Session>& s);
  void remove(Session* s);
  void close_idle();  // on drain
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket&& socket, SessionHub& hub);
  ~Session();
  void run();
  void close_if_idle();

 private:
  void do_read();
  void on_first_bytes(boost::beast::error_code ec, std::size_t n);
  void parse_buffered();
  void read_request();
  void on_read(boost::beast::error_code ec, std::size_t n);
  void dispatch_request();
  void do_write(std::shared_ptr<Response> res, bool counted);
  void on_write(bool keep_alive, bool counted, boost::beast::error_code ec, std::size_t n);
  void do_close();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<Response> res_;
  SessionHub& hub_;
  std::string remote_;
  bool busy_ = false;
  bool closed_ = false;
};

}  // namespace clinic::server
