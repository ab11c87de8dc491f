// A clinic on a real SQLite store for the domain unit tests (visits, ledger service,
// idempotency, auth): an organization, a clinic with the demo points rules active, members,
// and small helpers to run the points ops the routes run. Times are explicit instants.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "domain/ledger_service.h"
#include "errors.h"
#include "privacy/vault.h"
#include "store/store.h"
#include "test_support.h"

namespace clinic::server::testing {

// 2026-03-02T00:00:00Z (08:00 in the clinic, UTC+8): inside the demo referral campaigns.
inline constexpr int64_t kT0 = 1'772'409'600'000;

inline std::string demo_rules_text() {
  std::ifstream in(std::string(CLINIC_SOURCE_DIR) + "/core/rules/demo-clinic-rules.json");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `f`, which must throw an ApiError; returns it (an empty internal error when it did not).
template <class F>
ApiError api_error(F&& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e;
  }
  FAIL_CHECK("expected an ApiError");
  return ApiError("internal", {"", "no error"});
}

struct ClinicFixture {
  std::string dir = temp_dir();
  Vault vault{std::string(32, 'k')};
  std::unique_ptr<Store> store;
  int64_t org = 0, clinic = 0;
  RuleVersion rules;

  ClinicFixture() {
    open();
    store->write([&](Repos& r) {
      org = r.create_org("o", kT0);
      clinic = add_clinic(r, "c");
    });
    rules = store->read([&](Repos& r) { return active_points_rules(r, clinic); });
  }
  void open() { store = std::make_unique<Store>(StoreOptions{dir + "/d.db", "NORMAL", 2, 512}, vault, kT0); }
  // A clinic of the organization with the demo points rules active.
  int64_t add_clinic(Repos& r, const std::string& name) {
    int64_t c = r.create_clinic(org, name, 480, kT0);
    RuleVersion v = r.add_rule_version(c, kPointsRulesKind, demo_rules_text(), std::nullopt, kT0);
    r.activate_rule_version(c, v.kind, v.version);
    return c;
  }
  // Activates the demo rules with a 180-day tier window (another account basis than the
  // demo's 365 days) at the fixture's clinic. The server caches parsed rules per process by
  // the version's row id (domain/core_client.cpp), unique within one database; the suites open
  // many databases, where ids 1-2 hold the demo document, so padding rows give this document
  // an id of its own (the same in every test).
  void activate_other_basis_rules(int64_t at_ms) {
    std::string text = demo_rules_text();
    const std::string from = "\"window_days\": 365", to = "\"window_days\": 180";
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), to);
    rules = store->write([&](Repos& r) {
      for (int i = 0; i < 100; ++i) r.add_rule_version(clinic, "padding", "{}", std::nullopt, at_ms);
      RuleVersion v = r.add_rule_version(clinic, kPointsRulesKind, text, std::nullopt, at_ms);
      r.activate_rule_version(clinic, v.kind, v.version);
      return v;
    });
    REQUIRE(rules.id == 102);
  }
  int64_t member(const std::string& openid, int64_t in_org = 0) {
    return store->write([&](Repos& r) {
      return r.upsert_member_login(in_org ? in_org : org, openid, std::nullopt, "sk", kT0).member.id;
    });
  }
  // A points op as one writer job (plan and commit on the same Repos).
  boost::json::object apply(int64_t member_id, const std::string& op, boost::json::object args) {
    return store->write([&](Repos& r) { return apply_member_op(r, op, member_id, clinic, std::move(args), "en"); });
  }
  boost::json::object event(int64_t member_id, const std::string& id, const std::string& type, int64_t at_ms) {
    return apply(member_id, "points.apply",
                 boost::json::object{{"event", boost::json::object{{"id", id}, {"type", type}, {"at_ms", at_ms}}}});
  }
  boost::json::object balance(int64_t member_id, int64_t now_ms) {
    return store->read([&](Repos& r) { return member_balance(r, member_id, rules, now_ms, "en"); });
  }
  int64_t available(int64_t member_id, int64_t now_ms) {
    return balance(member_id, now_ms)["available"].to_number<int64_t>();
  }
  LedgerTotals totals(int64_t member_id) {
    return store->read([&](Repos& r) { return r.ledger_totals(member_id); });
  }
  int64_t account_version(int64_t member_id) {
    return store->read([&](Repos& r) { return r.accounts().account_version(member_id); });
  }
  AccountCheck verify() {
    return store->read([&](Repos& r) { return verify_accounts(r); });
  }
};

}  // namespace clinic::server::testing
