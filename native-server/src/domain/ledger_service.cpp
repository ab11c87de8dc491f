#include "domain/ledger_service.h"

#include "clinic/civil_time.h"

#include "domain/account_service.h"
#include "domain/core_client.h"
#include "errors.h"

namespace clinic::server {

RuleVersion active_points_rules(Repos& r, int64_t clinic_id) {
  auto v = r.active_rule(clinic_id, kPointsRulesKind);
  if (!v) throw ApiError("not_found", {"诊所尚未启用积分规则", "no active points rules for this clinic"});
  return *v;
}

boost::json::value parse_stored(const std::string& text) {
  boost::json::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec) throw ApiError("internal", {"内部错误：存储的数据已损坏", "stored JSON is corrupt"});
  return v;
}

int append_entries(Repos& r, int64_t member_id, int64_t clinic_id, int64_t rule_version_id,
                   const boost::json::array& entries) {
  int inserted = 0;
  for (const boost::json::value& v : entries) {
    const boost::json::object& o = v.as_object();
    LedgerEntry e;
    e.member_id = member_id;
    e.clinic_id = clinic_id;
    e.event_id = std::string(o.at("id").as_string());
    e.kind = std::string(o.at("kind").as_string());
    e.points = o.at("points").to_number<int64_t>();
    e.at_ms = o.at("at_ms").to_number<int64_t>();
    e.rule_version_id = rule_version_id;
    e.entry = boost::json::serialize(v);
    if (r.append_ledger(e).inserted) ++inserted;
  }
  return inserted;
}

std::string member_ref(int64_t member_id) {
  return "m" + std::to_string(member_id);
}

int64_t default_clinic(Repos& r, int64_t org_id) {
  auto clinics = r.clinics_in_org(org_id);
  if (clinics.empty()) throw ApiError("not_found", {"尚未开设诊所", "the organization has no clinic"});
  return clinics.front().id;
}

namespace {

// The ledger events an op's answer depends on beyond the account: its own id (idempotency)
// and, for a cancellation, the event it undoes.
std::vector<std::string> related_events(const boost::json::object& args) {
  std::vector<std::string> out;
  auto add = [&](const boost::json::value* v) {
    if (v && v->is_string()) out.emplace_back(v->get_string());
  };
  if (const auto* ev = args.if_contains("event"); ev && ev->is_object()) {
    add(ev->get_object().if_contains("id"));
    add(ev->get_object().if_contains("target_event_id"));
  }
  add(args.if_contains("redemption_id"));
  return out;
}

int64_t latest_at(const boost::json::array& entries, int64_t fallback) {
  for (const boost::json::value& e : entries)
    fallback = std::max(fallback, e.as_object().at("at_ms").to_number<int64_t>());
  return fallback;
}

}  // namespace

MemberOp compute_member_op(Repos& r, const std::string& op, int64_t member_id, int64_t clinic_id,
                           const RuleVersion& rules, boost::json::object args, const std::string& lang,
                           std::optional<History> loaded) {
  MemberOp m;
  m.member_id = member_id;
  m.clinic_id = clinic_id;
  m.rule_version_id = rules.id;
  std::vector<std::string> events = related_events(args);
  for (int attempt = 0;; ++attempt) {
    m.history = attempt == 0 && loaded ? std::move(*loaded) : load_history(r, member_id, rules, events, attempt > 0);
    boost::json::object call_args = args;  // the op's own fields: small
    const int64_t clock = account_clock(m.history);
    auto date = [&](boost::json::object* o) {
      boost::json::value* at = o ? o->if_contains("at_ms") : nullptr;
      if (at && at->is_int64()) *at = raced_time(at->get_int64(), clock);
    };
    date(&call_args);
    for (const char* k : {"event", "refund"}) {
      if (boost::json::value* v = call_args.if_contains(k)) date(v->if_object());
    }
    // The account moves into the call (a long history's account is the op's largest input);
    // a rebuilt one is kept: the save stores it when the op changes nothing.
    call_args["account"] = m.history.rebuilt ? m.history.account : std::move(m.history.account);
    call_args["related"] = m.history.related;
    call_args["lot_fates"] = m.history.fates;
    try {
      m.out = core_call_rules(op, rules, std::move(call_args), lang);
      return m;
    } catch (const ApiError& e) {
      // An account computed under another rules basis (offset, tier policy), or damaged:
      // rebuild it from the ledger, once.
      if (attempt > 0 || !stored_account_refused(e)) throw;
      note_refused_account(e, member_id);
    }
  }
}

boost::json::object commit_member_op(Repos& r, const MemberOp& m) {
  boost::json::array entries;
  if (const auto* es = m.out.if_contains("entries"); es && es->is_array()) entries = es->get_array();
  const boost::json::value none;
  auto field = [&](const char* k) -> const boost::json::value& {
    const boost::json::value* v = m.out.if_contains(k);
    return v ? *v : none;
  };
  save_history(r, m.history, m.clinic_id, m.rule_version_id, entries, field("account"), field("lot_fates"),
               latest_at(entries, 0));
  // The op stays as computed: a PostgreSQL serialization retry runs this job again on it.
  boost::json::object answer;
  for (const auto& kv : m.out) {
    if (kv.key() != "account" && kv.key() != "lot_fates") answer.emplace(kv.key(), kv.value());
  }
  return answer;
}

boost::json::object apply_member_op(Repos& r, const std::string& op, int64_t member_id, int64_t clinic_id,
                                    boost::json::object args, const std::string& lang) {
  RuleVersion rules = active_points_rules(r, clinic_id);
  MemberOp m = compute_member_op(r, op, member_id, clinic_id, rules, std::move(args), lang);
  return commit_member_op(r, m);
}

}  // namespace clinic::server
