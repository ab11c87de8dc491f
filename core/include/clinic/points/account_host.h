// For hosts that keep ledgers (the server): the reference replay called in-process with
// typed arguments, outside the command API and its 1 MiB request limit (a member's whole
// history can be far larger). Same code as the account.replay op.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "clinic/error.h"
#include "clinic/points/rules.h"

namespace clinic::points {

struct Rules;
// Parses and validates a points_rules document once (a host caches the result per version).
// Errors: invalid_rules with the JSON path, bad_json.
Result<Rules> parse_rules_document(std::string_view document);

// What an account was computed under (the offset and tier policy of the rules): an account
// whose "basis" differs must be rebuilt from the ledger before these rules can use it (the
// ops refuse it with 409 conflict at $.account). Lets a host check before calling.
std::string account_basis(const Rules& rules);

struct StoredReplay {
  std::string account;  // member_account JSON
  std::string fates;    // {"<entry id>": expired points}
};

// `rules_document`: a points_rules document (JSON text); `entries`: stored ledger entries
// (one JSON object text each), oldest first. Errors: invalid_rules, bad_json, invalid_field.
Result<StoredReplay> replay_stored(std::string_view rules_document, const std::vector<std::string>& entries);

// The source credits (ledger entry ids) named by a spend's takes as an account's "spends"
// write them ("takes"). A host that keeps spends apart from the account gives an op the takes
// of a spend it may reverse and, in `related`, the reverse entries naming these credits.
// Errors: invalid_field (the text is not as the codec writes it).
Result<std::vector<std::string>> spend_sources(std::string_view takes);

// Points expired by each instant, as points.balance answers for the ledger at that instant
// (entries dated later left out). For reports over long histories.
Result<std::vector<int64_t>> expired_at_instants(std::string_view rules_document,
                                                 const std::vector<std::string>& entries,
                                                 const std::vector<int64_t>& instants);

}  // namespace clinic::points
