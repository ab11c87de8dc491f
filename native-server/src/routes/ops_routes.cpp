// Operations: health, readiness, metrics, and the stateless command API preview.
#include <boost/json.hpp>

#include "app.h"
#include "clinic/command.h"

namespace clinic::server {

void App::add_ops_routes() {
  router_.add(
      http::verb::get, "/healthz", "liveness: the process answers",
      [](RequestContext& ctx) {
        return json_response(ctx.req, http::status::ok, boost::json::object{{"status", "ok"}});
      },
      Exec::io);

  router_.add(http::verb::get, "/readyz", "readiness: store writable and readable, not draining",
              [this](RequestContext& ctx) {
                bool reader_ok = false;
                try {
                  reader_ok = store_->read([](Repos& r) { return r.first_org_id().has_value(); });
                } catch (const std::exception&) {
                }
                bool ready = !draining_ && store_->writer_alive() && reader_ok;
                boost::json::object body{{"status", ready ? "ready" : "not_ready"},
                                         {"schema_version", store_->schema_version()},
                                         {"draining", draining_.load()}};
                return json_response(ctx.req, ready ? http::status::ok : http::status::service_unavailable, body);
              });

  router_.add(http::verb::get, "/metrics", "Prometheus text metrics", [this](RequestContext& ctx) {
    return text_response(
        ctx.req, http::status::ok,
        metrics_.render(store_->size_bytes(), in_flight_.load(), draining_) + scheduler_->render_metrics(),
        "text/plain; version=0.0.4; charset=utf-8");
  });

  router_.add(
      http::verb::post, "/api/core", "the command API (stateless preview, no auth)",
      [](RequestContext& ctx) {
        std::string out = call(ctx.req.body());
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
        // The body is the core's answer byte for byte (parity with wasm and clinic-core).
        return text_response(ctx.req, status, std::move(out), "application/json; charset=utf-8");
      },
      Exec::io,
      [](const Request& req) {
        // On the I/O thread only the ops whose work is bounded by their small input (the phone's
        // triage flow); anything else (triage.lint walks every protocol: ~0.3 s) on a worker.
        boost::json::error_code ec;
        boost::json::value v = boost::json::parse(req.body(), ec);
        const boost::json::object* o = ec ? nullptr : v.if_object();
        const boost::json::value* op = o ? o->if_contains("op") : nullptr;
        if (!op || !op->is_string()) return false;
        const boost::json::string& name = op->get_string();
        return name == "triage.start" || name == "triage.answer" || name == "triage.evaluate" ||
               name == "calendar.local";
      });
}

}  // namespace clinic::server
