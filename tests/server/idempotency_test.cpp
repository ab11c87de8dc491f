// Idempotency-Key (domain/idempotency.h) on a real SQLite store: the stored reply comes back
// for the same request, a different request with the key is refused, failures store nothing,
// keys are per caller, records survive a restart; and with account_write (a retried visit
// confirm gets its first answer, not the conflict its own success now causes).
#include "domain/idempotency.h"

#include <doctest/doctest.h>

#include "domain/account_write.h"
#include "domain/visit_service.h"
#include "domain_fixture.h"

using namespace clinic::server;
using namespace clinic::server::testing;
using boost::json::object;

namespace {

Request post(const std::string& target, const std::string& body, const std::string& key = {}) {
  Request r{http::verb::post, target, 11};
  r.set(http::field::content_type, "application/json");
  if (!key.empty()) r.set(kIdempotencyHeader, key);
  r.body() = body;
  r.prepare_payload();
  return r;
}

// A write that counts how often it really ran and answers 201 with its run number.
struct Counter {
  int runs = 0;
  std::function<JsonReply(Repos&)> job() {
    return [this](Repos&) {
      ++runs;
      return JsonReply{http::status::created, object{{"run", runs}}};
    };
  }
};

Response send(ClinicFixture& f, const Request& req, const std::string& scope, Counter& c, int64_t now_ms = kT0) {
  RequestContext ctx{req};
  ctx.now_ms = now_ms;
  return idempotent_write(*f.store, ctx, scope, c.job());
}

}  // namespace

TEST_SUITE("idempotency") {
  TEST_CASE("the fingerprint binds method, path, query and body") {
    std::string base = request_fingerprint(post("/api/x?clinic_id=1", R"({"a":1})"));
    CHECK(base == request_fingerprint(post("/api/x?clinic_id=1", R"({"a":1})", "k")));  // headers do not count
    CHECK(base != request_fingerprint(post("/api/x?clinic_id=2", R"({"a":1})")));
    CHECK(base != request_fingerprint(post("/api/y?clinic_id=1", R"({"a":1})")));
    CHECK(base != request_fingerprint(post("/api/x?clinic_id=1", R"({"a":2})")));
    Request put = post("/api/x?clinic_id=1", R"({"a":1})");
    put.method(http::verb::put);
    CHECK(base != request_fingerprint(put));
    // Target and body do not run together: "/a" + "b…" is not "/ab" + "…".
    CHECK(request_fingerprint(post("/a", "b{}")) != request_fingerprint(post("/ab", "{}")));
  }

  TEST_CASE("without a key every request runs") {
    ClinicFixture f;
    Counter c;
    CHECK(send(f, post("/api/x", "{}"), "member:1", c).body() == R"({"run":1})");
    CHECK(send(f, post("/api/x", "{}"), "member:1", c).body() == R"({"run":2})");
    CHECK(c.runs == 2);
  }

  TEST_CASE("the same request with a key is answered from the stored reply, status included") {
    ClinicFixture f;
    Counter c;
    Response first = send(f, post("/api/x", R"({"a":1})", "key-1"), "member:1", c);
    CHECK(first.result() == http::status::created);
    CHECK(first["Idempotent-Replayed"].empty());
    Response again = send(f, post("/api/x", R"({"a":1})", "key-1"), "member:1", c, kT0 + 60'000);
    CHECK(again.result() == http::status::created);
    CHECK(again.body() == first.body());
    CHECK(again["Idempotent-Replayed"] == "true");
    CHECK(c.runs == 1);
    auto rec = f.store->read([&](Repos& r) { return r.idempotency_record("member:1", "key-1"); });
    REQUIRE(rec);
    CHECK(rec->status == 201);
    CHECK(rec->response == R"({"run":1})");
    CHECK(rec->request_hash == request_fingerprint(post("/api/x", R"({"a":1})")));
  }

  TEST_CASE("the key with a different body, path or method is refused and runs nothing") {
    ClinicFixture f;
    Counter c;
    send(f, post("/api/x", R"({"a":1})", "key-1"), "member:1", c);
    ApiError body = api_error([&] { send(f, post("/api/x", R"({"a":2})", "key-1"), "member:1", c); });
    CHECK(body.code == "idempotency_mismatch");
    CHECK(body.field == "Idempotency-Key");
    CHECK(api_error([&] { send(f, post("/api/y", R"({"a":1})", "key-1"), "member:1", c); }).code ==
          "idempotency_mismatch");
    CHECK(c.runs == 1);
    // The stored reply is still the first one.
    CHECK(send(f, post("/api/x", R"({"a":1})", "key-1"), "member:1", c).body() == R"({"run":1})");
  }

  TEST_CASE("keys belong to one caller: the same key of another scope is another request") {
    ClinicFixture f;
    Counter c;
    send(f, post("/api/x", "{}", "shared"), "member:1", c);
    CHECK(send(f, post("/api/x", "{}", "shared"), "member:2", c).body() == R"({"run":2})");
    CHECK(send(f, post("/api/x", "{}", "shared"), "staff:1", c).body() == R"({"run":3})");
    CHECK(c.runs == 3);
  }

  TEST_CASE("a key longer than 128 characters is refused before anything runs") {
    ClinicFixture f;
    Counter c;
    CHECK(send(f, post("/api/x", "{}", std::string(128, 'k')), "member:1", c).result() == http::status::created);
    ApiError e = api_error([&] { send(f, post("/api/x", "{}", std::string(129, 'k')), "member:1", c); });
    CHECK(e.code == "invalid_field");
    CHECK(e.field == "Idempotency-Key");
    CHECK(c.runs == 1);
  }

  TEST_CASE("a failed request stores nothing: its retry with the key runs again") {
    ClinicFixture f;
    int64_t m = f.member("o1");
    Request req = post("/api/x", "{}", "key-1");
    RequestContext ctx{req};
    ctx.now_ms = kT0;
    int runs = 0;
    auto job = [&](Repos& r) -> JsonReply {
      ++runs;
      r.set_member_pii(m, MemberPii{std::string("name"), std::nullopt, std::nullopt});  // rolled back with the job
      if (runs == 1) throw ApiError("conflict", {"冲突", "not now"});
      return JsonReply{http::status::ok, object{{"run", runs}}};
    };
    CHECK(api_error([&] { idempotent_write(*f.store, ctx, "member:1", job); }).code == "conflict");
    CHECK_FALSE(f.store->read([&](Repos& r) { return r.idempotency_record("member:1", "key-1"); }));
    CHECK_FALSE(f.store->read([&](Repos& r) { return r.member_by_id(m); })->name);
    CHECK(idempotent_write(*f.store, ctx, "member:1", job).body() == R"({"run":2})");
    CHECK(idempotent_write(*f.store, ctx, "member:1", job).body() == R"({"run":2})");
    CHECK(runs == 2);
  }

  TEST_CASE("records survive a restart of the store") {
    ClinicFixture f;
    Counter c;
    send(f, post("/api/x", "{}", "key-1"), "member:1", c);
    f.store.reset();
    f.open();
    Response again = send(f, post("/api/x", "{}", "key-1"), "member:1", c);
    CHECK(again["Idempotent-Replayed"] == "true");
    CHECK(again.body() == R"({"run":1})");
    CHECK(c.runs == 1);
  }

  TEST_CASE("a retried visit confirm with its key gets the first answer, not the conflict its success causes") {
    ClinicFixture f;
    int64_t m = f.member("o1");
    std::string body =
        R"({"member_id":)" + std::to_string(m) + R"(,"visit_ref":"R1","paid":true,"items":[{"sku":"SVC-CHECKUP"}]})";
    auto confirm = [&](const std::string& key, int64_t now_ms) {
      Request req = post("/api/desk/clinics/1/visits", body, key);
      RequestContext ctx{req};
      ctx.now_ms = now_ms;
      VisitInput in = read_visit_input(ctx.json_body(), f.clinic, now_ms, true);
      return account_write(
          *f.store, ctx, "staff:1", [&](Repos& r) { return plan_visit(r, in, "en"); },
          [&](Repos& r, std::shared_ptr<VisitPlan>& p) {
            return JsonReply{http::status::created, commit_visit(r, *p)};
          });
    };
    Response first = confirm("key-1", kT0);
    CHECK(first.result() == http::status::created);
    Response retry = confirm("key-1", kT0 + 5'000);
    CHECK(retry.result() == http::status::created);
    CHECK(retry.body() == first.body());
    CHECK(retry["Idempotent-Replayed"] == "true");
    // Another key (or none) for the same order is the desk confirming it twice: a conflict.
    CHECK(api_error([&] { confirm("key-2", kT0 + 6'000); }).code == "conflict");
    CHECK(api_error([&] { confirm("", kT0 + 7'000); }).field == "$.visit_ref");
    CHECK(f.totals(m).entries == 1);
    CHECK_FALSE(f.store->read([&](Repos& r) { return r.idempotency_record("staff:1", "key-2"); }));
  }

  TEST_CASE("a refusal computed by the plan, with a key and nothing stored, is answered as such") {
    ClinicFixture f;
    int64_t m = f.member("o1");
    auto redeem = [&](const std::string& key) {
      Request req = post("/api/v1/coupons/redeem", R"({"catalogue_id":"cash_10"})", key);
      RequestContext ctx{req};
      ctx.now_ms = kT0;
      return account_write(
          *f.store, ctx, "member:1",
          [&](Repos& r) {
            return compute_member_op(r, "coupon.redeem", m, f.clinic, f.rules,
                                     object{{"catalogue_id", "cash_10"}, {"redemption_id", "rd-1"}, {"at_ms", kT0}},
                                     "en");
          },
          [&](Repos& r, MemberOp& op) {
            return JsonReply{http::status::created, commit_member_op(r, op)};
          });
    };
    CHECK(api_error([&] { redeem("key-1"); }).code == "insufficient_points");
    CHECK(api_error([&] { redeem(""); }).code == "insufficient_points");
    CHECK_FALSE(f.store->read([&](Repos& r) { return r.idempotency_record("member:1", "key-1"); }));
    CHECK(f.totals(m).entries == 0);
  }
}
