// Idempotency-Key for writing POSTs. The record is checked and saved INSIDE the same
// Store::write job as the work itself, so two concurrent requests with one key cannot both
// run: the second finds the first's stored reply (same body) or is refused with
// idempotency_mismatch (422, different method, path, query or body). Failed requests (ApiError) store nothing:
// their job's savepoint rolls back, and a retry may succeed. Records live in SQLite
// (table idempotency_keys) and survive restarts.
#pragma once

#include <boost/json.hpp>

#include <functional>
#include <string>

#include "http/message.h"
#include "store/store.h"

namespace clinic::server {

struct JsonReply {
  http::status status = http::status::ok;
  boost::json::value body;
};

inline constexpr std::string_view kIdempotencyHeader = "Idempotency-Key";

// What a key is bound to: BLAKE2b of method, path, query and body. The same key with any of
// them different is idempotency_mismatch (422).
std::string request_fingerprint(const Request& req);

// `scope` names the caller ("member:12", "staff:3"). Without the header the job just runs.
Response idempotent_write(Store& store, const RequestContext& ctx, const std::string& scope,
                          const std::function<JsonReply(Repos&)>& job);

}  // namespace clinic::server
