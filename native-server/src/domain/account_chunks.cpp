#include "domain/account_chunks.h"

#include <charconv>

#include "domain/ledger_service.h"
#include "errors.h"

namespace clinic::server {

using boost::json::array;
using boost::json::object;
using boost::json::value;

namespace {

// One list of chunks per name: where it sits in the account.
struct ChunkedList {
  const char* name;
  const char* parent;  // nullptr: at the top of the account
};
constexpr ChunkedList kLists[] = {{"lots", nullptr}, {"window", "tier"}};

object* parent_of(object& account, const ChunkedList& list) {
  if (!list.parent) return &account;
  value* p = account.if_contains(list.parent);
  return p ? p->if_object() : nullptr;
}

[[noreturn]] void corrupt(const std::string& what) {
  throw ApiError("internal", {"内部错误：会员账户存储损坏", "the stored member account is corrupt"}, what);
}

int64_t chunk_key(const std::string& list, std::string_view text) {
  int64_t key = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), key);
  if (ec != std::errc() || end == text.data()) corrupt("$." + list);
  return key;
}

}  // namespace

SplitAccount split_account(const value& account) {
  SplitAccount out;
  object head = account.as_object();
  for (const ChunkedList& list : kLists) {
    object* parent = parent_of(head, list);
    if (!parent) continue;
    if (const value* items = parent->if_contains(list.name)) {
      for (const value& c : items->as_array()) {
        std::string text(c.as_string());
        int64_t key = chunk_key(list.name, text);
        out.chunks.emplace(std::make_pair(std::string(list.name), key), std::move(text));
      }
    }
    parent->erase(list.name);
  }
  out.head = boost::json::serialize(head);
  return out;
}

value join_account(const std::string& head, const std::vector<AccountChunk>& chunks) {
  value v = parse_stored(head);
  object* account = v.if_object();
  if (!account) corrupt("$");
  for (const ChunkedList& list : kLists) {
    object* parent = parent_of(*account, list);
    if (!parent) continue;
    array items;
    for (const AccountChunk& c : chunks) {  // by list, then key
      if (c.list == list.name) items.push_back(value(c.text));
    }
    (*parent)[list.name] = std::move(items);
  }
  return v;
}

AccountChunkMap chunk_map(const std::vector<AccountChunk>& chunks) {
  AccountChunkMap out;
  for (const AccountChunk& c : chunks) out.emplace(std::make_pair(c.list, c.key), c.text);
  return out;
}

AccountChunkChanges chunk_changes(const AccountChunkMap& stored, AccountChunkMap next) {
  AccountChunkChanges out;
  for (const auto& [k, text] : stored) {
    if (!next.count(k)) out.drop.push_back(AccountChunk{k.first, k.second, {}});
  }
  for (auto& [k, text] : next) {
    auto it = stored.find(k);
    if (it == stored.end() || it->second != text) out.put.push_back(AccountChunk{k.first, k.second, std::move(text)});
  }
  return out;
}

}  // namespace clinic::server
