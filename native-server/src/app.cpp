#include "app.h"

#include <algorithm>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/account_service.h"
#include "engagement/setup.h"
#include "errors.h"
#include "routes/route_table.h"
#include "seed.h"
#include "validation/fields.h"

namespace clinic::server {

constexpr int kPgConnectionsPerInstance = 32;
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
  // PostgreSQL: a handler waits for a free connection beyond this; writes of one process run
  // one at a time anyway, and two instances plus a replica stay under the server's default
  // max_connections (100).
  so.pg_connections = std::min(config_.readers + config_.workers, kPgConnectionsPerInstance);
  so.pg_replica = config_.db_replica;
  so.pg_replica_max_lag_ms = config_.db_replica_max_lag_ms;
  store_ = std::make_unique<Store>(so, vault_, clock_.now_ms());
  store_->set_batch_observer(
      [this](const Store::CommittedBatch& b) { metrics_.observe_batch(b.jobs, b.run_seconds, b.commit_seconds); });
  int64_t org = 0;
  {
    // Instances starting together on one PostgreSQL seed and build one at a time: the second
    // waits here, then finds the organisation (and the demo staff) the first stored.
    StartupLock one_at_a_time(*store_);
    org = ensure_organization(config_, *store_, clock_.now_ms());
    // Ledgers from before member accounts (schema 3) get their account now (issue 16).
    if (int built = build_missing_accounts(*store_, clock_.now_ms()); built > 0) {
      log_info("member accounts built from their ledgers: " + std::to_string(built));
    }
  }
  std::string why;
  wechat_ = std::make_unique<WeChatClient>(config_.wechat_appid, config_.wechat_secret,
                                           *parse_url(config_.wechat_api_base, why), config_.wechat_timeout_ms);
  auth_ = std::make_unique<Auth>(config_, *store_, *wechat_, vault_, org);
  scheduler_ = start_engagement(config_, *store_, *wechat_, clock_, org);
  wire_services();
  add_routes();
}

App::App(Config config, RoutesOnly)
    : config_(std::move(config)), clock_(std::string()), vault_(std::string(32, '\0')), access_log_(std::string()) {
  // Handlers reach the store and auth only when called; registering them needs neither.
  wire_services();
  add_routes();
}

App::~App() = default;

void App::wire_services() {
  services_.config = &config_;
  services_.clock = &clock_;
  services_.vault = &vault_;
  services_.store = store_.get();
  services_.wechat = wechat_.get();
  services_.auth = auth_.get();
  services_.scheduler = scheduler_.get();
  services_.metrics = &metrics_;
  services_.staff_core_gate = std::make_unique<ConcurrencyGate>(config_.staff_core_concurrency);
  services_.draining = &draining_;
  services_.in_flight = &in_flight_;
}

void App::add_routes() {
  for (const RouteTable* table : route_tables()) {
    for (const RouteDef& d : *table) {
      if (d.enabled && !d.enabled(config_)) continue;
      IoGate gate;
      if (d.gate) gate = [g = d.gate](const Request& req) { return g(req); };
      router_.add(
          d.method, d.pattern, d.summary, [this, fn = d.handler](RequestContext& ctx) { return fn(services_, ctx); },
          d.exec, std::move(gate));
    }
  }
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
  access_log_.write(
      AccessRecord{clock_.now_ms(), "-", "-", static_cast<int>(res.result_int()), 0, 0, res.body().size()});
  return res;
}

Response App::handle(const Request& req, const std::string& remote) {
  auto started = std::chrono::steady_clock::now();
  RequestContext ctx{req, {}, {}, 0, {}, {}};
  ctx.now_ms = clock_.now_ms();
  ctx.remote = remote;
  ctx.lang = pick_lang(req);
  t_request_lang = ctx.lang;  // field-reading errors in the request's language (validation/fields.h)
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
      res = error_response(req, "method_not_allowed",
                           Text("该地址不支持此方法", "method not allowed on this route").in(ctx.lang));
      res.set(http::field::allow, m.allow);
    } else if ((req.method() == http::verb::get || req.method() == http::verb::head) &&
               ctx.path().substr(0, 5) != "/api/") {
      route = "/static";
      res = serve_static(ctx);
    } else {
      res = error_response(req, "route_not_found", Text("没有这个接口", "no such route").in(ctx.lang));
    }
  } catch (const ApiError& e) {
    res = error_response(req, e.code, e.message.in(ctx.lang), e.field);
    if (e.retry_after_s > 0) res.set(http::field::retry_after, std::to_string(e.retry_after_s));
  } catch (const std::exception& e) {
    log_error(std::string("unhandled error on ") + route + ": " + e.what());
    res = error_response(req, "internal", Text("服务器内部错误", "internal server error").in(ctx.lang));
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

// The browser runs the same core.wasm as the phone. A deployment puts core.wasm, loader.mjs
// and format.mjs into <static_dir>/core/; a development tree serves them straight from the
// wasm build and the source (no copy step to forget).
std::filesystem::path dev_core_file(const std::string& path) {
  if (path == "/core/core.wasm") return CLINIC_DEFAULT_CORE_WASM;
  if (path == "/core/loader.mjs") return CLINIC_DEFAULT_CORE_LOADER;
  if (path == "/core/format.mjs") return CLINIC_DEFAULT_CORE_FORMAT;
  return {};
}

// Weak validator from the bytes (FNV-1a 64): the page revalidates on every load, so an
// upgraded server never runs against a stale page or core.wasm, and answers 304 otherwise.
std::string etag_of(const std::string& body) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : body) h = (h ^ c) * 1099511628211ull;
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

Response App::serve_static(RequestContext& ctx) {
  std::string path(ctx.path());
  if (path.empty() || path.back() == '/') path += "index.html";
  // Refuse anything that could leave the folder: "..", backslashes, NULs, hidden files.
  if (path.find("..") != std::string::npos || path.find('\\') != std::string::npos ||
      path.find('\0') != std::string::npos || path.find("/.") != std::string::npos) {
    return error_response(ctx.req, "route_not_found", Text("没有这个文件", "no such file").in(ctx.lang));
  }
  std::filesystem::path file = std::filesystem::path(config_.static_dir) / path.substr(1);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    std::filesystem::path dev = dev_core_file(path);
    if (!dev.empty()) file = dev;
  }
  if (!std::filesystem::is_regular_file(file, ec) || std::filesystem::file_size(file, ec) > (16u << 20)) {
    return error_response(ctx.req, "route_not_found", Text("没有这个文件", "no such file").in(ctx.lang));
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream body;
  body << in.rdbuf();
  std::string bytes = body.str();
  std::string etag = etag_of(bytes);
  bool fresh = ctx.req[http::field::if_none_match] == etag;
  Response res = text_response(ctx.req, fresh ? http::status::not_modified : http::status::ok,
                               fresh ? std::string() : std::move(bytes), content_type_for(file));
  res.set(http::field::cache_control, "no-cache");
  res.set(http::field::etag, etag);
  res.set("X-Content-Type-Options", "nosniff");
  if (file.extension() == ".html") {
    // Same-origin everything; 'wasm-unsafe-eval' lets the page compile core.wasm, nothing more.
    res.set("Content-Security-Policy",
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
    res.set("Referrer-Policy", "no-referrer");
    res.set("X-Frame-Options", "DENY");
  }
  return res;
}

}  // namespace clinic::server
