// The stored form of a member account (issue 16): the core's account JSON without its two
// chunked lists (open lots, tier window) as the head row, and each chunk as a row of its own.
// A year of daily check-ins is ~366 open lots, an 18 KB account; a check-in changes the chunk
// its lot joins and the window chunk of its instant, so a write rewrites those rows and the
// head, not the whole account. The chunks' layout is the core's (docs/member-account.md): a
// chunk is a string whose first token is its key; a list is its chunks in key order.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "store/account_repo.h"

namespace clinic::server {

// (list, key) -> chunk text: the chunk rows of one account.
using AccountChunkMap = std::map<std::pair<std::string, int64_t>, std::string>;

struct SplitAccount {
  std::string head;  // the account JSON without "lots" and "tier"."window"
  AccountChunkMap chunks;
};

SplitAccount split_account(const boost::json::value& account);
// The account the head and chunk rows hold; throws internal when they are corrupt.
boost::json::value join_account(const std::string& head, const std::vector<AccountChunk>& chunks);
AccountChunkMap chunk_map(const std::vector<AccountChunk>& chunks);
// The rows to write and to delete to go from `stored` to `next`.
AccountChunkChanges chunk_changes(const AccountChunkMap& stored, AccountChunkMap next);

}  // namespace clinic::server
