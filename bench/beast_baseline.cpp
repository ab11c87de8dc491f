// Bare Boost.Beast server answering a fixed JSON body with keep-alive: the ceiling the
// real server's no-write routes are compared with. usage: beast_baseline PORT THREADS
#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class Session : public std::enable_shared_from_this<Session> {
 public:
  explicit Session(tcp::socket socket) : stream_(std::move(socket)) {}
  void run() { do_read(); }

 private:
  void do_read() {
    req_ = {};
    http::async_read(stream_, buffer_, req_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }
  void on_read(beast::error_code ec) {
    if (ec) return;
    res_ = http::response<http::string_body>{http::status::ok, req_.version()};
    res_.set(http::field::content_type, "application/json");
    res_.keep_alive(req_.keep_alive());
    res_.body() = R"({"ok":{"level":"self_care"}})";
    res_.prepare_payload();
    http::async_write(stream_, res_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (!ec && self->res_.keep_alive()) self->do_read();
    });
  }
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> req_;
  http::response<http::string_body> res_;
};

void accept(tcp::acceptor& acceptor) {
  acceptor.async_accept([&acceptor](beast::error_code ec, tcp::socket socket) {
    if (!ec) std::make_shared<Session>(std::move(socket))->run();
    accept(acceptor);
  });
}

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: beast_baseline PORT THREADS\n";
    return 2;
  }
  int threads = std::max(1, std::atoi(argv[2]));
  net::io_context ioc{threads};
  tcp::acceptor acceptor{ioc, {net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(std::atoi(argv[1]))}};
  accept(acceptor);
  std::cout << "listening " << acceptor.local_endpoint().port() << std::endl;
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
}
