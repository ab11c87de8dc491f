// Helpers shared by the patient and desk routes for the points engine: the active rule
// version of a clinic, a member's ledger as the core wants it, and appending what the
// core returned. All of them take the Repos of the current Store job; called inside
// Store::write they read and write in the same transaction (the one write connection
// serializes every credit, redemption and visit per member by construction).
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "domain/account_service.h"
#include "store/repositories.h"

namespace clinic::server {

inline constexpr const char* kPointsRulesKind = "points";
inline constexpr int64_t kDayMs = 86'400'000;

// The clinic's active points_rules version; throws not_found when none is active.
RuleVersion active_points_rules(Repos& r, int64_t clinic_id);
// Appends the core's entries (in order) to the member's ledger; returns how many were new.
int append_entries(Repos& r, int64_t member_id, int64_t clinic_id, int64_t rule_version_id,
                   const boost::json::array& entries);
// The member id as the core sees it ("m12").
std::string member_ref(int64_t member_id);
// Parses stored JSON text (documents, entries); throws internal on corruption.
boost::json::value parse_stored(const std::string& text);
// The organization's first clinic: the patient's default clinic.
int64_t default_clinic(Repos& r, int64_t org_id);
// A points op computed on a read snapshot (Store::read, on the worker): the member's history
// as read (account version included) and the core's answer ("account" and "lot_fates"
// included). The core's refusal is thrown as an ApiError. An account computed under another
// rules basis is rebuilt from the ledger once.
struct MemberOp {
  int64_t member_id = 0;
  int64_t clinic_id = 0;
  int64_t rule_version_id = 0;
  History history;
  boost::json::object out;
};
// The op's times ("at_ms" of the arguments, of "event" and of "refund") are raced_time'd
// against the account. `loaded`: the member's history when the caller already read it.
MemberOp compute_member_op(Repos& r, const std::string& op, int64_t member_id, int64_t clinic_id,
                           const RuleVersion& rules, boost::json::object args, const std::string& lang,
                           std::optional<History> loaded = std::nullopt);
// Inside Store::write: throws StaleAccount (account_service.h) unless the member's account is
// still the one the op was computed from; then appends the entries and stores the next
// account and fates. Returns the op's answer without "account" and "lot_fates". Leaves `op`
// unchanged: a write job may run more than once (a PostgreSQL serialization retry).
boost::json::object commit_member_op(Repos& r, const MemberOp& op);

// Both on the same Repos: for jobs that already run in the writer (setup, tools, the fault
// suite's ledger writer), never for requests.
boost::json::object apply_member_op(Repos& r, const std::string& op, int64_t member_id, int64_t clinic_id,
                                    boost::json::object args, const std::string& lang);

}  // namespace clinic::server
