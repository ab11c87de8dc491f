// Request/response types and the small helpers every route uses.
#pragma once

#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <map>
#include <string>
#include <string_view>

namespace clinic::server {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// What a route handler receives: the request plus what the router and App worked out.
struct RequestContext {
  const Request& req;
  std::map<std::string, std::string> params;  // from ":name" segments of the route pattern
  std::string_view route;                     // the matched pattern (metrics, access log)
  int64_t now_ms = 0;
  std::string remote;  // peer address (rate limits only; never logged)
  std::string lang;    // "zh-CN" or "en"

  std::string_view path() const;                  // target without the query
  std::string query(std::string_view key) const;  // "" when absent (no decoding beyond %XX)
  std::string header(http::field f) const { return std::string(req[f]); }
  std::string cookie(std::string_view name) const;
  boost::json::object json_body() const;  // throws ApiError unsupported_media_type / bad_json / invalid_request
};

Response json_response(const Request& req, http::status status, const boost::json::value& body);
Response text_response(const Request& req, http::status status, std::string body, std::string_view content_type);
Response error_response(const Request& req, std::string_view code, std::string_view message,
                        std::string_view field = {});

}  // namespace clinic::server
