#include "wechat/url.h"

#include <cctype>

namespace clinic::server {

std::optional<Url> parse_url(const std::string& text, std::string& why) {
  Url url;
  std::string rest;
  if (text.rfind("https://", 0) == 0) {
    url.https = true;
    rest = text.substr(8);
  } else if (text.rfind("http://", 0) == 0) {
    url.https = false;
    rest = text.substr(7);
  } else {
    why = "expected an http:// or https:// URL, got \"" + text + "\"";
    return std::nullopt;
  }
  size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  url.path = slash == std::string::npos ? "" : rest.substr(slash);
  while (!url.path.empty() && url.path.back() == '/') url.path.pop_back();
  size_t colon = authority.rfind(':');
  if (colon != std::string::npos && authority.find(']') == std::string::npos) {
    url.host = authority.substr(0, colon);
    url.port = authority.substr(colon + 1);
  } else {
    url.host = authority;
    url.port = url.https ? "443" : "80";
  }
  if (url.host.empty()) {
    why = "URL has no host: \"" + text + "\"";
    return std::nullopt;
  }
  if (url.port.empty() || url.port.size() > 5 || url.port.find_first_not_of("0123456789") != std::string::npos) {
    why = "URL has a bad port: \"" + text + "\"";
    return std::nullopt;
  }
  return url;
}

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

}  // namespace clinic::server
