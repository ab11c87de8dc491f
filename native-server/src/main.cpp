// clinic-server (foundation stage): serves /healthz and POST /api/core (the command
// API over HTTP). The platform issue grows this into the full server.
#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include "clinic/command.h"

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

namespace {

http::response<http::string_body> handle(const http::request<http::string_body>& req) {
  http::response<http::string_body> res{http::status::ok, req.version()};
  res.set(http::field::content_type, "application/json; charset=utf-8");
  res.keep_alive(req.keep_alive());
  if (req.target() == "/healthz") {
    res.body() = R"({"status":"ok"})";
  } else if (req.target() == "/api/core" && req.method() == http::verb::post) {
    res.body() = clinic::call(req.body());
  } else {
    res.result(http::status::not_found);
    res.body() = R"({"error":{"code":"not_found","message":"no such route","field":""}})";
  }
  res.prepare_payload();
  return res;
}

void serve(tcp::socket socket) {
  beast::error_code ec;
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(1 << 20);
    http::read(socket, buffer, parser, ec);
    if (ec) break;
    auto res = handle(parser.get());
    http::write(socket, res, ec);
    if (ec || !res.keep_alive()) break;
  }
  socket.shutdown(tcp::socket::shutdown_send, ec);
}

}  // namespace

int main(int argc, char** argv) {
  unsigned short port = argc > 1 ? static_cast<unsigned short>(std::atoi(argv[1])) : 8080;
  boost::asio::io_context ioc;
  tcp::acceptor acceptor(ioc, {boost::asio::ip::make_address("127.0.0.1"), port});
  std::cout << "clinic-server listening on http://127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;
  for (;;) {
    tcp::socket socket(ioc);
    acceptor.accept(socket);
    std::thread(serve, std::move(socket)).detach();
  }
}
