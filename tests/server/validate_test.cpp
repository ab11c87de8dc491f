// The server's input validation helpers (validation/validate.h) and the login throttle
// (auth/rate_limiter.h): pure, so tested here without a server.
#include "validation/validate.h"

#include <doctest/doctest.h>

#include "auth/rate_limiter.h"
#include "validation/fields.h"

using namespace clinic;
using namespace clinic::server;

namespace {

const civil::Date kToday{2026, 12, 1};

// The first error `read` records on {"v": <json>} (empty when none).
template <class F>
std::string error_of(const std::string& json, F&& read) {
  BodyReader b(boost::json::parse(json).as_object());
  read(b.root());
  return b.rc.ok() ? std::string() : std::string(error_code_name(b.rc.error().code)) + " " + b.rc.error().path;
}

}  // namespace

TEST_CASE("display text: control and bidi characters refused, ordinary text (incl. CJK, emoji) kept") {
  CHECK_FALSE(display_text_problem("张三"));
  CHECK_FALSE(display_text_problem("Zhang San-Li O'Neil"));
  CHECK_FALSE(display_text_problem("王小明 😀"));
  for (const char* bad : {"a\x01"
                          "b",
                          "tab\there", "new\nline", "del\x7f", "c1\xc2\x85", "lrm\xe2\x80\x8e", "rlm\xe2\x80\x8f",
                          "lre\xe2\x80\xaa", "rlo\xe2\x80\xae", "lri\xe2\x81\xa6", "pdi\xe2\x81\xa9"}) {
    CAPTURE(bad);
    CHECK(display_text_problem(bad));
  }
  CHECK(display_text_problem(std::string("a\0b", 3)));  // NUL inside the string, not a terminator
  auto p = display_text_problem("x\xe2\x80\xae");
  REQUIRE(p);
  CHECK(p->en.find("U+202E") != std::string::npos);
}

TEST_CASE("trim_spaces: ASCII, NBSP and ideographic spaces at both ends") {
  CHECK(trim_spaces("  张三 ") == "张三");
  CHECK(trim_spaces("\xe3\x80\x80\xc2\xa0Li Si\t\n") == "Li Si");
  CHECK(trim_spaces(" \xe3\x80\x80 ").empty());
  CHECK(trim_spaces("") == "");
  CHECK(trim_spaces("a b") == "a b");
}

TEST_CASE("resident ID number: format, real birth date, ISO 7064 MOD 11-2 check character") {
  CHECK_FALSE(id_number_problem("11010519491231002X", kToday));  // the GB 11643 example
  CHECK_FALSE(id_number_problem("110101199003074477", kToday));
  CHECK(id_number_problem("440524188001010014", kToday));   // right check digit, born 1880: before 1900
  CHECK(id_number_problem("110101199003074478", kToday));   // wrong check digit
  CHECK(id_number_problem("11010119900230447X", kToday));   // right check digit, 30 February
  CHECK(id_number_problem("11010120300101447X", kToday));   // right check digit, born in 2030
  CHECK(id_number_problem("11010119900307447", kToday));    // 17 characters
  CHECK(id_number_problem("1101011990030744777", kToday));  // 19 characters
  CHECK(id_number_problem("11010119900307A477", kToday));   // a letter inside
  CHECK(id_number_problem("11010519491231002x", kToday));   // lower-case: normalize first
  CHECK(normalize_id_number("11010519491231002x") == "11010519491231002X");
  auto p = id_number_problem("110101199003074478", kToday);
  REQUIRE(p);
  CHECK(p->en.find("check character") != std::string::npos);
}

TEST_CASE("parse_int_strict: the whole text, in range, no overflow, no trailing NUL") {
  CHECK(parse_int_strict("0", 0, 10) == std::optional<int64_t>(0));
  CHECK(parse_int_strict("9223372036854775807", 0, INT64_MAX) == std::optional<int64_t>(INT64_MAX));
  CHECK_FALSE(parse_int_strict("9223372036854775808", 0, INT64_MAX));  // overflow, not clamped
  CHECK_FALSE(parse_int_strict("99999999999999999999", 0, INT64_MAX));
  CHECK_FALSE(parse_int_strict(std::string("5\0", 2), 0, 10));
  CHECK_FALSE(parse_int_strict("5 ", 0, 10));
  CHECK_FALSE(parse_int_strict("+5", 0, 10));
  CHECK_FALSE(parse_int_strict("-1", 0, 10));
  CHECK_FALSE(parse_int_strict("11", 0, 10));
  CHECK_FALSE(parse_int_strict("", 0, 10));
}

TEST_CASE("read_* helpers record the error at the field's path") {
  auto name = [](const JsonReader& r) { read_person_name(r, "name"); };
  CHECK(error_of(R"({"name":"张三"})", name).empty());
  CHECK(error_of(R"({"name":""})", name) == "invalid_field $.name");
  CHECK(error_of(R"({"name":"  \u3000 "})", name) == "invalid_field $.name");
  CHECK(error_of(R"({"name":"a\u202eb"})", name) == "invalid_field $.name");
  CHECK(error_of(R"({"name":"a\u0000b"})", name) == "invalid_field $.name");
  CHECK(error_of(R"({})", name) == "missing_field $.name");

  auto code = [](const JsonReader& r) { read_required_string(r, "code", 64); };
  CHECK(error_of(R"({"code":""})", code) == "missing_field $.code");
  CHECK(error_of(R"({"code":"x"})", code).empty());

  auto id = [](const JsonReader& r) { read_id_number(r, "id_number", kToday); };
  CHECK(error_of(R"({"id_number":"11010519491231002x"})", id).empty());
  CHECK(error_of(R"({"id_number":"110101199003074478"})", id) == "invalid_field $.id_number");

  auto qty = [](const JsonReader& r) { refuse_null(r, "qty"); };
  CHECK(error_of(R"({"qty":null})", qty) == "invalid_field $.qty");
  CHECK(error_of(R"({"qty":2})", qty).empty());
  CHECK(error_of(R"({})", qty).empty());
}

TEST_CASE("login throttle: reserved before the check, free failures, then growing delays; success gives back") {
  LoginThrottle t(15'000, 900'000);
  std::vector<LoginThrottle::Key> keys{{"ua:desk|1.2.3.4", 3}, {"a:1.2.3.4", 12}};
  int64_t now = 1'000'000;
  // Three reservations pass at once (nobody has checked a password yet): the fourth waits.
  for (int i = 0; i < 3; ++i) CHECK(t.reserve(keys, now).admission.ok);
  auto refused = t.reserve(keys, now);
  CHECK_FALSE(refused.admission.ok);
  CHECK(refused.admission.retry_after_ms == 15'000);
  CHECK(refused.admission.retry_after_s() == 15);
  CHECK(t.reserve(keys, now + 14'999).admission.retry_after_ms == 1);
  // After the delay one more attempt; the next waits twice as long, capped at the window.
  CHECK(t.reserve(keys, now + 15'000).admission.ok);
  CHECK(t.reserve(keys, now + 15'001).admission.retry_after_ms == 29'999);
  CHECK(t.delay_ms(3, 3) == 15'000);
  CHECK(t.delay_ms(4, 3) == 30'000);
  CHECK(t.delay_ms(20, 3) == 900'000);
  CHECK(t.delay_ms(2, 3) == 0);
  // Other keys (another account from another address) are not affected.
  CHECK(t.reserve({{"ua:admin|5.6.7.8", 3}}, now + 15'001).admission.ok);
  // A key silent for a whole window is forgotten.
  CHECK(t.reserve(keys, now + 15'000 + 900'000).admission.ok);
  // A success gives its reservation back and clears the account+address key.
  LoginThrottle s(15'000, 900'000);
  for (int i = 0; i < 2; ++i) s.reserve(keys, now);
  auto ok = s.reserve(keys, now);
  s.succeeded(ok, {"ua:desk|1.2.3.4"});
  for (int i = 0; i < 3; ++i) CHECK(s.reserve(keys, now).admission.ok);
}

TEST_CASE("concurrency gate: at most N passes at once, the rest refused at once; leaving frees a place") {
  ConcurrencyGate gate(2);
  {
    ConcurrencyGate::Pass a(gate), b(gate);
    CHECK(a.admitted());
    CHECK(b.admitted());
    {
      ConcurrencyGate::Pass c(gate);
      CHECK_FALSE(c.admitted());
    }
    CHECK(gate.running() == 2);  // the refused pass left again
  }
  CHECK(gate.running() == 0);
  ConcurrencyGate::Pass d(gate);
  CHECK(d.admitted());
}

TEST_CASE("rate limiter: a sliding window whose refusals are not counted and report the true wait") {
  RateLimiter r;
  CHECK(r.hit("a", 1'000, 60'000, 2).ok);
  CHECK(r.hit("a", 21'000, 60'000, 2).ok);
  Admission no = r.hit("a", 30'000, 60'000, 2);
  CHECK_FALSE(no.ok);
  CHECK(no.retry_after_ms == 31'000);  // the first event leaves the window at 61 s
  CHECK(no.retry_after_s() == 31);
  CHECK(r.hit("a", 61'000, 60'000, 2).ok);
  CHECK(r.hit("b", 30'000, 60'000, 2).ok);
}
