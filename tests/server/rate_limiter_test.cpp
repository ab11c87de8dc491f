// The in-process limits (auth/rate_limiter.h) on explicit clocks: the sliding window of
// RateLimiter, the reserve/give-back rules of LoginThrottle, and ConcurrencyGate. No sleeping:
// every instant is a now_ms value passed in.
#include "auth/rate_limiter.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

using namespace clinic::server;

namespace {

constexpr int64_t kWindow = 60'000;

}  // namespace

TEST_SUITE("rate limiter") {
  TEST_CASE("a window admits max events of a key, then refuses with the wait until the oldest leaves") {
    RateLimiter rl;
    CHECK(rl.hit("a", 1'000, kWindow, 3).ok);
    CHECK(rl.hit("a", 2'000, kWindow, 3).ok);
    CHECK(rl.hit("a", 5'000, kWindow, 3).ok);
    Admission refused = rl.hit("a", 10'000, kWindow, 3);
    CHECK_FALSE(refused.ok);
    CHECK(refused.retry_after_ms == 1'000 + kWindow - 10'000);
    CHECK(refused.retry_after_s() == 51);
  }

  TEST_CASE("refused events are not counted: the window slides by the admitted ones only") {
    RateLimiter rl;
    for (int64_t t : {0, 1, 2}) REQUIRE(rl.hit("a", t, kWindow, 3).ok);
    for (int i = 0; i < 10; ++i) CHECK_FALSE(rl.hit("a", 30'000 + i, kWindow, 3).ok);
    // The event at 0 leaves at exactly 0 + window (an event at now - window is out).
    CHECK_FALSE(rl.hit("a", kWindow - 1, kWindow, 3).ok);
    CHECK(rl.hit("a", kWindow, kWindow, 3).ok);
    // Full again (events 1, 2, window); the event at 1 leaves at 1 + window.
    Admission again = rl.hit("a", kWindow, kWindow, 3);
    CHECK_FALSE(again.ok);
    CHECK(again.retry_after_ms == 1);
    CHECK(rl.hit("a", kWindow + 1, kWindow, 3).ok);
  }

  TEST_CASE("keys are counted apart") {
    RateLimiter rl;
    REQUIRE(rl.hit("a:1.2.3.4", 0, kWindow, 1).ok);
    CHECK_FALSE(rl.hit("a:1.2.3.4", 1, kWindow, 1).ok);
    CHECK(rl.hit("a:5.6.7.8", 1, kWindow, 1).ok);
  }

  TEST_CASE("after a whole window of silence the full budget is back") {
    RateLimiter rl;
    for (int i = 0; i < 5; ++i) REQUIRE(rl.hit("k", 100 + i, kWindow, 5).ok);
    CHECK_FALSE(rl.hit("k", 200, kWindow, 5).ok);
    for (int i = 0; i < 5; ++i) CHECK(rl.hit("k", 100 + kWindow + 10 + i, kWindow, 5).ok);
    CHECK_FALSE(rl.hit("k", 100 + kWindow + 20, kWindow, 5).ok);
  }

  TEST_CASE("Retry-After seconds: rounded up, at least 1") {
    CHECK(Admission{false, 0}.retry_after_s() == 1);
    CHECK(Admission{false, 1}.retry_after_s() == 1);
    CHECK(Admission{false, 1'000}.retry_after_s() == 1);
    CHECK(Admission{false, 1'001}.retry_after_s() == 2);
    CHECK(Admission{false, 59'999}.retry_after_s() == 60);
  }

  TEST_CASE("a flood of distinct keys drops the silent keys, never a live counter") {
    RateLimiter rl;
    const int64_t now = 10 * kWindow;
    REQUIRE(rl.hit("victim", now - 10, kWindow, 1).ok);  // live: its event is inside the window
    // Fill the table (100 000 keys) with keys whose events have left the window by `now`.
    for (int i = 0; i < 99'999; ++i) rl.hit("flood-" + std::to_string(i), 0, kWindow, 1);
    CHECK(rl.hit("new", now, kWindow, 1).ok);  // the table is full: the silent keys go
    CHECK_FALSE(rl.hit("victim", now, kWindow, 1).ok);
  }

  TEST_CASE("a table full of live keys drops the one whose last event is oldest, not the first in order") {
    RateLimiter rl;
    const int64_t now = 1'000'000;
    REQUIRE(rl.hit("a-first-in-order", now - 1, kWindow, 1).ok);
    REQUIRE(rl.hit("z-oldest", now - 50'000, kWindow, 1).ok);
    for (int i = 0; i < 99'998; ++i) rl.hit("m-" + std::to_string(i), now - 40'000 + i % 1000, kWindow, 1);
    CHECK(rl.hit("new", now, kWindow, 1).ok);
    CHECK_FALSE(rl.hit("a-first-in-order", now, kWindow, 1).ok);  // still counted
    CHECK(rl.hit("z-oldest", now, kWindow, 1).ok);                // forgotten
  }
}

TEST_SUITE("login throttle") {
  // base 15 s, window 15 min: the server's defaults.
  constexpr int64_t kBase = 15'000, kThrottleWindow = 900'000;

  std::vector<LoginThrottle::Key> one(const std::string& id, int free) {
    return {{id, free}};
  }

  TEST_CASE("delays: none while free, then base, 2x base, 4x base ... capped at the window") {
    LoginThrottle t(kBase, kThrottleWindow);
    for (int f = 0; f < 5; ++f) CHECK(t.delay_ms(f, 5) == 0);
    CHECK(t.delay_ms(5, 5) == kBase);
    CHECK(t.delay_ms(6, 5) == 2 * kBase);
    CHECK(t.delay_ms(7, 5) == 4 * kBase);
    CHECK(t.delay_ms(10, 5) == 32 * kBase);
    CHECK(t.delay_ms(11, 5) == kThrottleWindow);  // 64 x 15 s > 15 min
    CHECK(t.delay_ms(1'000'000, 5) == kThrottleWindow);
  }

  TEST_CASE("free failures, then each attempt waits the delay after the last failure") {
    LoginThrottle t(kBase, kThrottleWindow);
    for (int i = 0; i < 3; ++i) REQUIRE(t.reserve(one("ua:desk|1", 3), 1'000 + i).admission.ok);
    auto refused = t.reserve(one("ua:desk|1", 3), 5'000);
    CHECK_FALSE(refused.admission.ok);
    CHECK(refused.admission.retry_after_ms == 1'002 + kBase - 5'000);
    CHECK(refused.keys.empty());
    // A refused attempt counts nothing and does not move the last failure.
    CHECK_FALSE(t.reserve(one("ua:desk|1", 3), 1'002 + kBase - 1).admission.ok);
    CHECK(t.reserve(one("ua:desk|1", 3), 1'002 + kBase).admission.ok);  // 4th failure
    auto next = t.reserve(one("ua:desk|1", 3), 1'002 + kBase + 1);
    CHECK_FALSE(next.admission.ok);
    CHECK(next.admission.retry_after_ms == 2 * kBase - 1);
  }

  TEST_CASE("a success gives its reservation back, and forgets the keys it is told to clear") {
    LoginThrottle t(kBase, kThrottleWindow);
    std::vector<LoginThrottle::Key> keys = {{"ua:desk|1", 2}, {"a:1", 8}, {"u:desk", 8}};
    REQUIRE(t.reserve(keys, 0).admission.ok);
    REQUIRE(t.reserve(keys, 1).admission.ok);
    auto right = t.reserve(keys, 2);  // two failures used the free budget: the third waits
    CHECK_FALSE(right.admission.ok);
    right = t.reserve(keys, 2 + kBase);
    REQUIRE(right.admission.ok);
    CHECK(right.keys == std::vector<std::string>{"ua:desk|1", "a:1", "u:desk"});
    t.succeeded(right, {"ua:desk|1"});
    // ua forgotten whole: two free failures again; a and u keep their two earlier failures.
    CHECK(t.reserve(one("ua:desk|1", 2), 3 + kBase).admission.ok);
    CHECK(t.reserve(one("ua:desk|1", 2), 4 + kBase).admission.ok);
    CHECK_FALSE(t.reserve(one("ua:desk|1", 2), 5 + kBase).admission.ok);
    CHECK(t.reserve(one("u:desk", 3), 5 + kBase).admission.ok);  // 2 + this one = 3 failures
    CHECK_FALSE(t.reserve(one("u:desk", 3), 6 + kBase).admission.ok);
  }

  TEST_CASE("a success without clearing takes back only its own failure") {
    LoginThrottle t(kBase, kThrottleWindow);
    REQUIRE(t.reserve(one("u:x", 2), 0).admission.ok);
    auto mine = t.reserve(one("u:x", 2), 1);
    REQUIRE(mine.admission.ok);
    t.succeeded(mine, {});
    CHECK(t.reserve(one("u:x", 2), 2).admission.ok);  // 1 + 1 = 2: still free
    CHECK_FALSE(t.reserve(one("u:x", 2), 3).admission.ok);
  }

  TEST_CASE("the longest wait of all keys is reported, and nothing is counted on any") {
    LoginThrottle t(kBase, kThrottleWindow);
    REQUIRE(t.reserve(one("short", 1), 0).admission.ok);
    REQUIRE(t.reserve(one("long", 1), 0).admission.ok);
    REQUIRE(t.reserve(one("long", 1), kBase).admission.ok);  // long: 2 failures, waits 2 x base
    auto both = t.reserve({{"short", 1}, {"long", 1}, {"fresh", 1}}, kBase + 1);
    CHECK_FALSE(both.admission.ok);
    CHECK(both.admission.retry_after_ms == kBase + 2 * kBase - (kBase + 1));
    CHECK(t.reserve(one("fresh", 1), kBase + 2).admission.ok);  // not counted by the refusal
  }

  TEST_CASE("a key silent for a whole window is forgotten") {
    LoginThrottle t(kBase, kThrottleWindow);
    // Seven failures, each as soon as allowed: the delay after the seventh is the whole window.
    int64_t at = 0, last = 0;
    for (int f = 1; f <= 7; ++f) {
      REQUIRE(t.reserve(one("k", 1), at).admission.ok);
      last = at;
      at += t.delay_ms(f, 1);
    }
    REQUIRE(t.delay_ms(7, 1) == kThrottleWindow);
    CHECK(t.reserve(one("k", 1), last + kThrottleWindow - 1).admission.retry_after_ms == 1);
    REQUIRE(t.reserve(one("k", 1), last + kThrottleWindow).admission.ok);  // forgotten: one fresh failure
    auto next = t.reserve(one("k", 1), last + kThrottleWindow + 1);
    CHECK_FALSE(next.admission.ok);
    CHECK(next.admission.retry_after_ms == kBase - 1);  // the first delay again, not the window
  }
}

TEST_SUITE("concurrency gate") {
  TEST_CASE("at most `limit` passes hold it; a refused pass is not queued and frees its count") {
    ConcurrencyGate gate(2);
    auto a = std::make_unique<ConcurrencyGate::Pass>(gate);
    auto b = std::make_unique<ConcurrencyGate::Pass>(gate);
    CHECK(a->admitted());
    CHECK(b->admitted());
    {
      ConcurrencyGate::Pass c(gate);
      CHECK_FALSE(c.admitted());
      CHECK(gate.running() == 3);
    }
    CHECK(gate.running() == 2);
    a.reset();
    ConcurrencyGate::Pass d(gate);
    CHECK(d.admitted());
    b.reset();
    CHECK(gate.running() == 1);
  }
}
