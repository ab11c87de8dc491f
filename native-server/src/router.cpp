#include "router.h"

namespace clinic::server {
namespace {

template <class S>
std::vector<S> split_path(std::string_view path) {
  std::vector<S> out;
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

// Compares without allocating (every request tries many routes); captures are copied into
// `params` only for the route that matched.
bool match_segments(const std::vector<std::string>& pattern, const std::vector<std::string_view>& path) {
  if (pattern.size() != path.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (!pattern[i].empty() && pattern[i][0] == ':') {
      if (path[i].empty()) return false;
    } else if (pattern[i] != path[i]) {
      return false;
    }
  }
  return true;
}

std::map<std::string, std::string> captures(const std::vector<std::string>& pattern,
                                            const std::vector<std::string_view>& path) {
  std::map<std::string, std::string> params;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (!pattern[i].empty() && pattern[i][0] == ':') params[pattern[i].substr(1)] = std::string(path[i]);
  }
  return params;
}

}  // namespace

void Router::add(http::verb method, std::string pattern, std::string summary, Handler handler, Exec exec, IoGate gate) {
  Route r{RouteInfo{method, pattern, std::move(summary)}, split_path<std::string>(pattern), std::move(handler), exec,
          std::move(gate)};
  routes_.push_back(std::move(r));
}

Router::Match Router::match(http::verb method, std::string_view path) const {
  Match m;
  std::vector<std::string_view> segs = split_path<std::string_view>(path);
  for (const Route& r : routes_) {
    if (!match_segments(r.segments, segs)) continue;
    bool same = r.info.method == method || (method == http::verb::head && r.info.method == http::verb::get);
    if (same) {
      m.handler = &r.handler;
      m.pattern = &r.info.pattern;
      m.params = captures(r.segments, segs);
      m.exec = r.exec;
      m.gate = &r.gate;
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
