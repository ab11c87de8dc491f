#include "wechat/url.h"

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

}  // namespace clinic::server
