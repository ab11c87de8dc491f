// Points, coupon, visit and referral writes around the single writer (issue 16): the core's
// work runs on the request's worker from a read snapshot (`plan`, in Store::read); the
// writer job (`commit`) only checks that every account the plan read is unchanged
// (StaleAccount otherwise), appends the ledger rows and stores the next accounts, all in the
// job's transaction. A stale plan is computed again from a new snapshot, at most
// kAccountWriteAttempts times in all; then the request is refused with a 409 conflict (the
// member's account is being changed by other requests faster than this one can finish).
//
// Requests of the same member racing in this process would keep invalidating each other: a
// stale attempt's retries hold the member's lock stripe (MemberLocks), so the racers of one
// member take turns while first attempts (and every other member) stay lock-free.
//
// A refusal computed by the plan (insufficient points, a visit already refunded, ...) holds
// at the snapshot it was read from and is answered as such; with an Idempotency-Key it is
// answered inside the writer job, after the key's stored reply was looked up (a retried
// request gets its first answer, not the refusal its own success now causes).
#pragma once

#include <algorithm>
#include <cstdint>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "domain/account_service.h"
#include "domain/idempotency.h"
#include "errors.h"
#include "store/store.h"

namespace clinic::server {

inline constexpr int kAccountWriteAttempts = 4;

// Striped locks by member id, taken only by retries, always in ascending stripe order.
class MemberLocks {
 public:
  void note(int64_t member_id) {
    if (member_id <= 0) return;
    size_t s = static_cast<size_t>(member_id) % kStripes;
    for (size_t x : stripes_)
      if (x == s) return;
    stripes_.push_back(s);
    std::sort(stripes_.begin(), stripes_.end());
  }
  void lock() {
    for (size_t s : stripes_) held_.emplace_back(table()[s]);
  }
  void unlock() { held_.clear(); }

 private:
  static constexpr size_t kStripes = 1024;
  static std::mutex* table() {
    static std::mutex t[kStripes];
    return t;
  }
  std::vector<size_t> stripes_;
  std::vector<std::unique_lock<std::mutex>> held_;
};

inline ApiError account_write_conflict() {
  return ApiError("conflict", {"会员账户正被其他操作同时更新，请稍后重试",
                               "the member's account is being changed by other requests; please retry"});
}

// A commit may consume its plan (a visit plan, say; commit_member_op does not). On
// PostgreSQL the pool runs a write job again after a serialization failure against another
// instance (store/pg_pool.h): a second run of the same commit is planned again instead, from a
// snapshot that has the other instance's write (a used plan would store nulls: a 500).
// These re-plans are counted apart from the stale ones (bounded as the pool's own retries).
struct CommitRerun : StaleAccount {};
inline constexpr int kCommitReruns = 10;
inline void commit_once(bool& ran) {
  if (ran) throw CommitRerun();
  ran = true;
}

// `plan(Repos&) -> Plan` on a read snapshot; `commit(Repos&, Plan&) -> T` in the writer.
template <class PlanFn, class CommitFn>
auto account_write(Store& store, PlanFn&& plan, CommitFn&& commit) {
  MemberLocks locks;
  int reruns = 0;
  for (int attempt = 1;; ++attempt) {
    locks.lock();
    auto p = store.read(plan);
    bool ran = false;
    try {
      return store.write([&](Repos& r) {
        commit_once(ran);
        return commit(r, p);
      });
    } catch (const CommitRerun&) {
      if (++reruns == kCommitReruns) throw account_write_conflict();
      locks.unlock();
      --attempt;
    } catch (const StaleAccount& e) {
      if (attempt == kAccountWriteAttempts) throw account_write_conflict();
      locks.unlock();
      locks.note(e.member_id);
    }
  }
}

// The same for an HTTP write with idempotent_write (domain/idempotency.h):
// `commit(Repos&, Plan&) -> JsonReply`. `scope_of(Repos&) -> std::string` runs first in the
// plan's read transaction: the request's session is checked in the snapshot the plan reads
// (one read per attempt, not one for the session and one for the plan), and it names whose
// Idempotency-Key the write is filed under. It throws when the caller may not write (no
// session, another clinic): that is answered as such, never looked up as a keyed reply.
template <class ScopeFn, class PlanFn, class CommitFn>
requires std::is_invocable_r_v<std::string, ScopeFn&, Repos&> Response account_write(Store& store,
                                                                                     const RequestContext& ctx,
                                                                                     ScopeFn&& scope_of, PlanFn&& plan,
                                                                                     CommitFn&& commit) {
  const bool keyed = !ctx.req[kIdempotencyHeader].empty();
  using Plan = std::invoke_result_t<PlanFn, Repos&>;
  MemberLocks locks;
  int reruns = 0;
  for (int attempt = 1;; ++attempt) {
    locks.lock();
    std::optional<Plan> p;
    std::string scope;
    std::exception_ptr refused;
    try {
      store.read([&](Repos& r) {
        scope = scope_of(r);
        p.emplace(plan(r));
      });
    } catch (const ApiError&) {
      if (!keyed || scope.empty()) throw;  // nothing to look up: answered without the writer
      refused = std::current_exception();
    }
    bool ran = false;
    try {
      return idempotent_write(store, ctx, scope, [&](Repos& r) -> JsonReply {
        commit_once(ran);
        if (refused) std::rethrow_exception(refused);
        return commit(r, *p);
      });
    } catch (const CommitRerun&) {
      if (++reruns == kCommitReruns) throw account_write_conflict();
      locks.unlock();
      --attempt;
    } catch (const StaleAccount& e) {
      if (attempt == kAccountWriteAttempts) throw account_write_conflict();
      locks.unlock();
      locks.note(e.member_id);
    }
  }
}

// With the scope known beforehand (the caller was authenticated outside the plan).
template <class PlanFn, class CommitFn>
Response account_write(Store& store, const RequestContext& ctx, const std::string& scope, PlanFn&& plan,
                       CommitFn&& commit) {
  return account_write(
      store, ctx, [&](Repos&) { return scope; }, std::forward<PlanFn>(plan), std::forward<CommitFn>(commit));
}

}  // namespace clinic::server
