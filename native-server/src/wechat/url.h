// A minimal absolute-URL parser for the WeChat API base (scheme, host, port, path prefix).
#pragma once

#include <optional>
#include <string>

namespace clinic::server {

struct Url {
  bool https = true;
  std::string host;
  std::string port;  // numeric text
  std::string path;  // prefix without trailing '/', may be empty

  bool loopback() const { return host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "[::1]"; }
};

// Returns nullopt and sets `why` on anything but http(s)://host[:port][/prefix].
std::optional<Url> parse_url(const std::string& text, std::string& why);

// Percent-encodes everything but RFC 3986 unreserved characters (query values: codes, tokens).
std::string url_encode(const std::string& s);

}  // namespace clinic::server
