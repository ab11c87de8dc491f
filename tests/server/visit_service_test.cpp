// Visits at the desk (domain/visit_service.h) on a real SQLite store: the request body,
// preview (stores nothing), confirm (one visit per visit_ref and clinic; points, coupons,
// the invitee discount and the inviter's settlement), refund (reverses exactly, once), and
// plans gone stale between the snapshot and the writer.
#include "domain/visit_service.h"

#include <doctest/doctest.h>

#include "domain/account_service.h"
#include "domain/account_write.h"
#include "domain/core_client.h"
#include "domain_fixture.h"

using namespace clinic::server;
using namespace clinic::server::testing;
using boost::json::array;
using boost::json::object;

namespace {

VisitInput visit(const ClinicFixture& f, int64_t member, const std::string& ref, int64_t at_ms,
                 array items = array{object{{"sku", "SVC-CHECKUP"}, {"qty", 1}}}) {
  VisitInput in;
  in.clinic_id = f.clinic;
  in.member_id = member;
  in.visit_ref = ref;
  for (auto& it : items) {  // as read_visit_input leaves them: qty always present
    if (!it.as_object().contains("qty")) it.as_object()["qty"] = 1;
  }
  in.items = std::move(items);
  in.at_ms = at_ms;
  return in;
}

// As the desk route runs it: planned on a snapshot, committed by the writer.
object confirm(ClinicFixture& f, const VisitInput& in) {
  return account_write(
      *f.store, [&](Repos& r) { return plan_visit(r, in, "en"); },
      [&](Repos& r, std::shared_ptr<VisitPlan>& p) { return commit_visit(r, *p); });
}

object refund(ClinicFixture& f, int64_t clinic, int64_t visit_id, int64_t at_ms) {
  return account_write(
      *f.store, [&](Repos& r) { return plan_refund(r, clinic, visit_id, at_ms, "en"); },
      [&](Repos& r, std::shared_ptr<RefundPlan>& p) { return commit_refund(r, *p); });
}

int64_t visit_id(const object& confirmed) {
  return confirmed.at("visit").as_object().at("id").as_int64();
}

// Binds `invitee` to `inviter` in a referral campaign, as the login route does.
void bind(ClinicFixture& f, int64_t invitee, int64_t inviter, const std::string& campaign) {
  f.store->write([&](Repos& r) {
    object res =
        core_call_rules("referral.bind", f.rules,
                        object{{"campaign_id", campaign},
                               {"inviter", object{{"member_id", member_ref(inviter)}, {"staff", false}}},
                               {"invitee", object{{"member_id", member_ref(invitee)}, {"registered_at_ms", kT0}}},
                               {"shared_at_ms", kT0},
                               {"at_ms", kT0}},
                        "en");
    r.referrals().insert_binding(BindingRow{invitee, inviter, campaign, boost::json::serialize(res["binding"]), kT0});
  });
}

// Redeems a catalogue coupon for the member (who must have the points) and stores it.
std::string give_coupon(ClinicFixture& f, int64_t member, const std::string& catalogue_id, int64_t at_ms) {
  object out =
      f.apply(member, "coupon.redeem",
              object{{"catalogue_id", catalogue_id}, {"redemption_id", "rd-" + catalogue_id}, {"at_ms", at_ms}});
  const object& coupon = out["coupon"].as_object();
  CouponRow row;
  row.code = std::string(coupon.at("code").as_string());
  row.member_id = member;
  row.clinic_id = f.clinic;
  row.catalogue_id = catalogue_id;
  row.coupon = boost::json::serialize(coupon);
  row.status = "issued";
  row.created_at_ms = at_ms;
  f.store->write([&](Repos& r) { r.coupons().insert_coupon(row); });
  return row.code;
}

std::optional<VisitRow> visit_row(ClinicFixture& f, int64_t id) {
  return f.store->read([&](Repos& r) { return r.visits().visit_by_id(id); });
}

constexpr int64_t kWeekLater = kT0 + 8 * kDayMs;

}  // namespace

TEST_SUITE("visit service") {
  TEST_CASE("the confirm body: member, visit_ref, items (qty defaults to 1), coupons, paid") {
    object body{{"member_id", 7},
                {"visit_ref", "R-1"},
                {"paid", true},
                {"items", array{object{{"sku", "SVC-BP"}}, object{{"sku", "RX-METFORMIN"}, {"qty", 3}}}},
                {"coupon_codes", array{"AAAA-BBBB-CCCC"}},
                {"patient_id", 4}};
    VisitInput in = read_visit_input(body, 2, 1'000, true);
    CHECK(in.clinic_id == 2);
    CHECK(in.member_id == 7);
    CHECK(in.visit_ref == "R-1");
    CHECK(in.at_ms == 1'000);
    REQUIRE(in.items.size() == 2);
    CHECK(in.items[0].as_object().at("qty") == 1);
    CHECK(in.items[1].as_object().at("qty") == 3);
    CHECK(in.coupon_codes == std::vector<std::string>{"AAAA-BBBB-CCCC"});
    CHECK(in.patient_id == 4);
    // A preview has no visit_ref and no paid flag.
    VisitInput preview =
        read_visit_input(object{{"member_id", 7}, {"items", array{object{{"sku", "SVC-BP"}}}}}, 2, 1, false);
    CHECK(preview.visit_ref.empty());
    CHECK_FALSE(preview.patient_id);
  }

  TEST_CASE("the confirm body is refused: unpaid, empty ref, empty cart, unknown fields, bad qty") {
    auto refused = [](object body, bool with_ref = true) {
      return api_error([&] { read_visit_input(body, 1, 1, with_ref); });
    };
    array cart{object{{"sku", "SVC-BP"}}};
    ApiError unpaid = refused(object{{"member_id", 1}, {"visit_ref", "R"}, {"paid", false}, {"items", cart}});
    CHECK(unpaid.field == "$.paid");
    CHECK(refused(object{{"member_id", 1}, {"visit_ref", "R"}, {"items", cart}}).field == "$.paid");
    ApiError empty_ref = refused(object{{"member_id", 1}, {"visit_ref", ""}, {"paid", true}, {"items", cart}});
    CHECK(empty_ref.code == "missing_field");
    CHECK(empty_ref.field == "$.visit_ref");
    CHECK(refused(object{{"member_id", 1}, {"visit_ref", "R"}, {"paid", true}, {"items", array()}}).field == "$.items");
    CHECK(refused(object{{"member_id", 1}, {"items", cart}, {"price", 1}}, false).field == "$.price");
    CHECK(refused(object{{"member_id", 1}, {"items", cart}, {"paid", true}}, false).field == "$.paid");
    CHECK(refused(object{{"member_id", 0}, {"items", cart}}, false).field == "$.member_id");
    CHECK(refused(object{{"member_id", 1}, {"items", array{object{{"sku", "SVC-BP"}, {"qty", 0}}}}}, false).field ==
          "$.items[0].qty");
    CHECK(
        refused(object{{"member_id", 1}, {"items", array{object{{"sku", "SVC-BP"}, {"qty", nullptr}}}}}, false).field ==
        "$.items[0].qty");
  }

  TEST_CASE("a preview prices the cart and stores nothing") {
    ClinicFixture f;
    int64_t m = f.member("o1");
    object out = f.store->read([&](Repos& r) {
      return preview_visit(
          r, visit(f, m, "", kT0, array{object{{"sku", "SVC-CHECKUP"}}, object{{"sku", "SVC-BP"}, {"qty", 2}}}), "en");
    });
    CHECK(out["total_fen"] == 32'000);
    CHECK(out["payable_fen"] == 32'000);
    CHECK(out["points"].as_object().at("points") == 320);
    CHECK(out["rule_version"] == f.rules.version);
    CHECK(f.totals(m).entries == 0);
    CHECK(f.account_version(m) == 0);
    CHECK_FALSE(f.store->read([&](Repos& r) { return r.visits().visits_of(m); }).size());
  }

  TEST_CASE("a confirm stores the visit and its pending points in one write") {
    ClinicFixture f;
    int64_t m = f.member("o1");
    object out = confirm(f, visit(f, m, "R1", kT0));
    const object& v = out["visit"].as_object();
    CHECK(v.at("status") == "confirmed");
    CHECK(std::string(v.at("event_id").as_string()) == "visit:" + std::to_string(f.clinic) + ":R1");
    CHECK(v.at("payable_fen") == 30'000);
    CHECK(v.at("points") == 300);
    CHECK(out["referral"].as_object().at("rewarded") == false);
    auto row = visit_row(f, visit_id(out));
    REQUIRE(row);
    CHECK(row->visit_ref == "R1");
    CHECK(parse_stored(row->priced).as_object().at("payable_fen") == 30'000);
    CHECK(f.totals(m).entries == 1);
    CHECK(f.balance(m, kT0 + 1)["pending"] == 300);
    CHECK(f.available(m, kWeekLater) == 300);
  }

  TEST_CASE("the same visit_ref twice is one visit: the second confirm is a conflict that changes nothing") {
    ClinicFixture f;
    int64_t m = f.member("o1");
    confirm(f, visit(f, m, "R1", kT0));
    int64_t version = f.account_version(m);
    ApiError e = api_error([&] { confirm(f, visit(f, m, "R1", kT0 + 1'000)); });
    CHECK(e.code == "conflict");
    CHECK(e.field == "$.visit_ref");
    CHECK(f.store->read([&](Repos& r) { return r.visits().visits_of(m); }).size() == 1);
    CHECK(f.totals(m).entries == 1);
    CHECK(f.account_version(m) == version);
    // The same ref with another cart is still the same order.
    CHECK(api_error([&] {
            confirm(f, visit(f, m, "R1", kT0 + 2'000, array{object{{"sku", "SVC-BP"}}}));
          }).code == "conflict");
  }

  TEST_CASE("two plans of one visit_ref on the same snapshot: the writer stores the first only") {
    ClinicFixture f;
    int64_t m = f.member("o1");
    auto a = f.store->read([&](Repos& r) { return plan_visit(r, visit(f, m, "R1", kT0), "en"); });
    auto b = f.store->read([&](Repos& r) { return plan_visit(r, visit(f, m, "R1", kT0), "en"); });
    f.store->write([&](Repos& r) { return commit_visit(r, *a); });
    ApiError e = api_error([&] { f.store->write([&](Repos& r) { return commit_visit(r, *b); }); });
    CHECK(e.code == "conflict");
    CHECK(f.totals(m).entries == 1);
    CHECK(f.balance(m, kT0 + 1)["pending"] == 300);
  }

  TEST_CASE("two visits of one member planned on the same snapshot: the second is stale, then computed again") {
    ClinicFixture f;
    int64_t m = f.member("o1");
    auto a = f.store->read([&](Repos& r) { return plan_visit(r, visit(f, m, "R1", kT0), "en"); });
    auto b = f.store->read([&](Repos& r) { return plan_visit(r, visit(f, m, "R2", kT0), "en"); });
    f.store->write([&](Repos& r) { return commit_visit(r, *a); });
    CHECK_THROWS_AS(f.store->write([&](Repos& r) { return commit_visit(r, *b); }), StaleAccount);
    CHECK(f.store->read([&](Repos& r) { return r.visits().visits_of(m); }).size() == 1);
    confirm(f, visit(f, m, "R2", kT0));  // through account_write: planned again
    CHECK(f.balance(m, kT0 + 1)["pending"] == 600);
    CHECK(f.verify().differences.empty());
  }

  TEST_CASE("the same visit_ref at another clinic is another visit") {
    ClinicFixture f;
    int64_t m = f.member("o1");
    int64_t east = f.clinic;
    int64_t west = f.store->write([&](Repos& r) { return f.add_clinic(r, "west"); });
    confirm(f, visit(f, m, "R1", kT0));
    VisitInput there = visit(f, m, "R1", kT0 + 1);
    there.clinic_id = west;
    object out = confirm(f, there);
    CHECK(std::string(out["visit"].as_object().at("event_id").as_string()) == "visit:" + std::to_string(west) + ":R1");
    CHECK(out["visit"].as_object().at("clinic_id") == west);
    CHECK(f.store->read([&](Repos& r) { return r.visits().visit_by_ref(east, "R1"); })->id != visit_id(out));
    CHECK(f.totals(m).entries == 2);
  }

  TEST_CASE("an unknown sku or member is not_found with its path, and nothing is stored") {
    ClinicFixture f;
    int64_t m = f.member("o1");
    ApiError sku = api_error([&] {
      confirm(
          f, visit(f, m, "R1", kT0, array{object{{"sku", "SVC-BP"}, {"qty", 1}}, object{{"sku", "NOPE"}, {"qty", 1}}}));
    });
    CHECK(sku.code == "not_found");
    CHECK(sku.field == "$.items[1].sku");
    CHECK(api_error([&] { confirm(f, visit(f, 9'999, "R1", kT0)); }).field == "$.member_id");
    int64_t elsewhere = f.store->write([&](Repos& r) { return r.create_org("other", kT0); });
    int64_t stranger = f.member("o2", elsewhere);
    ApiError other_org = api_error([&] { confirm(f, visit(f, stranger, "R1", kT0)); });
    CHECK(other_org.code == "not_found");
    CHECK(other_org.field == "$.member_id");
    f.store->write([&](Repos& r) { r.erase_member(m, kT0); });
    CHECK(api_error([&] { confirm(f, visit(f, m, "R1", kT0)); }).field == "$.member_id");
    CHECK(f.store->read([&](Repos& r) { return r.visits().visit_by_ref(f.clinic, "R1"); }) == std::nullopt);
  }

  TEST_CASE("a coupon is used by the visit once; a refund gives it back") {
    ClinicFixture f;
    int64_t m = f.member("o1");
    confirm(f, visit(f, m, "R0", kT0));  // 300 points, available a week later
    std::string code = give_coupon(f, m, "free_bp", kWeekLater);
    VisitInput in = visit(f, m, "R1", kWeekLater + 1, array{object{{"sku", "SVC-BP"}}, object{{"sku", "SVC-CONSULT"}}});
    in.coupon_codes = {code};
    object out = confirm(f, in);
    CHECK(out["price"].as_object().at("discount_fen") == 1'000);
    CHECK(out["visit"].as_object().at("payable_fen") == 5'000);
    auto coupon = f.store->read([&](Repos& r) { return r.coupons().coupon_by_code(code); });
    CHECK(coupon->status == "used");
    CHECK(coupon->visit_id == visit_id(out));
    in.visit_ref = "R2";
    ApiError again = api_error([&] { confirm(f, in); });
    CHECK(again.code == "conflict");
    CHECK(again.field == "$.coupon_codes[0]");
    refund(f, f.clinic, visit_id(out), kWeekLater + 2);
    coupon = f.store->read([&](Repos& r) { return r.coupons().coupon_by_code(code); });
    CHECK(coupon->status == "issued");
    CHECK_FALSE(coupon->visit_id);
    CHECK(confirm(f, in)["visit"].as_object().at("payable_fen") == 5'000);  // usable again
  }

  TEST_CASE("a coupon of another member or clinic is refused") {
    ClinicFixture f;
    int64_t m = f.member("o1");
    int64_t other = f.member("o2");
    confirm(f, visit(f, m, "R0", kT0));
    std::string code = give_coupon(f, m, "free_bp", kWeekLater);
    VisitInput theirs = visit(f, other, "R1", kWeekLater, array{object{{"sku", "SVC-BP"}}});
    theirs.coupon_codes = {code};
    ApiError e = api_error([&] { confirm(f, theirs); });
    CHECK(e.code == "not_found");
    CHECK(e.field == "$.coupon_codes[0]");
    int64_t west = f.store->write([&](Repos& r) { return f.add_clinic(r, "west"); });
    VisitInput there = visit(f, m, "R1", kWeekLater, array{object{{"sku", "SVC-BP"}}});
    there.clinic_id = west;
    there.coupon_codes = {code};
    CHECK(api_error([&] { confirm(f, there); }).code == "out_of_scope");
    CHECK(f.store->read([&](Repos& r) { return r.coupons().coupon_by_code(code); })->status == "issued");
  }

  TEST_CASE("a refund reverses the visit's points exactly and is refused the second time") {
    ClinicFixture f;
    int64_t m = f.member("o1");
    f.event(m, "register", "register", kT0);
    object out = confirm(f, visit(f, m, "R1", kT0 + 1));
    object back = refund(f, f.clinic, visit_id(out), kT0 + 2);
    CHECK(back["visit"].as_object().at("status") == "refunded");
    CHECK(back["visit"].as_object().at("refunded_at_ms") == kT0 + 2);
    REQUIRE(back["entries"].as_array().size() == 1);
    CHECK(back["entries"].as_array()[0].as_object().at("points") == -300);
    CHECK(f.balance(m, kT0 + 3)["pending"] == 0);
    CHECK(f.available(m, kWeekLater) == 100);
    int64_t version = f.account_version(m);
    ApiError twice = api_error([&] { refund(f, f.clinic, visit_id(out), kT0 + 4); });
    CHECK(twice.code == "conflict");
    CHECK(twice.field == "visit_id");
    CHECK(f.account_version(m) == version);
    CHECK(f.totals(m).entries == 3);
    CHECK(visit_row(f, visit_id(out))->status == "refunded");
    CHECK(f.verify().differences.empty());
  }

  TEST_CASE("two refund plans of one visit: the writer stores the first only") {
    ClinicFixture f;
    int64_t m = f.member("o1");
    int64_t id = visit_id(confirm(f, visit(f, m, "R1", kT0)));
    auto a = f.store->read([&](Repos& r) { return plan_refund(r, f.clinic, id, kT0 + 1, "en"); });
    auto b = f.store->read([&](Repos& r) { return plan_refund(r, f.clinic, id, kT0 + 1, "en"); });
    f.store->write([&](Repos& r) { return commit_refund(r, *a); });
    CHECK(api_error([&] { f.store->write([&](Repos& r) { return commit_refund(r, *b); }); }).code == "conflict");
    CHECK(f.totals(m).entries == 2);
    CHECK(f.totals(m).points == 0);
  }

  TEST_CASE("a refund names only a visit of its clinic") {
    ClinicFixture f;
    int64_t m = f.member("o1");
    int64_t id = visit_id(confirm(f, visit(f, m, "R1", kT0)));
    int64_t west = f.store->write([&](Repos& r) { return f.add_clinic(r, "west"); });
    ApiError e = api_error([&] { refund(f, west, id, kT0 + 1); });
    CHECK(e.code == "not_found");
    CHECK(e.field == "visit_id");
    CHECK(api_error([&] { refund(f, f.clinic, id + 100, kT0 + 1); }).code == "not_found");
    CHECK(visit_row(f, id)->status == "confirmed");
  }

  TEST_CASE("an invitee's first paid visit: the invitee discount and the inviter's reward; later visits neither") {
    ClinicFixture f;
    int64_t inviter = f.member("a");
    int64_t invitee = f.member("b");
    bind(f, invitee, inviter, "invite-2026");
    object first = confirm(f, visit(f, invitee, "R1", kT0 + 1));
    CHECK(first["price"].as_object().at("discount_fen") == 3'000);  // 10% capped at 30 yuan
    CHECK(first["visit"].as_object().at("payable_fen") == 27'000);
    CHECK(first["visit"].as_object().at("rebate") == 1'350);  // 5% of the first paid
    CHECK(first["visit"].as_object().at("rebate_unit") == "fen");
    CHECK(first["referral"].as_object().at("rewarded") == true);
    CHECK(visit_row(f, visit_id(first))->inviter_id == inviter);
    object theirs = f.balance(inviter, kT0 + 2);
    CHECK(theirs["credit_fen"] == 1'350);
    CHECK(theirs["available"] == 200);  // referral_success points
    CHECK(f.store->read([&](Repos& r) { return r.referrals().campaign_used("invite-2026"); }) == 1'350);
    object second = confirm(f, visit(f, invitee, "R2", kT0 + 3));
    CHECK(second["price"].as_object().at("discount_fen") == 0);
    CHECK(second["visit"].as_object().at("rebate") == 0);
    CHECK(second["referral"].as_object().at("rewarded") == false);
    CHECK(f.balance(inviter, kT0 + 4)["credit_fen"] == 1'350);
    CHECK(f.verify().differences.empty());
  }

  TEST_CASE("refunding the invitee's first visit reverses the inviter's reward too") {
    ClinicFixture f;
    int64_t inviter = f.member("a");
    int64_t invitee = f.member("b");
    bind(f, invitee, inviter, "invite-2026");
    int64_t id = visit_id(confirm(f, visit(f, invitee, "R1", kT0 + 1)));
    object back = refund(f, f.clinic, id, kT0 + 2);
    CHECK(back["inviter_entries"].as_array().size() == 2);
    object theirs = f.balance(inviter, kT0 + 3);
    CHECK(theirs["credit_fen"] == 0);
    CHECK(theirs["available"] == 0);
    CHECK(f.store->read([&](Repos& r) { return r.referrals().campaign_used("invite-2026"); }) == 0);
    CHECK_FALSE(f.store->read([&](Repos& r) { return r.visits().has_confirmed_paid_visit(invitee); }));
    CHECK(f.verify().differences.empty());
  }

  TEST_CASE("a first visit with nothing to pay earns the inviter nothing") {
    ClinicFixture f;
    int64_t inviter = f.member("a");
    int64_t invitee = f.member("b");
    bind(f, invitee, inviter, "checkup-points");  // invitee benefit: a free blood-pressure check
    object out = confirm(f, visit(f, invitee, "R1", kT0 + 1, array{object{{"sku", "SVC-BP"}}}));
    CHECK(out["visit"].as_object().at("payable_fen") == 0);
    CHECK(out["referral"].as_object().at("rewarded") == false);
    CHECK(f.totals(inviter).entries == 0);
  }

  // After a manager activates rules with another account basis (tier window, evaluation
  // months, thresholds, offset), a member's stored account is rebuilt where it is read
  // (load_history compares its basis with the rules'), so visit preview, confirm and refund
  // of a member whose account predates the change work without another op first.
  TEST_CASE("visits after rules with another account basis are activated") {
    ClinicFixture f;
    int64_t m = f.member("o1");
    int64_t before = visit_id(confirm(f, visit(f, m, "R0", kT0)));
    f.activate_other_basis_rules(kT0 + 1);
    CHECK(build_missing_accounts(*f.store, kT0 + 2) == 0);
    CHECK_NOTHROW(f.store->read([&](Repos& r) { return preview_visit(r, visit(f, m, "", kT0 + 3), "en"); }));
    CHECK_NOTHROW(confirm(f, visit(f, m, "R1", kT0 + 4)));
    CHECK_NOTHROW(refund(f, f.clinic, before, kT0 + 5));
  }

  TEST_CASE("a check-in under the new rules rebuilds the account; visits work again") {
    ClinicFixture f;
    int64_t m = f.member("o1");
    int64_t before = visit_id(confirm(f, visit(f, m, "R0", kT0)));
    f.activate_other_basis_rules(kT0 + 1);
    f.apply(m, "checkin.apply", object{{"event", object{{"id", "checkin:1"}, {"at_ms", kT0 + 2}}}});
    CHECK(confirm(f, visit(f, m, "R1", kT0 + 3))["visit"].as_object().at("points") == 300);
    CHECK(refund(f, f.clinic, before, kT0 + 4)["visit"].as_object().at("status") == "refunded");
    CHECK(f.verify().differences.empty());
  }
}
