#include "domain/idempotency.h"

#include "errors.h"
#include "privacy/vault.h"

namespace clinic::server {

std::string request_fingerprint(const Request& req) {
  // The whole target (path AND query: ?clinic_id=2 and ?clinic_id=1 are different requests),
  // length-prefixed so no two (target, body) pairs run together into the same bytes.
  std::string target(req.target());
  return token_hash(std::string(http::to_string(req.method())) + " " + std::to_string(target.size()) + ":" + target +
                    "\n" + req.body());
}

Response idempotent_write(Store& store, const RequestContext& ctx, const std::string& scope,
                          const std::function<JsonReply(Repos&)>& job) {
  std::string key(ctx.req[kIdempotencyHeader]);
  if (key.size() > 128)
    throw ApiError("invalid_field",
                   {"Idempotency-Key 不能超过 128 个字符", "Idempotency-Key is longer than 128 characters"},
                   "Idempotency-Key");
  if (key.empty()) {
    JsonReply reply = store.write([&](Repos& r) { return job(r); });
    return json_response(ctx.req, reply.status, reply.body);
  }
  std::string request_hash = request_fingerprint(ctx.req);
  bool replayed = false;
  IdempotencyRecord rec = store.write([&](Repos& r) {
    if (auto seen = r.idempotency_record(scope, key)) {
      replayed = true;
      if (seen->request_hash != request_hash) {
        throw ApiError(
            "idempotency_mismatch",
            {"同一 Idempotency-Key 已用于不同的请求", "this Idempotency-Key was used with a different request"},
            "Idempotency-Key");
      }
      return *seen;
    }
    JsonReply reply = job(r);
    IdempotencyRecord fresh{
        scope, key, request_hash, static_cast<int>(reply.status), boost::json::serialize(reply.body), ctx.now_ms};
    r.save_idempotency_record(fresh);
    return fresh;
  });
  Response res =
      text_response(ctx.req, static_cast<http::status>(rec.status), rec.response, "application/json; charset=utf-8");
  if (replayed) res.set("Idempotent-Replayed", "true");
  return res;
}

}  // namespace clinic::server
