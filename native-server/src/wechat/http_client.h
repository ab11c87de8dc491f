// A small blocking HTTP(S) client over Beast: one request per connection, a deadline on
// the whole exchange, TLS with peer verification and SNI for https, plain TCP for http
// (config allows plain http only to loopback). Thread-safe: each call owns its io_context.
#pragma once

#include <cstdint>
#include <string>

#include "wechat/url.h"

namespace clinic::server {

struct HttpResult {
  int status = 0;
  std::string body;
};

// target: path + query (begins with '/'), appended to base.path. body empty → GET, else POST JSON.
// Throws std::runtime_error on connection, TLS, timeout or protocol failure.
HttpResult http_fetch(const Url& base, const std::string& target, const std::string& json_body, int64_t timeout_ms);

}  // namespace clinic::server
