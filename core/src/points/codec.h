// JSON <-> points/referral structs, used only by the op handlers (the engines never
// see JSON). Readers record the first problem with its JSON path in the ReadContext.
// rules_codec.cpp: rules documents, the request's rules and error; ledger_codec.cpp: ledger
// entries and a member's history; event_codec.cpp: events, carts, coupons, reasons;
// balance_codec.cpp: balances; account_codec.cpp: accounts, inviter figures, lot fates.
#pragma once

#include <boost/json/value.hpp>

#include <string>
#include <vector>

#include "clinic/command.h"
#include "clinic/json_reader.h"
#include "clinic/points/account.h"
#include "clinic/points/earning.h"
#include "clinic/points/ledger.h"
#include "clinic/points/member_view.h"
#include "clinic/points/pricing.h"
#include "clinic/points/rules.h"

namespace clinic::points::codec {

// The ledger form is replayed linearly; the request size is the only bound.
inline constexpr size_t kMaxLedgerEntries = 10'000'000;
inline constexpr size_t kMaxCartItems = 200;
inline constexpr size_t kMaxIdBytes = 128;  // event, redemption and member ids

// Reads + validates a rule document (object or JSON text) at `field`. Any problem is
// an invalid_rules error naming the JSON path.
Result<Rules> read_rules(const JsonReader& field);
// The request's rules: the host's parsed rules (OpRequest::rules) or the "rules" field read.
Result<Rules> rules_of(const OpRequest& req);

std::vector<Entry> read_ledger(const JsonReader& field);  // absent = empty ledger
boost::json::array write_entries(const std::vector<Entry>& entries);
boost::json::object write_entry(const Entry& e);

Benefit read_benefit(const JsonReader& field, bool allow_min_spend);
std::vector<CartItem> read_items(const JsonReader& field);
std::vector<IssuedCoupon> read_coupons(const JsonReader& field);  // absent = none
IssuedCoupon read_coupon(const JsonReader& field);
boost::json::object write_coupon(const IssuedCoupon& c, const OpRequest& req);
boost::json::object write_benefit(const Benefit& b);

// {"id","type","at_ms", items/coupons/invitee_discount for visit_completed}.
Event read_event(const JsonReader& field);
// An earning event or {"id","type":"cancel","at_ms","target_event_id"}.
struct AnyEvent {
  Event event;
  std::string cancel_target;  // non-empty for a cancel
};
AnyEvent read_any_event(const JsonReader& field);

boost::json::array write_reasons(const std::vector<Reason>& reasons, const OpRequest& req);
// available/pending/expired/debt/expiring/lifetime/credit/tier+progress, replayed at
// now_ms or the latest entry's time, whichever is later (an op's answer never hides
// an entry dated a moment after the event). points.balance passes exact_now: the instant asked.
boost::json::object write_balance(const Rules& rules, const Account& account, int64_t now_ms, int32_t expiring_days,
                                  const OpRequest& req);

boost::json::object write_account(const Account& a);
boost::json::object write_figures(const InviterFigures& f);
InviterFigures read_figures(const JsonReader& field);
Account read_account(const JsonReader& field);
// The schema_version an account document says it has (0 when it says none).
int account_schema_version(const JsonReader& field);
LotFates read_fates(const JsonReader& field);
boost::json::object write_fates(const LotFates& fates);

// A member's history as an op receives it: the whole "ledger" (replayed here, linearly), or
// the member's "account" + the "related" entries the op needs (looked up by event id) +
// "lot_fates" of the related credits. `until_ms`: replay only entries dated up to then.
struct MemberInput {
  bool account_form = false;
  Account account;
  Related related;  // ledger form: the whole ledger, and the fates its replay found
};
struct MemberKeys {
  std::string_view ledger = "ledger", account = "account", related = "related", fates = "lot_fates";
};
MemberInput read_member(const JsonReader& root, const Rules& rules, MemberKeys keys = {}, int64_t until_ms = INT64_MAX);
// Folds an op's new entries into the member's account and returns the lot fate changes.
// Refuses (missing_field at $.<account key>.spends) entries that reverse a spend whose takes
// the account was not given: the points could not be given back where they came from.
Result<LotFates> fold_member(const Rules& rules, MemberInput& m, const std::vector<Entry>& entries,
                             std::string_view account_key = "account");
// Refuses an account event dated before the account's newest entry (caps and streaks
// are kept for the current periods only).
void check_event_time(const JsonReader& at_field, const MemberInput& m, int64_t at_ms);

// Returns the context's error, turning field errors inside a rule document into invalid_rules.
Error take_error(const OpRequest& req);

}  // namespace clinic::points::codec
