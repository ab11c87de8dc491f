// libFuzzer target: arbitrary bytes as what a client sends on a connection. Beast's
// request parser (the session's limits) turns them into requests, each handed to the
// server's pure handler App::handle — no sockets; the store is SQLite in a temporary
// folder with the demo data seeded (clinics, staff, rule documents), so routes reach
// the database. The WeChat API base points at a closed loopback port (login attempts
// fail fast, as when WeChat is down).
// Checks beyond "no crash, no sanitizer report": every answer serializes as HTTP, its
// status is a real one, a JSON error body's status is the one the error table gives
// its code, and 5xx only comes from codes meant for it (never an unhandled exception).
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "app.h"
#include "errors.h"

using namespace clinic::server;

namespace {

App& app() {
  static App* instance = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "clinic-fuzz-http-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) std::abort();
    static std::string dir = tmpl;
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
    });
    Config c;
    c.db_path = dir + "/fuzz.db";
    c.wechat_appid = "wx-fuzz";
    c.wechat_secret = "fuzz-secret";
    c.wechat_api_base = "http://127.0.0.1:1";
    c.wechat_timeout_ms = 200;
    c.access_log = "";
    c.log_level = "error";
    c.synchronous = "NORMAL";  // durability is not what this target tests; speed is
    c.demo = true;
    c.rules_dir = CLINIC_SOURCE_DIR "/core/rules";
    c.static_dir = CLINIC_SOURCE_DIR "/native-server/static";
    finish_config(c);
    return new App(c);  // lives for the process (the writer thread with it)
  }();
  return *instance;
}

void check(const Request& req, Response& res) {
  unsigned status = res.result_int();
  if (status < 100 || status > 599) std::abort();
  // Serializes (Content-Length agrees with the body; chunking is not used).
  res.prepare_payload();
  std::string wire;
  http::serializer<false, http::string_body> sr(res);
  boost::beast::error_code ec;
  do {
    sr.next(ec, [&](boost::beast::error_code&, const auto& buffers) {
      for (auto b : boost::beast::buffers_range_ref(buffers)) wire.append(static_cast<const char*>(b.data()), b.size());
      sr.consume(boost::beast::buffer_bytes(buffers));
    });
  } while (!ec && !sr.is_done());
  if (ec) std::abort();
  if (req.method() == http::verb::head) return;
  std::string_view type = res[http::field::content_type];
  if (type.rfind("application/json", 0) != 0) return;
  boost::json::error_code jec;
  boost::json::value body = boost::json::parse(res.body(), jec);
  if (jec) std::abort();  // a JSON content type with a body that is not JSON
  const boost::json::object* obj = body.if_object();
  const boost::json::value* err = obj ? obj->if_contains("error") : nullptr;
  if (!err || !err->is_object()) {
    if (status >= 500) std::abort();  // a 5xx always explains itself
    return;
  }
  const boost::json::value* code = err->get_object().if_contains("code");
  if (!code || !code->is_string()) std::abort();
  std::string_view c(code->get_string());
  if (static_cast<unsigned>(status_for(c)) != status) std::abort();  // ONE table decides statuses
  // "internal" would mean an unhandled exception (or a core bug) was reachable from outside.
  if (c == "internal" || c == "store_failed") std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  App& a = app();
  boost::asio::const_buffer input(data, size);
  // Up to 4 pipelined requests per input, as one connection would deliver them.
  for (int n = 0; n < 4 && input.size() > 0; ++n) {
    http::request_parser<http::string_body> parser;
    parser.eager(true);
    parser.body_limit(static_cast<std::uint64_t>(a.config().body_limit));
    parser.header_limit(static_cast<std::uint32_t>(a.config().header_limit));
    boost::beast::error_code ec;
    while (input.size() > 0 && !parser.is_done()) {
      size_t used = parser.put(input, ec);
      input += used;
      if (ec == http::error::need_more) {
        ec = {};
        if (used == 0) break;
        continue;
      }
      if (ec) break;
    }
    if (!parser.is_done() && !ec && input.size() == 0) {
      parser.put_eof(ec);  // the client closed: a body delimited by EOF ends here
    }
    if (ec || !parser.is_done()) {
      // What the session answers for a malformed or oversized request.
      std::string_view code = ec == http::error::body_limit     ? "too_large"
                              : ec == http::error::header_limit ? "headers_too_large"
                                                                : "invalid_request";
      Response res = a.reject(11, code, "malformed HTTP request");
      Request none{http::verb::get, "/", 11};
      check(none, res);
      return 0;
    }
    Request req = parser.release();
    Response res = a.handle(req, "fuzz");
    check(req, res);
    if (!res.keep_alive()) break;
  }
  return 0;
}
