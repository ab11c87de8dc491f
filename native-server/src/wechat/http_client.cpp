#include "wechat/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <chrono>
#include <stdexcept>

namespace clinic::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

template <class Stream>
HttpResult exchange(Stream& stream, beast::tcp_stream& tcp, const http::request<http::string_body>& req,
                    std::chrono::milliseconds timeout) {
  tcp.expires_after(timeout);
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(1 << 20);
  http::read(stream, buffer, parser);
  HttpResult out;
  out.status = static_cast<int>(parser.get().result_int());
  out.body = std::move(parser.get().body());
  return out;
}

}  // namespace

HttpResult http_fetch(const Url& base, const std::string& target, const std::string& json_body, int64_t timeout_ms) {
  auto timeout = std::chrono::milliseconds(timeout_ms);
  net::io_context ioc;
  http::request<http::string_body> req{json_body.empty() ? http::verb::get : http::verb::post, base.path + target, 11};
  req.set(http::field::host, base.host);
  req.set(http::field::user_agent, "clinic-server");
  if (!json_body.empty()) {
    req.set(http::field::content_type, "application/json");
    req.body() = json_body;
  }
  req.prepare_payload();
  std::string host = base.host;
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  try {
    tcp::resolver resolver(ioc);
    auto results = resolver.resolve(host, base.port);
    if (!base.https) {
      beast::tcp_stream stream(ioc);
      stream.expires_after(timeout);
      stream.connect(results);
      HttpResult out = exchange(stream, stream, req, timeout);
      beast::error_code ec;
      stream.socket().shutdown(tcp::socket::shutdown_both, ec);
      return out;
    }
    net::ssl::context ctx(net::ssl::context::tls_client);
    ctx.set_default_verify_paths();
    ctx.set_verify_mode(net::ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
    if (!SSL_set_tlsext_host_name(stream.native_handle(), host.c_str())) {
      throw std::runtime_error("TLS: cannot set SNI host name");
    }
    stream.set_verify_callback(net::ssl::host_name_verification(host));
    beast::get_lowest_layer(stream).expires_after(timeout);
    beast::get_lowest_layer(stream).connect(results);
    stream.handshake(net::ssl::stream_base::client);
    HttpResult out = exchange(stream, beast::get_lowest_layer(stream), req, timeout);
    beast::error_code ec;
    stream.shutdown(ec);  // peers often skip close_notify; not an error for us
    return out;
  } catch (const beast::system_error& e) {
    throw std::runtime_error(std::string("http ") + base.host + ": " + e.code().message());
  }
}

}  // namespace clinic::server
