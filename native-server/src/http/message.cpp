#include "http/message.h"

#include "errors.h"

namespace clinic::server {

std::string_view RequestContext::path() const {
  std::string_view t = req.target();
  return t.substr(0, t.find('?'));
}

namespace {

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i] == '+' ? ' ' : s[i]);
    }
  }
  return out;
}

}  // namespace

std::string RequestContext::query(std::string_view key) const {
  std::string_view t = req.target();
  size_t q = t.find('?');
  if (q == std::string_view::npos) return {};
  std::string_view rest = t.substr(q + 1);
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    size_t eq = pair.find('=');
    if (pair.substr(0, eq) == key) return eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
  return {};
}

std::string RequestContext::cookie(std::string_view name) const {
  for (const auto& f : req) {
    if (f.name() != http::field::cookie) continue;
    std::string_view v = f.value();
    while (!v.empty()) {
      size_t semi = v.find(';');
      std::string_view part = v.substr(0, semi);
      while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
      size_t eq = part.find('=');
      if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
      if (semi == std::string_view::npos) break;
      v = v.substr(semi + 1);
    }
  }
  return {};
}

boost::json::object RequestContext::json_body() const {
  std::string_view type = req[http::field::content_type];
  if (type.substr(0, 16) != "application/json") {
    throw ApiError("unsupported_media_type",
                   {"请求须为 Content-Type: application/json", "expected Content-Type: application/json"});
  }
  boost::json::error_code ec;
  boost::json::parse_options opts;
  opts.max_depth = 32;
  boost::json::value v = boost::json::parse(req.body(), ec, {}, opts);
  if (ec) throw ApiError("bad_json", {"请求体不是有效的 JSON", "request body is not valid JSON"});
  if (!v.is_object())
    throw ApiError("invalid_request", {"请求体必须是 JSON 对象", "request body must be a JSON object"});
  return std::move(v.get_object());
}

Response text_response(const Request& req, http::status status, std::string body, std::string_view content_type) {
  Response res{status, req.version()};
  res.set(http::field::content_type, content_type);
  res.set(http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response json_response(const Request& req, http::status status, const boost::json::value& body) {
  return text_response(req, status, boost::json::serialize(body), "application/json; charset=utf-8");
}

Response error_response(const Request& req, std::string_view code, std::string_view message, std::string_view field) {
  return text_response(req, status_for(code), error_body(code, message, field), "application/json; charset=utf-8");
}

}  // namespace clinic::server
