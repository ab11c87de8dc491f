// Operations: health, readiness, metrics, and the stateless command API preview.
#include <boost/json.hpp>

#include "clinic/command.h"
#include "errors.h"
#include "routes/route_table.h"

namespace clinic::server {
namespace {

// The ops anyone may call on POST /api/core (the phone's previews): each costs a bounded
// amount per call — its input is at most body_limit bytes and it walks no stored history and no
// protocol tree. Not here, so staff only (POST /api/staff/core): triage.lint (an exhaustive walk
// of every protocol, ~0.2 s), rules.simulate and rules.validate (manager tools over whole
// documents and histories), and the ledger writers and replays the server runs on stored data
// itself (points.apply, points.balance, checkin.apply, coupon.redeem, visit.refund, referral.*).
constexpr std::string_view kPublicOps[] = {
    "core.version",     "calendar.local", "money.allocate", "points.preview", "coupon.validate", "visit.price",
    "triage.catalog",   "triage.match",   "triage.start",   "triage.answer",  "triage.evaluate",
    "member_code.totp",  // one HMAC over its small input (the phone computes it offline too)
};

bool is_public_op(std::string_view op) {
  for (std::string_view p : kPublicOps) {
    if (p == op) return true;
  }
  return false;
}

bool is_known_op(std::string_view op) {
  for (const OpInfo& info : op_table()) {
    if (info.name == op) return true;
  }
  return false;
}

// The "op" of a command body, parsed as the core parses it (same parser, same depth limit),
// so the op checked here is the op the core runs; empty when there is none.
std::string requested_op(const std::string& body) {
  boost::json::parse_options opts;
  opts.max_depth = kMaxJsonDepth;
  boost::json::error_code ec;
  boost::json::monotonic_resource arena;
  boost::json::value v = boost::json::parse(body, ec, &arena, opts);
  const boost::json::object* o = ec ? nullptr : v.if_object();
  const boost::json::value* op = o ? o->if_contains("op") : nullptr;
  if (!op || !op->is_string()) return {};
  return std::string(op->get_string());
}

// The core's answer byte for byte (parity with wasm and clinic-core), its status from the table.
Response core_answer(const Request& req, std::string out) {
  http::status status = http::status::ok;
  if (out.rfind("{\"error\":", 0) == 0) {
    boost::json::error_code ec;
    boost::json::value v = boost::json::parse(out, ec);
    if (!ec) {
      if (const auto* code = v.find_pointer("/error/code", ec); code && code->is_string()) {
        status = status_for(code->get_string());
      }
    }
  }
  return text_response(req, status, std::move(out), "application/json; charset=utf-8");
}

Response healthz(Services&, RequestContext& ctx) {
  return json_response(ctx.req, http::status::ok, boost::json::object{{"status", "ok"}});
}

Response readyz(Services& s, RequestContext& ctx) {
  bool reader_ok = false;
  try {
    reader_ok = s.store->read([](Repos& r) { return r.first_org_id().has_value(); });
  } catch (const std::exception&) {
  }
  bool draining = s.draining->load();
  bool ready = !draining && s.store->writer_alive() && reader_ok;
  boost::json::object body{
      {"status", ready ? "ready" : "not_ready"}, {"schema_version", s.store->schema_version()}, {"draining", draining}};
  return json_response(ctx.req, ready ? http::status::ok : http::status::service_unavailable, body);
}

Response metrics(Services& s, RequestContext& ctx) {
  return text_response(
      ctx.req, http::status::ok,
      s.metrics->render(s.store->size_bytes(), s.in_flight->load(), s.draining->load()) + s.scheduler->render_metrics(),
      "text/plain; version=0.0.4; charset=utf-8");
}

Response public_core(Services& s, RequestContext& ctx) {
  admit_public_caller(s, ctx);
  std::string op = requested_op(ctx.req.body());
  if (is_known_op(op) && !is_public_op(op)) {
    throw ApiError("op_not_public",
                   Text("操作 " + op + " 不在公开命令接口上；员工请登录后使用 POST /api/staff/core",
                        "op " + op + " is not available on the public command API; staff use POST /api/staff/core"),
                   "$.op");
  }
  return core_answer(ctx.req, call(ctx.req.body()));
}

// On the I/O thread only the ops whose work is bounded by their small input (the phone's
// triage flow); every other public op on a worker.
bool public_core_on_io(const Request& req) {
  std::string op = requested_op(req.body());
  return op == "triage.start" || op == "triage.answer" || op == "triage.evaluate" || op == "triage.match" ||
         op == "calendar.local";
}

Response staff_core(Services& s, RequestContext& ctx) {
  s.auth->require_staff(ctx);
  // Expensive ops (triage.lint walks every protocol) hold a CPU each: at most
  // staff_core_concurrency at once, so they cannot starve the patients' requests.
  ConcurrencyGate::Pass pass(*s.staff_core_gate);
  if (!pass.admitted())
    throw rate_limited({"命令接口正忙，请稍后再试", "the staff command API is busy; retry shortly"}, 1);
  return core_answer(ctx.req, call(ctx.req.body()));
}

}  // namespace

void admit_public_caller(Services& s, const RequestContext& ctx) {
  int limit = s.config->core_requests_per_minute;
  if (limit <= 0) return;
  Admission a = s.public_callers.hit(ctx.remote, ctx.now_ms, 60'000, limit);
  if (!a.ok)
    throw rate_limited({"请求过于频繁，请稍后再试", "too many public requests from this address"}, a.retry_after_s());
}

const RouteTable& ops_routes() {
  static const RouteTable table = {
      {http::verb::get, "/healthz", "liveness: the process answers", healthz, Exec::io},
      {http::verb::get, "/readyz", "readiness: store writable and readable, not draining", readyz},
      {http::verb::get, "/metrics", "Prometheus text metrics", metrics},
      {http::verb::post, "/api/core", "the command API for phones: cheap ops only, no auth, rate-limited per address",
       public_core, Exec::io, public_core_on_io},
      {http::verb::post, "/api/staff/core",
       "the whole command API for signed-in staff (lint, simulate …), a few calls at a time", staff_core},
  };
  return table;
}

}  // namespace clinic::server
