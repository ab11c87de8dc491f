#include "router.h"

namespace clinic::server {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool match_segments(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                    std::map<std::string, std::string>& params) {
  if (pattern.size() != path.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (!pattern[i].empty() && pattern[i][0] == ':') {
      if (path[i].empty()) return false;
      params[pattern[i].substr(1)] = path[i];
    } else if (pattern[i] != path[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::add(http::verb method, std::string pattern, std::string summary, Handler handler) {
  Route r{RouteInfo{method, pattern, std::move(summary)}, split_path(pattern), std::move(handler)};
  routes_.push_back(std::move(r));
}

Router::Match Router::match(http::verb method, std::string_view path) const {
  Match m;
  std::vector<std::string> segs = split_path(path);
  for (const Route& r : routes_) {
    std::map<std::string, std::string> params;
    if (!match_segments(r.segments, segs, params)) continue;
    bool same = r.info.method == method || (method == http::verb::head && r.info.method == http::verb::get);
    if (same) {
      m.handler = &r.handler;
      m.pattern = &r.info.pattern;
      m.params = std::move(params);
      m.method_mismatch = false;
      return m;
    }
    m.method_mismatch = true;
    m.pattern = &r.info.pattern;
    if (!m.allow.empty()) m.allow += ", ";
    m.allow += std::string(http::to_string(r.info.method));
  }
  return m;
}

std::vector<RouteInfo> Router::routes() const {
  std::vector<RouteInfo> out;
  for (const Route& r : routes_) out.push_back(r.info);
  return out;
}

}  // namespace clinic::server
