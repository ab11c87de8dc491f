// Patient API (/api/v1, Bearer session from WeChat login): login with an invite, profile,
// consents, phone binding, account deletion, check-in, points, coupons, invite, member code.
// Triage and appointments are in patient_triage.cpp and patient_appointments.cpp.
// Every credit runs its core computation inside the Store::write job (see ledger_service.h).
#include <boost/json.hpp>

#include "domain/account_service.h"
#include "domain/account_write.h"
#include "domain/consent_texts.h"
#include "domain/core_client.h"
#include "domain/idempotency.h"
#include "domain/invite_code.h"
#include "domain/ledger_service.h"
#include "domain/member_code.h"
#include "domain/patient_service.h"
#include "domain/rules_document.h"
#include "engagement/reminders.h"
#include "routes/api_common.h"
#include "routes/route_table.h"
#include "validation/fields.h"
#include "validation/validate.h"

namespace clinic::server {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

int64_t patient_clinic(Repos& r, const RequestContext& ctx, int64_t org_id) {
  std::string q = ctx.query("clinic_id");
  if (q.empty()) return default_clinic(r, org_id);
  int64_t id = query_int(ctx, "clinic_id", 0, 1, INT64_MAX);
  auto c = r.clinic_by_id(id);
  if (!c || c->org_id != org_id) throw ApiError("not_found", {"没有这个诊所", "no such clinic"}, "clinic_id");
  return id;
}

int clinic_offset(Repos& r, int64_t clinic_id) {
  auto c = r.clinic_by_id(clinic_id);
  return c ? c->utc_offset_min : civil::kDefaultUtcOffsetMinutes;
}

object consents_json(const std::vector<Consent>& list) {
  object out{{"health_data", nullptr}, {"marketing", nullptr}};
  for (const Consent& c : list) {
    out[c.kind] = object{{"granted", c.granted}, {"policy_version", c.policy_version}, {"at_ms", c.at_ms}};
  }
  return out;
}

// The registration credit of a new member (its own transaction: a refused invite binding
// must not undo it).
void credit_registration(Services& s, const RequestContext& ctx, int64_t member_id) {
  account_write(
      *s.store,
      [&](Repos& r) {
        int64_t clinic = default_clinic(r, s.auth->org_id());
        return compute_member_op(
            r, "points.apply", member_id, clinic, active_points_rules(r, clinic),
            object{{"event", object{{"id", "register"}, {"type", "register"}, {"at_ms", ctx.now_ms}}}}, ctx.lang);
      },
      [&](Repos& r, MemberOp& op) { return commit_member_op(r, op); });
}

struct InviteRequest {
  std::string code;
  std::string campaign;
  int64_t shared_at_ms;
};

// Binds the new member to the inviter (referral.bind) in one write; the answer's "invite".
object bind_invite(Services& s, const RequestContext& ctx, int64_t member_id, const InviteRequest& invite) {
  return s.store->write([&](Repos& r) {
    auto inviter = r.referrals().member_by_invite_code(invite.code);
    if (!inviter) throw ApiError("not_found", {"邀请码无效", "unknown invite code"}, "$.invite_code");
    auto me = r.member_by_id(member_id);
    auto existing = r.referrals().binding_of(member_id);
    int64_t clinic = default_clinic(r, s.auth->org_id());
    RuleVersion rules = active_points_rules(r, clinic);
    std::string camp = invite.campaign.empty() ? default_campaign(rules) : invite.campaign;
    auto inviter_staff = false;
    object invitee{{"member_id", member_ref(member_id)}, {"registered_at_ms", me->created_at_ms}};
    if (existing) invitee["bound_inviter_id"] = member_ref(existing->inviter_id);
    object res =
        core_call_rules("referral.bind", rules,
                        object{{"campaign_id", camp},
                               {"inviter", object{{"member_id", member_ref(*inviter)}, {"staff", inviter_staff}}},
                               {"invitee", invitee},
                               {"shared_at_ms", invite.shared_at_ms},
                               {"at_ms", ctx.now_ms}},
                        ctx.lang);
    if (!existing && !res["already_bound"].as_bool()) {
      r.referrals().insert_binding(
          BindingRow{member_id, *inviter, camp, boost::json::serialize(res["binding"]), ctx.now_ms});
    }
    return object{{"bound", !existing}, {"campaign_id", camp}, {"invitee_benefit", res["invitee_benefit"]}};
  });
}

// The login answer's "invite": binding happens on registration only, an existing member is
// never (re)bound; a refused binding is reported, the login still succeeds.
object invite_outcome(Services& s, const RequestContext& ctx, const MemberLoginResult& login,
                      const InviteRequest& invite) {
  if (!login.created) {
    return object{{"bound", false},
                  {"error", object{{"code", "conflict"},
                                   {"message", ctx.lang == "en" ? "only a new member can join through an invite"
                                                                : "只有新会员可以通过邀请注册"},
                                   {"field", "$.invite_code"}}}};
  }
  object inv{{"bound", false}};
  try {
    inv = bind_invite(s, ctx, login.member_id, invite);
  } catch (const ApiError& e) {
    inv["error"] = object{{"code", e.code}, {"message", e.message.in(ctx.lang)}, {"field", e.field}};
  }
  return inv;
}

Response login(Services& s, RequestContext& ctx) {
  BodyReader b(ctx.json_body());
  JsonReader root = b.root();
  root.expect_object({"code", "invite_code", "campaign_id", "shared_at_ms"});
  std::string code = root.req_string("code", 256);
  InviteRequest invite;
  invite.code = root.opt_string("invite_code", "", 32);
  invite.campaign = root.opt_string("campaign_id", "", 64);
  invite.shared_at_ms = root.opt_int("shared_at_ms", ctx.now_ms, 946684800000, 7258118399999);
  b.done();
  MemberLoginResult login = s.auth->member_login(code, ctx.remote, ctx.now_ms);
  object out{{"token", login.token},
             {"expires_at_ms", login.expires_at_ms},
             {"member", object{{"id", login.member_id}, {"created", login.created}}}};
  if (login.created) credit_registration(s, ctx, login.member_id);
  if (!invite.code.empty()) out["invite"] = invite_outcome(s, ctx, login, invite);
  return json_response(ctx.req, http::status::ok, out);
}

Response profile(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  auto [m, consents] = s.store->read(
      [&](Repos& r) { return std::make_pair(*r.member_by_id(who.member_id), r.current_consents(who.member_id)); });
  object out = masked_member(m);
  out["id_number"] = m.id_number ? value(mask_id_number(*m.id_number)) : value(nullptr);
  out["consents"] = consents_json(consents);
  return json_response(ctx.req, http::status::ok, out);
}

// The first completion's credit, computed on the worker when a name exists after this write
// (the one given or the one stored).
std::optional<MemberOp> plan_profile_credit(Repos& r, const MemberPrincipal& who, const MemberPii& pii,
                                            const RequestContext& ctx) {
  std::optional<MemberOp> credit;
  auto stored = r.member_by_id(who.member_id);
  if (pii.name || (stored && stored->name)) {
    int64_t clinic = default_clinic(r, who.org_id);
    credit = compute_member_op(
        r, "points.apply", who.member_id, clinic, active_points_rules(r, clinic),
        object{{"event", object{{"id", "profile_completed"}, {"type", "profile_completed"}, {"at_ms", ctx.now_ms}}}},
        ctx.lang);
  }
  return credit;
}

Response set_profile(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  BodyReader b(ctx.json_body());
  JsonReader root = b.root();
  root.expect_object({"name", "id_number"});
  MemberPii pii;
  if (root.field("name").present()) pii.name = read_person_name(root, "name");
  if (root.field("id_number").present()) {
    // Checked against today at the organization's clinic (as a 就诊人's ID number is).
    civil::Date today = s.store->read([&](Repos& r) { return org_today(r, who.org_id, ctx.now_ms); });
    pii.id_number = read_id_number(root, "id_number", today);
  }
  b.done();
  // The writer stores the profile and commits the credit planned on the worker.
  object out = account_write(
      *s.store, [&](Repos& r) { return plan_profile_credit(r, who, pii, ctx); },
      [&](Repos& r, std::optional<MemberOp>& credit) {
        r.set_member_pii(who.member_id, pii);
        Member m = *r.member_by_id(who.member_id);
        object res = masked_member(m);
        res["points"] = 0;
        if (m.name && !credit) throw StaleAccount(who.member_id);  // the name arrived meanwhile: plan again
        if (m.name) res["points"] = commit_member_op(r, *credit)["points"];
        return res;
      });
  return json_response(ctx.req, http::status::ok, out);
}

Response consents(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  auto list = s.store->read([&](Repos& r) { return r.current_consents(who.member_id); });
  object texts{{"health_data", health_data_consent_text().in(ctx.lang)},
               {"marketing", marketing_consent_text().in(ctx.lang)}};  // one text per consent
  return json_response(ctx.req, http::status::ok,
                       object{{"consents", consents_json(list)}, {"texts", std::move(texts)}});
}

Response record_consent(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  BodyReader b(ctx.json_body());
  JsonReader root = b.root();
  root.expect_object({"kind", "granted", "policy_version"});
  size_t kind = root.field("kind").as_enum({"health_data", "marketing"});
  bool granted = root.req_bool("granted");
  std::string policy = root.req_string("policy_version", 32);
  b.done();
  return idempotent_write(*s.store, ctx, key_scope(who), [&](Repos& r) {
    r.record_consent(who.member_id, Consent{kind == 0 ? "health_data" : "marketing", granted, policy, ctx.now_ms});
    return JsonReply{http::status::ok, object{{"consents", consents_json(r.current_consents(who.member_id))}}};
  });
}

Response bind_phone(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  BodyReader b(ctx.json_body());
  JsonReader root = b.root();
  root.expect_object({"code"});
  std::string code = read_required_string(root, "code", 256);
  b.done();
  WeChatPhone phone = s.wechat->phone_number(code, ctx.now_ms);
  return idempotent_write(*s.store, ctx, key_scope(who), [&](Repos& r) {
    r.set_member_pii(who.member_id, MemberPii{std::nullopt, phone.phone, std::nullopt});
    return JsonReply{http::status::ok, object{{"phone", mask_phone(phone.phone)}}};
  });
}

Response delete_account(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  s.store->write_and_checkpoint([&](Repos& r) {
    r.erase_member(who.member_id, ctx.now_ms);
    r.families().erase_patients_of(who.member_id);  // issue 15: the account's 就诊人 go with it
    r.families().delete_member_code_secrets(who.member_id);
    r.engagement().erase_member(who.member_id);  // reminders, subscriptions, QR (issue 19)
  });
  return json_response(ctx.req, http::status::ok, object{{"deleted", true}});
}

Response checkin(Services& s, RequestContext& ctx) {
  MemberPrincipal who;
  // The session and the core's work are read here, on the worker, from one read snapshot;
  // the writer only checks that the account did not move, appends and stores
  // (domain/account_write.h).
  return account_write(
      *s.store, ctx,
      [&](Repos& r) {
        who = s.auth->require_member(ctx, r);
        return key_scope(who);
      },
      [&](Repos& r) {
        int64_t clinic = patient_clinic(r, ctx, who.org_id);
        RuleVersion rules = active_points_rules(r, clinic);
        std::string event_id = "checkin:" + std::to_string(civil::local_day(ctx.now_ms, clinic_offset(r, clinic)));
        return compute_member_op(r, "checkin.apply", who.member_id, clinic, rules,
                                 object{{"event", object{{"id", event_id}, {"at_ms", ctx.now_ms}}}}, ctx.lang);
      },
      [&](Repos& r, MemberOp& op) {
        object out = commit_member_op(r, op);
        out.erase("entries");
        return JsonReply{http::status::ok, out};
      });
}

Response points(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  object out = s.store->read([&](Repos& r) {
    int64_t clinic = patient_clinic(r, ctx, who.org_id);
    RuleVersion rules = active_points_rules(r, clinic);
    return member_balance(r, who.member_id, rules, ctx.now_ms, ctx.lang);
  });
  return json_response(ctx.req, http::status::ok, out);
}

// One ledger page and the id to page on from (null on the last page).
object ledger_page(const std::vector<LedgerEntry>& page, int limit, const char* next_key) {
  array entries;
  for (const LedgerEntry& e : page) entries.push_back(object{{"id", e.id}, {"entry", parse_stored(e.entry)}});
  value next = page.size() == static_cast<size_t>(limit) ? value(page.back().id) : value(nullptr);
  return object{{"entries", std::move(entries)}, {next_key, next}};
}

Response points_ledger(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  int limit = static_cast<int>(query_int(ctx, "limit", 50, 1, 200));
  if (!ctx.query("after").empty()) {  // oldest first (tools)
    int64_t after = query_int(ctx, "after", 0, 0, INT64_MAX);
    auto page = s.store->read([&](Repos& r) { return r.ledger_entries(who.member_id, after, limit); });
    return json_response(ctx.req, http::status::ok, ledger_page(page, limit, "next_after"));
  }
  int64_t before = query_int(ctx, "before", 0, 0, INT64_MAX);
  auto page = s.store->read([&](Repos& r) { return r.accounts().ledger_entries_desc(who.member_id, before, limit); });
  return json_response(ctx.req, http::status::ok, ledger_page(page, limit, "next_before"));
}

// A read that tolerates staleness (issue 18): on the read replica when one is configured, the
// staleness stated in X-Read-From / X-Staleness-Ms. The balance shown with the catalogue is as
// stale as stated; the redemption itself is decided on the primary.
Response coupon_catalogue(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  Staleness stale;
  object out = s.store->read_stale(
      [&](Repos& r) {
        int64_t clinic = patient_clinic(r, ctx, who.org_id);
        RuleVersion rules = active_points_rules(r, clinic);
        object balance = member_balance(r, who.member_id, rules, ctx.now_ms, ctx.lang);
        return object{{"catalogue", coupon_catalogue(rules)},
                      {"available", balance["available"]},
                      {"tier", balance["tier"]},
                      {"rule_version", rules.version}};
      },
      stale);
  return stated_staleness(s, json_response(ctx.req, http::status::ok, out), stale);
}

// Stores the coupon a redemption issued (and its expiry reminder).
void store_redeemed_coupon(Repos& r, const object& coupon, int64_t member_id, int64_t clinic_id,
                           const std::string& catalogue_id, int64_t now_ms) {
  CouponRow row;
  row.code = std::string(coupon.at("code").as_string());
  row.member_id = member_id;
  row.clinic_id = clinic_id;
  row.catalogue_id = catalogue_id;
  row.coupon = boost::json::serialize(coupon);
  row.status = "issued";
  row.created_at_ms = now_ms;
  r.coupons().insert_coupon(row);
  remind_coupon(r, row, now_ms);
}

Response coupon_redeem(Services& s, RequestContext& ctx) {
  MemberPrincipal who;
  std::string catalogue_id;
  const std::string redemption_id = "rd-" + random_token(9);
  object args;
  // The session (then the body) checked and the op computed on the worker in one read
  // snapshot; the writer checks the account and stores (domain/account_write.h).
  return account_write(
      *s.store, ctx,
      [&](Repos& r) {
        who = s.auth->require_member(ctx, r);
        BodyReader b(ctx.json_body());
        JsonReader root = b.root();
        root.expect_object({"catalogue_id"});
        catalogue_id = root.req_string("catalogue_id", 64);
        b.done();
        args = object{{"catalogue_id", catalogue_id}, {"redemption_id", redemption_id}, {"at_ms", ctx.now_ms}};
        return key_scope(who);
      },
      [&](Repos& r) {
        int64_t clinic = patient_clinic(r, ctx, who.org_id);
        RuleVersion rules = active_points_rules(r, clinic);
        return compute_member_op(r, "coupon.redeem", who.member_id, clinic, rules, args, ctx.lang);
      },
      [&](Repos& r, MemberOp& op) {
        object out = commit_member_op(r, op);
        store_redeemed_coupon(r, out["coupon"].as_object(), who.member_id, op.clinic_id, catalogue_id, ctx.now_ms);
        out.erase("entries");
        return JsonReply{http::status::created, out};
      });
}

Response my_coupons(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  auto rows = s.store->read([&](Repos& r) { return r.coupons().coupons_of(who.member_id); });
  array out;
  for (const CouponRow& c : rows) out.push_back(coupon_json(c));
  return json_response(ctx.req, http::status::ok, object{{"coupons", std::move(out)}});
}

Response invite(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  std::string code = s.store->write([&](Repos& r) { return ensure_invite_code(r, who.member_id, ctx.now_ms); });
  object out = s.store->read([&](Repos& r) { return invite_friends(r, who.member_id); });  // domain/invite_code.h
  out["code"] = code;
  out["share_path"] = "/pages/home/home?invite=" + code;
  return json_response(ctx.req, http::status::ok, out);
}

Response member_code(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  return json_response(ctx.req, http::status::ok,
                       object{{"code", make_member_code(*s.vault, who.member_id, ctx.now_ms)},
                              {"expires_at_ms", ctx.now_ms + kMemberCodeTtlMs}});
}

}  // namespace

const RouteTable& patient_routes() {
  static const RouteTable table = {
      {http::verb::post, "/api/v1/auth/login",
       "wx.login code (+ invite code on registration) → member session; new members bind to the inviter", login},
      {http::verb::get, "/api/v1/me/profile", "the member's profile, masked", profile},
      {http::verb::put, "/api/v1/me/profile", "set name / ID number (sealed at rest); first completion earns points",
       set_profile},
      {http::verb::get, "/api/v1/me/consents", "current consents (health data, marketing)", consents},
      {http::verb::post, "/api/v1/me/consents", "record a consent decision (history kept)", record_consent},
      {http::verb::post, "/api/v1/me/phone", "bind the phone from a getPhoneNumber code (stored sealed, shown masked)",
       bind_phone},
      {http::verb::delete_, "/api/v1/me",
       "delete the account: erase openid, PII, sessions, patients, member-code secrets and reminders (ledger "
       "kept anonymised)",
       delete_account},
      {http::verb::post, "/api/v1/checkin", "daily check-in: one credit per local day, streak, badges", checkin},
      {http::verb::get, "/api/v1/points",
       "balance, pending, expiring, tier, streak, this month's check-in days, badges (from the member's account)",
       points},
      {http::verb::get, "/api/v1/points/ledger",
       "ledger pages, newest first (?before=<id>&limit=); ?after=<id> pages oldest first", points_ledger},
      {http::verb::get, "/api/v1/coupons/catalogue", "coupons priced in points (from the active rules)",
       coupon_catalogue},
      {http::verb::post, "/api/v1/coupons/redeem", "spend points on a catalogue coupon (serialized per member)",
       coupon_redeem},
      {http::verb::get, "/api/v1/coupons/mine", "my issued coupons with status", my_coupons},
      {http::verb::get, "/api/v1/invite", "my invite code, share path, masked friends and rewards", invite},
      {http::verb::get, "/api/v1/member-code", "a signed member code for the desk to scan (valid 60 s)", member_code},
  };
  return table;
}

}  // namespace clinic::server
