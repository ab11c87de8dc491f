#include "app.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "errors.h"
#include "routes/fields.h"
#include "seed.h"

namespace clinic::server {
namespace {

std::string pick_lang(const Request& req) {
  std::string_view target = req.target();
  if (target.find("lang=en") != std::string_view::npos) return "en";
  std::string_view al = req[http::field::accept_language];
  if (al.substr(0, 2) == "en") return "en";
  return "zh-CN";
}

}  // namespace

App::App(Config config)
    : config_(std::move(config)),
      clock_(config_.test_clock_file),
      vault_(Vault::open(config_.key_file)),
      access_log_(config_.access_log) {
  Log::set_level(config_.log_level);
  StoreOptions so;
  so.path = config_.db_path;
  so.synchronous = config_.synchronous;
  so.readers = config_.readers;
  so.max_batch = config_.max_batch;
  store_ = std::make_unique<Store>(so, vault_, clock_.now_ms());
  store_->set_batch_observer([this](size_t n) { metrics_.observe_batch(n); });
  int64_t org = ensure_organization(config_, *store_, clock_.now_ms());
  std::string why;
  wechat_ = std::make_unique<WeChatClient>(config_.wechat_appid, config_.wechat_secret,
                                           *parse_url(config_.wechat_api_base, why), config_.wechat_timeout_ms);
  auth_ = std::make_unique<Auth>(config_, *store_, *wechat_, org);
  add_routes();
}

App::~App() = default;

void App::add_routes() {
  add_ops_routes();
  add_auth_routes();
  add_staff_routes();
  add_patient_routes();
  add_desk_routes();
  add_manager_routes();
}

bool App::runs_on_io(const Request& req) const {
  if (req.body().size() > kIoBodyLimit) return false;  // bounds the work done on an I/O thread
  std::string_view target = req.target();
  Router::Match m = router_.match(req.method(), target.substr(0, target.find('?')));
  return m.handler && m.exec == Exec::io && (!*m.gate || (*m.gate)(req));
}

Response App::reject(unsigned version, std::string_view code, std::string_view message) {
  Request req{http::verb::get, "/", version};
  Response res = error_response(req, code, message);
  res.keep_alive(false);
  metrics_.observe_request("-", "-", res.result_int(), 0);
  access_log_.write(AccessRecord{clock_.now_ms(), "-", "-", static_cast<int>(res.result_int()), 0, 0, res.body().size()});
  return res;
}

Response App::handle(const Request& req, const std::string& remote) {
  auto started = std::chrono::steady_clock::now();
  RequestContext ctx{req, {}, {}, 0, {}, {}};
  ctx.now_ms = clock_.now_ms();
  ctx.remote = remote;
  ctx.lang = pick_lang(req);
  t_request_lang = ctx.lang;  // field-reading errors in the request's language (routes/fields.h)
  std::string route = "-";
  Response res;
  try {
    Router::Match m = router_.match(req.method(), ctx.path());
    if (m.handler) {
      route = *m.pattern;
      ctx.params = std::move(m.params);
      ctx.route = route;
      res = (*m.handler)(ctx);
    } else if (m.method_mismatch) {
      route = *m.pattern;
      res = error_response(req, "method_not_allowed", "method not allowed on this route");
      res.set(http::field::allow, m.allow);
    } else if ((req.method() == http::verb::get || req.method() == http::verb::head) &&
               ctx.path().substr(0, 5) != "/api/") {
      route = "/static";
      res = serve_static(ctx);
    } else {
      res = error_response(req, "route_not_found", "no such route");
    }
  } catch (const ApiError& e) {
    res = error_response(req, e.code, e.message, e.field);
    if (e.code == "rate_limited") res.set(http::field::retry_after, "60");
  } catch (const std::exception& e) {
    log_error(std::string("unhandled error on ") + route + ": " + e.what());
    res = error_response(req, "internal", "internal server error");
  }
  if (req.method() == http::verb::head) {
    res.content_length(res.body().size());
    res.body().clear();
  }
  if (draining_) res.keep_alive(false);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.observe_request(route, std::string(http::to_string(req.method())), res.result_int(), seconds);
  access_log_.write(AccessRecord{ctx.now_ms, http::to_string(req.method()), route, static_cast<int>(res.result_int()),
                                 seconds * 1000, req.body().size(), res.body().size()});
  return res;
}

namespace {

std::string_view content_type_for(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".wasm") return "application/wasm";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

Response App::serve_static(RequestContext& ctx) {
  std::string path(ctx.path());
  if (path.empty() || path.back() == '/') path += "index.html";
  // Refuse anything that could leave the folder: "..", backslashes, NULs, hidden files.
  if (path.find("..") != std::string::npos || path.find('\\') != std::string::npos ||
      path.find('\0') != std::string::npos || path.find("/.") != std::string::npos) {
    return error_response(ctx.req, "route_not_found", "no such file");
  }
  std::filesystem::path file = std::filesystem::path(config_.static_dir) / path.substr(1);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec) || std::filesystem::file_size(file, ec) > (16u << 20)) {
    return error_response(ctx.req, "route_not_found", "no such file");
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream body;
  body << in.rdbuf();
  Response res = text_response(ctx.req, http::status::ok, body.str(), content_type_for(file));
  res.set(http::field::cache_control, "no-cache");
  return res;
}

}  // namespace clinic::server
