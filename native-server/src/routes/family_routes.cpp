// Families (issue 15), the routes besides patient CRUD (family_patients.cpp): a patient's
// self-test history, a clinic's contact card (emergency cards call and map it), and the
// secret the phone derives its offline member code from (domain/offline_member_code.h).
#include <boost/json.hpp>

#include "clinic/member_code/totp.h"
#include "domain/consent_texts.h"
#include "domain/consents.h"
#include "domain/offline_member_code.h"
#include "domain/patient_service.h"
#include "routes/api_common.h"
#include "routes/route_table.h"
#include "validation/fields.h"

namespace clinic::server {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

constexpr int kSelfTestPage = 100;

// One history row: answers and reason only while the member consents to storing health data.
object selftest_json(const SelfTestRow& t, bool consent) {
  object o{{"id", t.id}, {"at_ms", t.at_ms}, {"complaint", t.complaint}, {"level", t.level}};
  if (!consent) return o;
  if (t.reason) o["reason"] = parse_stored(*t.reason);
  if (t.answers) o["answers"] = parse_stored(*t.answers);
  return o;
}

Response selftests(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  int64_t id = param_id(ctx, "id");
  object out = s.store->read([&](Repos& r) {
    own_patient(r, who.member_id, id);
    bool consent = consent_granted(r, who.member_id, "health_data");
    array list;
    for (const SelfTestRow& t : r.families().selftests_of(id, kSelfTestPage)) list.push_back(selftest_json(t, consent));
    return object{{"selftests", std::move(list)},
                  {"answers_stored", consent},
                  {"consent_text", health_data_consent_text().in(ctx.lang)}};
  });
  return json_response(ctx.req, http::status::ok, out);
}

Response clinic_card(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  int64_t id = param_id(ctx, "id");
  object out = s.store->read([&](Repos& r) {
    auto c = r.clinic_by_id(id);
    auto contact = r.families().clinic_contact(id);
    if (!c || c->org_id != who.org_id || !contact)
      throw ApiError("not_found", {"没有这个诊所", "no such clinic"}, "id");
    object o{{"id", c->id}, {"name", c->name}, {"address", contact->address}, {"phone", contact->phone}};
    // Coordinates are stored in microdegrees (integers); wx.openLocation takes numbers.
    bool located = contact->latitude_e6 != 0 || contact->longitude_e6 != 0;
    o["latitude"] = located ? value(static_cast<double>(contact->latitude_e6) / 1e6) : value(nullptr);
    o["longitude"] = located ? value(static_cast<double>(contact->longitude_e6) / 1e6) : value(nullptr);
    return o;
  });
  return json_response(ctx.req, http::status::ok, out);
}

Response member_code_secret(Services& s, RequestContext& ctx) {
  MemberPrincipal who = s.auth->require_member(ctx);
  std::string token = random_token(member_code::kSecretBytes);  // base64url of 32 random bytes
  std::string secret = *member_code::base64url_decode(token);
  int64_t until = std::min(ctx.now_ms + kMemberCodeSecretTtlMs, who.expires_at_ms);
  s.store->write([&](Repos& r) {
    return r.families().insert_member_code_secret(who.member_id, who.token_hash, secret, ctx.now_ms, until);
  });
  return json_response(ctx.req, http::status::ok,
                       object{{"secret", token},
                              {"member_id", who.member_id},
                              {"period_s", member_code::kStepMs / 1000},
                              {"digits", member_code::kDigits},
                              {"valid_until_ms", until}});
}

}  // namespace

const RouteTable& family_routes() {
  static const RouteTable table = {
      {http::verb::get, "/api/v1/patients/:id/selftests",
       "a patient's self-tests, newest first (answers and reason only with health-data consent)", selftests},
      {http::verb::get, "/api/v1/clinics/:id", "a clinic's name, address, phone and map coordinates", clinic_card},
      {http::verb::post, "/api/v1/member-code/secret",
       "a secret for the offline member code (member_code.totp on the phone); sealed, ends with the session",
       member_code_secret},
  };
  return table;
}

}  // namespace clinic::server
