// The registry: every op the core answers, in one place. An engine adds its rows
// here and declares its handlers in its own header.
#include "clinic/command.h"
#include "member_code/member_code_ops.h"
#include "ops/core_ops.h"
#include "points/ops.h"
#include "referral/referral_ops.h"
#include "triage/triage_ops.h"

namespace clinic {

const std::vector<OpInfo>& op_table() {
  static const std::vector<OpInfo> kOps = {
      {"core.version", 1, 1, &ops::core_version, "build id, op list and rule-schema versions"},
      {"calendar.local", 1, 1, &ops::calendar_local, "instant + UTC offset -> clinic-local date, day number, weekday"},
      {"money.allocate", 1, 1, &ops::money_allocate, "split fen over weights exactly (largest remainder)"},
      {"points.preview", 1, 1, &points::ops::points_preview, "what an event would earn for a member, with reasons"},
      {"points.apply", 1, 1, &points::ops::points_apply,
       "ledger or account + event (or cancel) -> new entries, balance (+ next account)"},
      {"points.balance", 1, 1, &points::ops::points_balance, "replay a ledger: available, pending, expiring, tier"},
      {"checkin.apply", 1, 1, &points::ops::checkin_apply, "daily check-in: streak, badges, no double credit"},
      {"coupon.redeem", 1, 1, &points::ops::coupon_redeem, "spend points on a catalogue coupon (code from caller id)"},
      {"coupon.validate", 1, 1, &points::ops::coupon_validate, "check an issued coupon against a cart"},
      {"visit.price", 1, 1, &points::ops::visit_price, "cart + coupons + invitee benefit -> payable, points, rebates"},
      {"visit.refund", 1, 1, &points::ops::visit_refund, "reverse what a visit created (member + inviter ledgers)"},
      {"referral.bind", 1, 1, &referral::ops::bind, "bind an invitee to an inviter (first touch, window)"},
      {"referral.settle", 1, 1, &referral::ops::settle, "inviter reward on the invitee's first paid visit"},
      {"account.replay", 1, 1, &points::ops::account_replay,
       "ledger -> the member's account + lot fates (the reference the stored account must equal)"},
      {"account.apply", 1, 1, &points::ops::account_apply,
       "account + new ledger entries (+ related, lot fates) -> the next account + lot fate increments"},
      {"account.figures", 1, 1, &points::ops::account_figures,
       "account -> only what the rebate rules need about an inviter (for a preview)"},
      {"rules.validate", 1, 1, &points::ops::rules_validate, "validate a points_rules document"},
      {"rules.simulate", 1, 1, &points::ops::rules_simulate, "candidate vs current rules over past events"},
      {"triage.catalog", 1, 1, &triage::ops::catalog,
       "triage complaints (names, synonyms, age bands), departments, levels"},
      {"triage.match", 1, 1, &triage::ops::match, "free text (zh/en) -> ranked triage complaints"},
      {"triage.start", 1, 1, &triage::ops::start, "complaint + patient -> first question and the session state"},
      {"triage.answer", 1, 1, &triage::ops::answer, "session state + answer -> next question or the outcome"},
      {"triage.evaluate", 1, 1, &triage::ops::evaluate, "all answers at once -> outcome + path (server verification)"},
      {"triage.lint", 1, 1, &triage::ops::lint, "static checks and exhaustive walk of the triage protocols"},
      {"member_code.totp", 1, 1, &member_code::ops::totp, "offline member code: secret + time -> RFC 6238 code"},
  };
  return kOps;
}

}  // namespace clinic
