// JSON <-> Account ("member_account" schema, see docs/member-account.md) and the related entries an op needs.
// Integers stay within ±2^53 (JavaScript reads accounts too); "no value yet" is null.
#include <boost/json.hpp>

#include <climits>

#include "account_internal.h"
#include "clinic/civil_time.h"
#include "codec.h"

namespace clinic::points::codec {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

constexpr int64_t kBig = 9'000'000'000'000'000;  // < 2^53
// What a reader says of a packed list or chunk that is not as the codec writes it.
constexpr const char* kMalformedZh = "格式无效（见 docs/member-account.md）";
constexpr const char* kMalformedEn = "malformed (see docs/member-account.md)";
constexpr size_t kMaxAccountItems = 100'000;

value opt_num(int64_t v) {
  return v == INT64_MIN ? value(nullptr) : value(v);
}
int64_t read_opt_num(const JsonReader& j, std::string_view key) {
  if (!j.field(key).present()) return INT64_MIN;
  return j.req_int(key, -kBig, kBig);
}

// Lots, spend takes and the tier window travel as one string each: tokens separated by
// single spaces, a fixed number per item (one JSON value per list instead of an object per
// item, so a long account costs little more to read and write than a short one). Numbers
// are decimal integers; a millisecond field (an instant or a step between two) ending in
// three zeros or more writes them as "e" and their count ("86400000" is "864e5": instants
// fall on whole seconds, minutes, days). An entry id is written as is with "%" as "%25" and
// " " as "%20", and the empty id (a take from debt) as "%"; in a lot chunk each id after the
// first is written as "P:" then what follows the P bytes it shares with the previous lot's
// ("checkin:20425#1" after "checkin:20424#1" is "12:5#1": lots are credited in order and
// their ids share long prefixes).
// A lot's numbers as a chunk writes them (after its id).
struct LotNumbers {
  int64_t seq_step = 0, original = 0, remaining = 0, available_at_ms = 0, expires_step = 0;
  bool operator==(const LotNumbers& o) const {
    return seq_step == o.seq_step && original == o.original && remaining == o.remaining &&
           available_at_ms == o.available_at_ms && expires_step == o.expires_step;
  }
};

// Tokens are written through a pointer into a small buffer and appended to the text a
// buffer at a time: in the size-optimised wasm every std::string call runs several
// out-of-line libc++ calls, and a long member's answer re-encodes a few chunks of lots.
class TokenWriter {
 public:
  explicit TokenWriter(std::string& out) : out_(out), space_(!out.empty()) {}
  ~TokenWriter() { flush(); }
  TokenWriter(const TokenWriter&) = delete;
  TokenWriter& operator=(const TokenWriter&) = delete;

  void num(int64_t x, bool ms = false) {
    room(kNumBytes);
    separate();
    char digits[24];
    char* end = digits + sizeof digits;
    char* p = end;
    uint64_t u = x < 0 ? 0 - static_cast<uint64_t>(x) : static_cast<uint64_t>(x);
    int zeros = 0;
    while (ms && u != 0 && u % 10 == 0) u /= 10, ++zeros;
    if (zeros >= 3) {
      *--p = static_cast<char>('0' + zeros % 10);
      if (zeros >= 10) *--p = static_cast<char>('0' + zeros / 10);
      *--p = 'e';
    } else {
      for (; zeros > 0; --zeros) u *= 10;
    }
    do *--p = static_cast<char>('0' + u % 10);
    while ((u /= 10) != 0);
    if (x < 0) *--p = '-';
    while (p != end) *at_++ = *p++;
  }
  void ms(int64_t x) { num(x, true); }
  // "=": the item's numbers are the previous item's.
  void repeat() {
    room(2);
    separate();
    *at_++ = '=';
  }

  // An id token ("%": the empty id).
  void id(std::string_view id) {
    room(1);
    separate();
    if (id.empty()) *at_++ = '%';
    escaped(id);
  }

  // A lot's id as "P:rest": P the bytes it shares with `prev`, backed off to a UTF-8
  // character boundary (a chunk's text must stay valid UTF-8).
  void lot_id(std::string_view prev, std::string_view id) {
    size_t n = 0;
    while (n < prev.size() && n < id.size() && prev[n] == id[n]) ++n;
    while (n > 0 && n < id.size() && (static_cast<unsigned char>(id[n]) & 0xC0) == 0x80) --n;
    num(static_cast<int64_t>(n));
    room(1);
    *at_++ = ':';
    escaped(id.substr(n));
  }

 private:
  static constexpr size_t kNumBytes = 24;  // a space, a sign, 20 digits or "eNN"

  // `id` with "%" as "%25" and " " as "%20" (ids rarely hold either).
  void escaped(std::string_view id) {
    for (char c : id) {
      room(3);
      if (c == '%' || c == ' ') {
        *at_++ = '%', *at_++ = '2', *at_++ = c == '%' ? '5' : '0';
      } else {
        *at_++ = c;
      }
    }
  }
  void separate() {
    if (space_) *at_++ = ' ';
    space_ = true;
  }
  void room(size_t n) {
    if (static_cast<size_t>(buf_ + sizeof buf_ - at_) < n + 1) flush();
  }
  void flush() {
    out_.append(buf_, static_cast<size_t>(at_ - buf_));
    at_ = buf_;
  }

  std::string& out_;
  bool space_;  // a space before the next token
  char buf_[512];
  char* at_ = buf_;
};

// The text of a packed string field (an error recorded there when it is not a string).
std::string_view packed_text(const JsonReader& f, bool& bad) {
  const boost::json::value* v = f.raw();
  if (v && v->is_string()) return v->get_string();
  f.as_string();  // records what is wrong
  bad = true;
  return {};
}

class Tokens {
 public:
  explicit Tokens(std::string_view s) : s_(s) {}
  explicit Tokens(const JsonReader& f) : f_(&f) { s_ = packed_text(f, bad_); }
  bool more() const { return !bad_ && i_ < s_.size(); }
  int64_t num() { return number(next(), false); }
  int64_t ms() { return number(next(), true); }
  // An id ("%": the empty id).
  std::string id() {
    std::string_view t = next();
    std::string out;
    if (t != "%") unescape(t, out);
    bad_ = bad_ || t.empty() || out.size() > 200;
    return out;
  }
  // A lot's id: "P:rest", the first P bytes of `prev` (the chunk's previous lot's id) + rest.
  std::string lot_id(std::string_view prev) {
    std::string_view t = next();
    size_t colon = t.find(':');
    size_t shared = colon == std::string_view::npos || colon == 0 || colon > 3
                        ? SIZE_MAX
                        : static_cast<size_t>(number(t.substr(0, colon), false));
    std::string out;
    if (shared > prev.size()) {
      bad_ = true;
      return out;
    }
    out.assign(prev.substr(0, shared));
    unescape(t.substr(colon + 1), out);
    bad_ = bad_ || out.empty() || out.size() > 200;
    return out;
  }
  // True, and the token consumed, when the next token is "=" (the item's numbers are the
  // previous item's).
  bool repeat() {
    if (bad_ || i_ >= s_.size() || s_[i_] != '=' || (i_ + 1 < s_.size() && s_[i_ + 1] != ' ')) return false;
    next();
    return true;
  }
  bool header_ok() const { return !bad_; }  // the tokens read so far were well formed
  // Records an error unless every token was read and each was well formed.
  bool finish() {
    if (!bad_ && i_ < s_.size()) bad_ = true;
    if (bad_ && f_ && f_->ok()) f_->fail(kMalformedZh, kMalformedEn);
    return !bad_;
  }

 private:
  // Appends `t` with "%25" and "%20" read back; runs without an escape are copied whole.
  void unescape(std::string_view t, std::string& out) {
    for (size_t k = 0; k < t.size() && !bad_;) {
      size_t e = t.find('%', k);
      if (e == std::string_view::npos) e = t.size();
      out.append(t.data() + k, e - k);
      if (e == t.size()) break;
      if (t.substr(e, 3) == "%25" || t.substr(e, 3) == "%20") {
        out += t[e + 2] == '5' ? '%' : ' ';
        k = e + 3;
      } else {
        bad_ = true;
      }
    }
  }

  // Digits, an optional leading "-", and for a millisecond field an optional "eN" (N zeros).
  int64_t number(std::string_view t, bool ms) {
    // (Scans written out rather than find(): tokens are a few bytes, and in the wasm each
    // find() is an out-of-line memchr call.)
    size_t e = std::string_view::npos;
    for (size_t k = 0; ms && k < t.size(); ++k) {
      if (t[k] == 'e') {
        e = k;
        break;
      }
    }
    std::string_view digits = t.substr(0, e);
    bool neg = !digits.empty() && digits[0] == '-';
    int64_t x = 0;
    bad_ = bad_ || digits.size() == static_cast<size_t>(neg) || digits.size() > 17;
    for (size_t k = neg; k < digits.size() && !bad_; ++k) {
      bad_ = digits[k] < '0' || digits[k] > '9';
      x = x * 10 + (digits[k] - '0');
    }
    // Canonical, as TokenWriter::num writes it: three trailing zeros or more are always folded, so
    // one account has one text (the server's chunk diff compares texts).
    if (ms && e == std::string_view::npos && x != 0 && x % 1000 == 0) bad_ = true;
    if (e != std::string_view::npos && !bad_) {
      std::string_view z = t.substr(e + 1);
      int zeros = z.size() == 1 || z.size() == 2 ? 0 : -1;
      for (char c : z) zeros = c >= '0' && c <= '9' && zeros >= 0 ? zeros * 10 + (c - '0') : -1;
      bad_ = zeros < 3 || x % 10 == 0;  // canonical: as TokenWriter::num writes it
      for (; zeros > 0 && !bad_; --zeros) {
        bad_ = x > kBig / 10;
        x *= 10;
      }
    }
    bad_ = bad_ || x > kBig;
    return bad_ ? 0 : neg ? -x : x;
  }

  std::string_view next() {
    if (bad_ || i_ >= s_.size()) {
      bad_ = true;
      return {};
    }
    size_t j = i_;
    while (j < s_.size() && s_[j] != ' ') ++j;
    std::string_view t = s_.substr(i_, j - i_);
    i_ = j + 1;
    if (j + 1 == s_.size()) bad_ = true;  // a trailing space
    return t;
  }

  const JsonReader* f_ = nullptr;  // where errors go (none when decoding a chunk)
  std::string_view s_;
  size_t i_ = 0;
  bool bad_ = false;
};

void bad_chunk(const JsonReader& f) {
  f.fail(kMalformedZh, kMalformedEn);
}

// The strings of a chunk array (null, with the error recorded, when it is not one).
const boost::json::array* strings(const JsonReader& f) {
  const boost::json::value* v = f.raw();
  if (v && v->is_array() && v->get_array().size() <= kMaxAccountItems) {
    bool all = true;
    for (const value& x : v->get_array()) all = all && x.is_string();
    if (all) return &v->get_array();
  }
  if (f.array_size(kMaxAccountItems) > 0) bad_chunk(f);
  return nullptr;
}

// A lot chunk: "key count released pending min_expires min_available", then per lot its
// entry id and 5 numbers: seq step (from the previous lot's, the first from key *
// kLotsPerChunk), original, remaining, available_at_ms (0: released), expires_at_ms step
// (from the previous lot's, the first from 0); "=" instead of the 5 numbers when they are
// the previous lot's (a check-in a day: 1 5 5 0 864e5 for every lot after the first).
[[gnu::noinline]] std::string encode_lots(const AccountLot* first, const AccountLot* last, int64_t key) {
  int64_t released = 0, pending = 0, min_expires = 0, min_available = 0;
  for (const AccountLot* l = first; l != last; ++l) {
    (l->released ? released : pending) += l->remaining;
    if (l->expires_at_ms > 0 && (min_expires == 0 || l->expires_at_ms < min_expires)) min_expires = l->expires_at_ms;
    if (!l->released && (min_available == 0 || l->available_at_ms < min_available)) min_available = l->available_at_ms;
  }
  std::string out;
  out.reserve(static_cast<size_t>(last - first) * 32 + 48);
  {
    TokenWriter w(out);
    for (int64_t x : {key, static_cast<int64_t>(last - first), released, pending}) w.num(x);
    w.ms(min_expires);
    w.ms(min_available);
    int64_t seq = key * kLotsPerChunk, expires = 0;
    std::string_view prev;
    LotNumbers last_numbers;
    for (const AccountLot* l = first; l != last; ++l) {
      w.lot_id(prev, l->entry_id);
      LotNumbers n{l->seq - seq, l->original, l->remaining, l->released ? 0 : l->available_at_ms,
                   l->expires_at_ms - expires};
      if (l != first && n == last_numbers) {
        w.repeat();
      } else {
        w.num(n.seq_step);
        w.num(n.original);
        w.num(n.remaining);
        w.ms(n.available_at_ms);
        w.ms(n.expires_step);
      }
      last_numbers = n;
      seq = l->seq, expires = l->expires_at_ms;
      prev = l->entry_id;
    }
  }
  return out;
}

// A window chunk: "key count sum min_at max_at", then pairs: earned_at_ms step (from the
// previous pair's, the first from key * kWindowChunkMs), points; "=" for a pair whose two
// numbers are the previous pair's.
[[gnu::noinline]] std::string encode_window(const std::pair<int64_t, int64_t>* first,
                                            const std::pair<int64_t, int64_t>* last, int64_t key) {
  int64_t sum = 0;
  for (auto* p = first; p != last; ++p) sum += p->second;
  std::string out;
  out.reserve(static_cast<size_t>(last - first) * 16 + 48);
  {
    TokenWriter w(out);
    for (int64_t x : {key, static_cast<int64_t>(last - first), sum}) w.num(x);
    w.ms(first->first);
    w.ms((last - 1)->first);
    int64_t at = key * kWindowChunkMs, last_step = 0, last_points = 0;
    for (auto* p = first; p != last; ++p) {
      int64_t step = p->first - at;
      if (p != first && step == last_step && p->second == last_points) {
        w.repeat();
      } else {
        w.ms(step);
        w.num(p->second);
      }
      last_step = step, last_points = p->second, at = p->first;
    }
  }
  return out;
}

}  // namespace

boost::json::object write_account(const Account& a) {
  object o;
  o["schema"] = "member_account";
  o["schema_version"] = a.schema_version;
  o["rule_version"] = a.rule_version;
  o["basis"] = a.basis;
  o["utc_offset_min"] = a.utc_offset_min;
  o["last_entry_id"] = a.last_entry_id;
  o["entries"] = a.entries;
  o["clock_ms"] = opt_num(a.clock_ms);
  // Chunks in key order: the cold ones as they came, the decoded lots grouped by seq.
  array lots;
  for (size_t i = 0, c = 0; i < a.lots.size() || c < a.cold_lots.size();) {
    int64_t key = i < a.lots.size() ? a.lots[i].seq / kLotsPerChunk : INT64_MAX;
    if (c < a.cold_lots.size() && a.cold_lots[c].key < key) {
      lots.push_back(value(a.cold_lots[c++].text));
      continue;
    }
    size_t j = i;
    while (j < a.lots.size() && a.lots[j].seq / kLotsPerChunk == key) ++j;
    lots.push_back(value(encode_lots(a.lots.data() + i, a.lots.data() + j, key)));
    i = j;
  }
  o["lots"] = std::move(lots);
  o["next_seq"] = a.next_seq;
  array spends;
  for (const AccountSpend& s : a.spends) {
    std::string takes;
    {
      TokenWriter w(takes);
      for (const AccountTake& t : s.takes) {
        w.id(t.lot_entry_id);
        w.num(t.lot_seq);
        w.num(t.amount);
        w.num(t.lot_original);
        w.ms(t.lot_expires_at_ms);
      }
    }
    spends.push_back(object{{"entry_id", s.entry_id}, {"takes", takes}});
  }
  o["spends"] = std::move(spends);
  o["debt"] = a.debt;
  o["expired"] = a.expired;
  o["lifetime_earned"] = a.lifetime_earned;
  o["credit_fen"] = a.credit_fen;
  object caps;
  for (const auto& [type, c] : a.caps) {
    caps[type] = object{{"day", opt_num(c.day)},
                        {"day_points", c.day_points},
                        {"month", opt_num(c.month)},
                        {"month_points", c.month_points},
                        {"positive_count", c.positive_count}};
  }
  o["caps"] = std::move(caps);
  o["streak"] = object{{"start_day", a.streak_start}, {"end_day", a.streak_end}};
  array days;
  for (int d = 1; d <= 31; ++d) {
    if (a.month_days & (1u << (d - 1))) days.push_back(d);
  }
  object cal{{"month_index", opt_num(a.month)}, {"days", std::move(days)}};
  if (a.month != INT64_MIN) {
    cal["month"] = civil::format_date(civil::Date{static_cast<int32_t>(1970 + a.month / 12),
                                                  static_cast<int32_t>(a.month % 12 + 1), 1})
                       .substr(0, 7);
  }
  o["calendar"] = std::move(cal);
  array badges;
  for (const std::string& b : a.badges) badges.push_back(value(b));
  o["badges"] = std::move(badges);
  object campaigns;
  for (const auto& [id, u] : a.campaigns) campaigns[id] = object{{"month", opt_num(u.month)}, {"used", u.used}};
  o["campaigns"] = std::move(campaigns);
  array window;
  const auto& w = a.tier.window;
  for (size_t i = 0, c = 0; i < w.size() || c < a.tier.cold.size();) {
    int64_t key = i < w.size() ? window_key(w[i].first) : INT64_MAX;
    if (c < a.tier.cold.size() && a.tier.cold[c].key < key) {
      window.push_back(value(a.tier.cold[c++].text));
      continue;
    }
    size_t j = i;
    while (j < w.size() && window_key(w[j].first) == key) ++j;
    window.push_back(value(encode_window(w.data() + i, w.data() + j, key)));
    i = j;
  }
  o["tier"] = object{{"index", a.tier.index},
                     {"started", a.tier.started},
                     {"next_eval_ms", a.tier.next_eval_ms},
                     {"next_eval_month", a.tier.next_eval_month},
                     {"check_pending", a.tier.check_pending},
                     {"check_at_ms", a.tier.check_at_ms},
                     {"window", std::move(window)}};
  return o;
}

int account_schema_version(const JsonReader& j) {
  const boost::json::value* v = j.raw();
  if (!v || !v->is_object()) return 0;
  const boost::json::value* sv = v->as_object().if_contains("schema_version");
  return sv && sv->is_int64() ? static_cast<int>(sv->get_int64()) : 0;
}

Account read_account(const JsonReader& j) {
  Account a;
  if (!j.expect_object({"schema",  "schema_version",  "rule_version", "basis",    "utc_offset_min", "last_entry_id",
                        "entries", "clock_ms",        "lots",         "next_seq", "spends",         "debt",
                        "expired", "lifetime_earned", "credit_fen",   "caps",     "streak",         "calendar",
                        "badges",  "campaigns",       "tier"})) {
    return a;
  }
  if (j.req_string("schema", 32) != "member_account" && j.ok()) {
    j.field("schema").fail("应为 member_account", "expected member_account");
  }
  // Another version is refused before this (codec::read_member: a conflict, to rebuild).
  a.schema_version = static_cast<int>(j.req_int("schema_version", kAccountSchemaVersion, kAccountSchemaVersion));
  a.rule_version = j.opt_string("rule_version", "", 64);
  a.basis = j.req_string("basis", 4096);
  a.utc_offset_min = j.opt_utc_offset("utc_offset_min");
  a.last_entry_id = j.opt_string("last_entry_id", "", 200);
  a.entries = j.req_int("entries", 0, kBig);
  a.clock_ms = read_opt_num(j, "clock_ms");
  // Only the chunks' summaries are read; their lots are decoded when an operation needs them.
  JsonReader lots = j.field("lots");
  if (const boost::json::array* chunks = strings(lots)) {
    auto source = std::make_shared<const ChunkSource>(ChunkSource{&j.context(), lots.path()});
    for (size_t i = 0; i < chunks->size() && j.ok(); ++i) {
      Chunk c;
      c.text = (*chunks)[i].get_string();
      c.source = source, c.index = i;
      Tokens t(c.text);
      c.key = t.num(), c.count = t.num(), c.sum = t.num(), c.pending = t.num();
      c.lo = t.ms(), c.hi = t.ms();
      if (!t.header_ok() || c.key < 0 || c.count < 1 || c.count > kLotsPerChunk || c.sum < 0 || c.pending < 0 ||
          c.lo < 0 || c.hi < 0 || (!a.cold_lots.empty() && a.cold_lots.back().key >= c.key)) {
        bad_chunk(lots.item(i));
      }
      a.cold_lots.push_back(std::move(c));
    }
  }
  a.next_seq = j.req_int("next_seq", 0, kBig);
  j.field("spends").for_each(kMaxAccountItems, [&](const JsonReader& s, size_t) {
    if (!s.expect_object({"entry_id", "takes"})) return;
    AccountSpend sp;
    sp.entry_id = s.req_string("entry_id", 200);
    JsonReader takes_field = s.field("takes");
    Tokens takes(takes_field);
    while (takes.more() && sp.takes.size() < kMaxAccountItems) {
      AccountTake t;
      t.lot_entry_id = takes.id();
      t.lot_seq = takes.num(), t.amount = takes.num(), t.lot_original = takes.num();
      t.lot_expires_at_ms = takes.ms();
      if (t.lot_seq < -1 || t.amount < 0 || t.lot_original < 0 || t.lot_expires_at_ms < 0) {
        s.field("takes").fail("支出来源无效", "invalid take");
        return;
      }
      sp.takes.push_back(std::move(t));
    }
    if (s.ok()) {
      takes.finish();
    }
    a.spends.push_back(std::move(sp));
  });
  a.debt = j.req_int("debt", 0, kBig);
  a.expired = j.req_int("expired", -kBig, kBig);
  a.lifetime_earned = j.req_int("lifetime_earned", -kBig, kBig);
  a.credit_fen = j.req_int("credit_fen", -kBig, kBig);
  JsonReader caps = j.field("caps");
  if (caps.expect_object()) {
    for (const std::string& type : caps.keys(1000)) {
      JsonReader c = caps.field(type);
      if (!c.expect_object({"day", "day_points", "month", "month_points", "positive_count"})) break;
      CapCounter cc;
      cc.day = read_opt_num(c, "day");
      cc.day_points = c.req_int("day_points", -kBig, kBig);
      cc.month = read_opt_num(c, "month");
      cc.month_points = c.req_int("month_points", -kBig, kBig);
      cc.positive_count = c.req_int("positive_count", 0, kBig);
      a.caps[type] = cc;
    }
  }
  JsonReader streak = j.field("streak");
  if (streak.expect_object({"start_day", "end_day"})) {
    a.streak_start = streak.req_int("start_day", -kBig, kBig);
    a.streak_end = streak.req_int("end_day", -kBig, kBig);
  }
  JsonReader cal = j.field("calendar");
  if (cal.expect_object({"month_index", "month", "days"})) {
    a.month = read_opt_num(cal, "month_index");
    cal.field("days").for_each(31, [&](const JsonReader& d, size_t) { a.month_days |= 1u << (d.as_int(1, 31) - 1); });
  }
  j.field("badges").for_each(1000, [&](const JsonReader& b, size_t) {
    std::string id = b.as_string(64);
    if (b.ok() && !a.badges.empty() && a.badges.back() >= id) b.fail("应排序且不重复", "must be sorted, no repeats");
    a.badges.push_back(std::move(id));
  });
  JsonReader camps = j.field("campaigns");
  if (camps.expect_object()) {
    for (const std::string& id : camps.keys(1000)) {
      JsonReader c = camps.field(id);
      if (!c.expect_object({"month", "used"})) break;
      a.campaigns[id] = CampaignUsage{read_opt_num(c, "month"), c.req_int("used", -kBig, kBig)};
    }
  }
  JsonReader t = j.field("tier");
  if (t.expect_object(
          {"index", "started", "next_eval_ms", "next_eval_month", "check_pending", "check_at_ms", "window"})) {
    a.tier.index = static_cast<int>(t.req_int("index", 0, 1000));
    a.tier.started = t.req_bool("started");
    a.tier.next_eval_ms = t.req_int("next_eval_ms", -kBig, kBig);
    a.tier.next_eval_month = t.req_int("next_eval_month", -kBig, kBig);
    a.tier.check_pending = t.req_bool("check_pending");
    a.tier.check_at_ms = t.req_int("check_at_ms", -kBig, kBig);
    JsonReader window = t.field("window");
    if (const boost::json::array* chunks = strings(window)) {
      auto source = std::make_shared<const ChunkSource>(ChunkSource{&j.context(), window.path()});
      for (size_t i = 0; i < chunks->size() && j.ok(); ++i) {
        Chunk c;
        c.text = (*chunks)[i].get_string();
        c.source = source, c.index = i;
        Tokens h(c.text);
        c.key = h.num(), c.count = h.num(), c.sum = h.num(), c.lo = h.ms(), c.hi = h.ms();
        if (!h.header_ok() || c.count < 1 || c.lo > c.hi || window_key(c.lo) != c.key || window_key(c.hi) != c.key ||
            (!a.tier.cold.empty() && a.tier.cold.back().key >= c.key)) {
          bad_chunk(window.item(i));
        }
        a.tier.cold.push_back(std::move(c));
      }
    }
  }
  return a;
}

boost::json::object write_figures(const InviterFigures& f) {
  return object{{"at_ms", f.at_ms},
                {"campaign_id", f.campaign_id},
                {"campaign_month_used", f.campaign_month_used},
                {"referral_success", object{{"day_points", f.referral_success.day},
                                            {"month_points", f.referral_success.month},
                                            {"any", f.referral_success.any}}},
                {"tier_index", f.tier_index}};
}

InviterFigures read_figures(const JsonReader& j) {
  InviterFigures f;
  if (!j.expect_object({"at_ms", "campaign_id", "campaign_month_used", "referral_success", "tier_index"})) return f;
  f.at_ms = j.req_epoch_ms("at_ms");
  f.campaign_id = j.req_string("campaign_id", 64);
  f.campaign_month_used = j.req_int("campaign_month_used", -kBig, kBig);
  JsonReader rs = j.field("referral_success");
  if (rs.expect_object({"day_points", "month_points", "any"})) {
    f.referral_success.day = rs.req_int("day_points", -kBig, kBig);
    f.referral_success.month = rs.req_int("month_points", -kBig, kBig);
    f.referral_success.any = rs.req_bool("any");
  }
  f.tier_index = static_cast<int>(j.req_int("tier_index", 0, 1000));
  return f;
}

LotFates read_fates(const JsonReader& field) {
  LotFates out;
  if (!field.present() || !field.expect_object()) return out;
  for (const std::string& id : field.keys(kMaxAccountItems)) out[id] = field.field(id).as_int(0, kBig);
  return out;
}

boost::json::object write_fates(const LotFates& fates) {
  object o;
  for (const auto& [id, x] : fates) o[id] = x;
  return o;
}

}  // namespace clinic::points::codec

namespace clinic::points {

namespace {

// Records a chunk whose items are malformed in the context of the request it was read from.
void report_malformed(const Chunk& c) {
  if (!c.source || !c.source->context) return;
  c.source->context->fail(make_error(ErrorCode::invalid_field, codec::kMalformedZh, codec::kMalformedEn,
                                     c.source->path + "[" + std::to_string(c.index) + "]"));
}

// A lot chunk's items as the codec writes them: as many as the summary says, in seq order
// inside the chunk's range, figures in range, and written back to the same text (the summary's
// sums and earliest instants, "=" wherever the numbers repeat, ids' shared prefixes: an
// account has one text).
bool lots_as_written(codec::Tokens& t, const Chunk& c, const std::vector<AccountLot>& lots) {
  if (!t.finish() || static_cast<int64_t>(lots.size()) != c.count) return false;
  for (size_t k = 0; k < lots.size(); ++k) {
    const AccountLot& l = lots[k];
    if (l.seq < 0 || l.seq / kLotsPerChunk != c.key || (k > 0 && l.seq <= lots[k - 1].seq) || l.original < 1 ||
        l.remaining < 0 || l.remaining > l.original || l.available_at_ms < 0 || l.expires_at_ms < 0) {
      return false;
    }
  }
  return codec::encode_lots(lots.data(), lots.data() + lots.size(), c.key) == c.text;
}

// A window chunk's pairs likewise: ascending instants inside the chunk, none summing to 0.
bool window_as_written(codec::Tokens& t, const Chunk& c, const std::vector<std::pair<int64_t, int64_t>>& pairs) {
  if (!t.finish() || static_cast<int64_t>(pairs.size()) != c.count) return false;
  for (size_t k = 0; k < pairs.size(); ++k) {
    if (window_key(pairs[k].first) != c.key || pairs[k].second == 0 ||
        (k > 0 && pairs[k].first <= pairs[k - 1].first)) {
      return false;
    }
  }
  return codec::encode_window(pairs.data(), pairs.data() + pairs.size(), c.key) == c.text;
}

}  // namespace

[[gnu::noinline]] std::vector<AccountLot> decode_lots(const Chunk& c) {
  codec::Tokens t(c.text);
  for (int k = 0; k < 4; ++k) t.num();  // the summary
  t.ms(), t.ms();
  std::vector<AccountLot> out;
  out.reserve(static_cast<size_t>(c.count));
  codec::LotNumbers n;
  for (int64_t seq = c.key * kLotsPerChunk, expires = 0; t.more();) {
    AccountLot lot;
    lot.entry_id = t.lot_id(out.empty() ? std::string_view() : std::string_view(out.back().entry_id));
    if (out.empty() || !t.repeat()) {
      n.seq_step = t.num(), n.original = t.num(), n.remaining = t.num(), n.available_at_ms = t.ms();
      n.expires_step = t.ms();
    }
    lot.seq = seq += n.seq_step;
    lot.original = n.original, lot.remaining = n.remaining, lot.available_at_ms = n.available_at_ms;
    lot.expires_at_ms = expires += n.expires_step;
    lot.released = lot.available_at_ms == 0;
    out.push_back(std::move(lot));
  }
  if (!lots_as_written(t, c, out)) report_malformed(c);
  return out;
}

[[gnu::noinline]] std::vector<std::pair<int64_t, int64_t>> decode_window(const Chunk& c) {
  codec::Tokens t(c.text);
  for (int k = 0; k < 3; ++k) t.num();
  t.ms(), t.ms();
  std::vector<std::pair<int64_t, int64_t>> out;
  out.reserve(static_cast<size_t>(c.count));
  for (int64_t at = c.key * kWindowChunkMs, step = 0, pts = 0; t.more();) {
    if (out.empty() || !t.repeat()) step = t.ms(), pts = t.num();
    at += step;
    out.emplace_back(at, pts);
  }
  if (!window_as_written(t, c, out)) report_malformed(c);
  return out;
}

Result<std::vector<std::string>> spend_sources(std::string_view takes) {
  codec::Tokens t(takes);
  std::vector<std::string> out;
  while (t.more()) {
    std::string id = t.id();
    t.num(), t.num(), t.num(), t.ms();
    if (!id.empty() && (out.empty() || out.back() != id)) out.push_back(std::move(id));
  }
  if (!t.finish()) {
    return make_error(ErrorCode::invalid_field, std::string("支出来源") + codec::kMalformedZh,
                      std::string("takes ") + codec::kMalformedEn, "$.takes");
  }
  return out;
}

}  // namespace clinic::points
