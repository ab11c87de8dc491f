#include "domain/account_service.h"

#include <algorithm>
#include <charconv>
#include <string_view>

#include "clinic/points/account.h"
#include "clinic/points/account_host.h"

#include "domain/core_client.h"
#include "domain/ledger_service.h"
#include "errors.h"
#include "log.h"
#include "store/store.h"

namespace clinic::server {

using boost::json::array;
using boost::json::object;
using boost::json::value;

namespace {

array entries_json(const std::vector<LedgerEntry>& rows) {
  array out;
  for (const LedgerEntry& e : rows) out.push_back(parse_stored(e.entry));
  return out;
}

// The whole stored ledger, oldest first, as entry texts.
std::vector<std::string> stored_entries(Repos& r, int64_t member_id) {
  std::vector<std::string> out;
  int64_t after = 0;
  for (;;) {
    auto page = r.ledger_entries(member_id, after, 5000);
    for (LedgerEntry& e : page) out.push_back(std::move(e.entry));
    if (page.size() < 5000) break;
    after = page.back().id;
  }
  return out;
}

// The reference replay of a member's whole ledger, in-process and typed (a long history
// is far beyond the command API's 1 MiB request limit).
object replay_ledger(Repos& r, int64_t member_id, const RuleVersion& rules, int64_t* entries = nullptr) {
  std::vector<std::string> texts = stored_entries(r, member_id);
  if (entries) *entries = static_cast<int64_t>(texts.size());
  auto out = points::replay_stored(rules.document, texts);
  if (!out.ok()) {
    const Error& e = out.error();
    throw ApiError(std::string(error_code_name(e.code)), Text{e.message_zh, e.message_en}, e.path);
  }
  return object{{"account", parse_stored(out->account)}, {"lot_fates", parse_stored(out->fates)}};
}

// An account written by this core's account schema (an older one is rebuilt from the ledger).
bool current_schema(const value& account) {
  const object* o = account.if_object();
  const value* v = o ? o->if_contains("schema_version") : nullptr;
  return v && v->is_int64() && v->get_int64() == points::kAccountSchemaVersion;
}

// Computed under the offset and tier policy of `rules` (after a manager activates rules with
// another basis, every op would refuse the stored account until it is rebuilt).
bool same_basis(const value& account, const RuleVersion& rules) {
  const object* o = account.if_object();
  const value* b = o ? o->if_contains("basis") : nullptr;
  return b && b->is_string() && b->get_string() == account_basis(rules);
}

void rebuild(Repos& r, History& h, const RuleVersion& rules) {
  object out = replay_ledger(r, h.member_id, rules);
  h.account = out["account"];
  h.all_fates = out["lot_fates"].as_object();
  h.rebuilt = true;
  h.last_entry_id = r.accounts().last_ledger_id(h.member_id);
}

// The chunk arrays of an account JSON: "lots" and "tier"."window" (null when absent).
boost::json::array* chunk_array(object& account, int part) {
  if (part == kLotChunks) return account.contains("lots") ? account["lots"].if_array() : nullptr;
  object* tier = account.contains("tier") ? account["tier"].if_object() : nullptr;
  return tier && tier->contains("window") ? (*tier)["window"].if_array() : nullptr;
}

// A chunk's key: the first number of its text (how the core keys it).
int64_t chunk_key(std::string_view text) {
  int64_t key = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), key);
  if (ec != std::errc() || (end != text.data() + text.size() && *end != ' ')) {
    throw ApiError("internal", {"内部错误：会员账户分块无法识别", "an account chunk has no key"});
  }
  return key;
}

// The order chunks are stored and compared in: by part, then by key.
bool chunk_before(const AccountChunk& a, const AccountChunk& b) {
  return a.part != b.part ? a.part < b.part : a.key < b.key;
}

// The chunks of one chunk array, in its order (the core writes them by key).
void take_chunks(const value& array, int part, std::vector<AccountChunk>& chunks) {
  if (!array.is_array()) return;
  for (const value& v : array.get_array()) {
    std::string text(v.as_string());
    int64_t key = chunk_key(text);
    chunks.push_back(AccountChunk{part, key, std::move(text)});
  }
}

// The spends of an account JSON: entry id -> takes.
std::map<std::string, std::string> spends_of(const value& account) {
  std::map<std::string, std::string> out;
  const object* o = account.if_object();
  const value* spends = o ? o->if_contains("spends") : nullptr;
  if (!spends || !spends->is_array()) return out;
  for (const value& s : spends->get_array()) {
    out[std::string(s.at("entry_id").as_string())] = std::string(s.at("takes").as_string());
  }
  return out;
}

// The event of a ledger entry id ("<event>#n").
std::string_view event_of(std::string_view entry_id) {
  size_t hash = entry_id.rfind('#');
  return hash == std::string_view::npos ? entry_id : entry_id.substr(0, hash);
}

// The account JSON without its chunks (moved into `chunks`, by part and key) and without its
// spends (kept in rows of their own).
std::string split_account(const value& account, std::vector<AccountChunk>& chunks) {
  object hot;
  for (const auto& [k, v] : account.as_object()) {
    if (k == "spends") {
      hot.emplace(k, boost::json::array());
    } else if (k == "lots") {
      take_chunks(v, kLotChunks, chunks);
      hot.emplace(k, boost::json::array());
    } else if (k == "tier" && v.is_object()) {
      object tier;
      for (const auto& [tk, tv] : v.get_object()) {
        if (tk == "window") take_chunks(tv, kWindowChunks, chunks);
        tier.emplace(tk, tk == "window" ? value(boost::json::array()) : tv);
      }
      hot.emplace(k, std::move(tier));
    } else {
      hot.emplace(k, v);
    }
  }
  std::sort(chunks.begin(), chunks.end(), chunk_before);
  return boost::json::serialize(hot);
}

// Writes the chunks that differ from the rows read and deletes those the account no longer has.
void save_chunks(Repos& r, int64_t member_id, const std::vector<AccountChunk>& stored,
                 const std::vector<AccountChunk>& next) {
  std::vector<AccountChunk> changed, removed;
  size_t i = 0, j = 0;  // both in chunk_before order
  while (i < stored.size() || j < next.size()) {
    if (j == next.size() || (i < stored.size() && chunk_before(stored[i], next[j]))) {
      removed.push_back(stored[i++]);
    } else if (i == stored.size() || chunk_before(next[j], stored[i])) {
      changed.push_back(next[j++]);
    } else {
      if (stored[i].text != next[j].text) changed.push_back(next[j]);
      ++i, ++j;
    }
  }
  if (!changed.empty() || !removed.empty()) r.accounts().save_chunks(member_id, changed, removed);
}

}  // namespace

value stored_account(const AccountRow& row) {
  value account = parse_stored(row.account);
  if (row.chunks.empty() || !account.is_object()) return account;  // none, or inline (saved before migration 13)
  object& o = account.as_object();
  for (const AccountChunk& c : row.chunks) {
    if (boost::json::array* a = chunk_array(o, c.part)) a->push_back(value(c.text));
  }
  return account;
}

int64_t account_clock(const History& h) {
  const object* a = h.account.if_object();
  const value* c = a ? a->if_contains("clock_ms") : nullptr;
  return c && c->is_int64() ? c->get_int64() : 0;
}

namespace {

// Puts into the account the takes of the related events' spends (a rebuilt account holds them
// all already) and loads the related entries: those of the events, and the reverse entries
// naming the credits those takes came from (the core gives a take back to its credit unless
// that credit was reversed since).
void give_spends(Repos& r, History& h, const std::vector<std::string>& event_ids) {
  std::vector<std::string> events;
  for (const std::string& ev : event_ids) {
    if (!ev.empty()) events.push_back(ev);
  }
  if (h.rebuilt) {
    for (const auto& [id, takes] : spends_of(h.account)) {
      if (std::find(events.begin(), events.end(), event_of(id)) != events.end()) h.given_spends[id] = takes;
    }
  } else if (!events.empty()) {
    h.given_spends = r.accounts().spend_takes(h.member_id, events);
    array spends;
    for (const auto& [id, takes] : h.given_spends) spends.push_back(object{{"entry_id", id}, {"takes", takes}});
    if (object* a = h.account.if_object()) (*a)["spends"] = std::move(spends);
  }
  std::vector<std::string> sources;
  for (const auto& [id, takes] : h.given_spends) {
    auto ids = points::spend_sources(takes);
    if (!ids.ok()) continue;  // the core refuses the damaged takes; the account is rebuilt
    for (const std::string& lot : *ids) sources.emplace_back(event_of(lot));
  }
  std::vector<LedgerEntry> rows = r.accounts().ledger_related(h.member_id, events);
  if (!sources.empty()) {
    for (LedgerEntry& e : r.accounts().ledger_related(h.member_id, sources)) {
      if (e.kind == "reverse") rows.push_back(std::move(e));
    }
    std::sort(rows.begin(), rows.end(), [](const LedgerEntry& a, const LedgerEntry& b) { return a.id < b.id; });
    auto same = [](const LedgerEntry& a, const LedgerEntry& b) { return a.id == b.id; };
    rows.erase(std::unique(rows.begin(), rows.end(), same), rows.end());
  }
  h.related = entries_json(rows);
}

}  // namespace

History load_history(Repos& r, int64_t member_id, const RuleVersion& rules, const std::vector<std::string>& event_ids,
                     bool force_rebuild) {
  History h;
  h.member_id = member_id;
  std::optional<AccountRow> row = r.accounts().account_row(member_id);
  int64_t last = r.accounts().last_ledger_id(member_id);
  if (row) {
    h.version = row->version;
    h.last_entry_id = row->last_entry_id;
    h.stored_chunks = row->chunks;
  }
  if (row && !force_rebuild && row->last_entry_id == last) h.account = stored_account(*row);
  // none, behind the ledger, an older core's, or computed under other rules
  if (!current_schema(h.account) || !same_basis(h.account, rules)) rebuild(r, h, rules);
  give_spends(r, h, event_ids);
  if (h.rebuilt) {
    // Fates of the related entries from the replay (the stored ones may be out of step).
    for (const value& e : h.related) {
      const std::string id(e.as_object().at("id").as_string());
      if (const value* x = h.all_fates.if_contains(id)) h.fates[id] = *x;
    }
  } else {
    for (const auto& [id, x] : r.accounts().lot_fates(member_id, event_ids)) h.fates[id] = x;
  }
  return h;
}

void put_history(object& args, const History& h, const std::string& prefix) {
  args[prefix + "account"] = h.account;
  args[prefix + "related"] = h.related;
  args[prefix + "lot_fates"] = h.fates;
}

void require_current(Repos& r, const History& h) {
  if (r.accounts().account_version(h.member_id) != h.version ||
      r.accounts().last_ledger_id(h.member_id) != h.last_entry_id) {
    throw StaleAccount(h.member_id);
  }
}

void save_history(Repos& r, const History& h, int64_t clinic_id, int64_t rule_version_id, const array& entries,
                  const value& next_account, const value& fate_deltas, int64_t now_ms) {
  require_current(r, h);
  int64_t last = h.last_entry_id;
  for (const value& v : entries) {
    const object& o = v.as_object();
    LedgerEntry e;
    e.member_id = h.member_id;
    e.clinic_id = clinic_id;
    e.event_id = std::string(o.at("id").as_string());
    e.kind = std::string(o.at("kind").as_string());
    e.points = o.at("points").to_number<int64_t>();
    e.at_ms = o.at("at_ms").to_number<int64_t>();
    e.rule_version_id = rule_version_id;
    e.entry = boost::json::serialize(v);
    LedgerAppend added = r.append_ledger(e);
    // The core decided from the related entries that these are new; a stored twin means the
    // account would count an entry twice: refuse (the job's savepoint rolls back).
    if (!added.inserted) {
      throw ApiError("conflict", {"账本记录已存在，请重试", "the ledger already holds this entry; retry"});
    }
    last = added.entry.id;
    if (const value* rv = o.if_contains("reverses"); rv && rv->is_string()) {
      r.accounts().index_reversal(h.member_id, std::string(rv->get_string()), last);
    }
  }
  if (entries.empty() && !h.rebuilt) return;  // nothing changed
  const value& account = next_account.is_object() ? next_account : h.account;
  if (!account.is_object()) {
    throw ApiError("internal", {"内部错误：操作没有返回会员账户", "the op returned no account to store"});
  }
  if (h.rebuilt) {
    std::map<std::string, int64_t> totals;
    for (const auto& [id, x] : h.all_fates) totals[std::string(id)] = x.to_number<int64_t>();
    r.accounts().replace_lot_fates(h.member_id, totals);
    r.accounts().replace_spend_takes(h.member_id, spends_of(account));  // it was given every spend
  } else {
    // The account answers with the spends it was given and those it made, less those reversed.
    std::map<std::string, std::string> next = spends_of(account), changed;
    std::vector<std::string> removed;
    for (const auto& [id, takes] : next) {
      auto it = h.given_spends.find(id);
      if (it == h.given_spends.end() || it->second != takes) changed[id] = takes;
    }
    for (const auto& [id, takes] : h.given_spends) {
      if (!next.count(id)) removed.push_back(id);
    }
    if (!changed.empty() || !removed.empty()) r.accounts().save_spend_takes(h.member_id, changed, removed);
  }
  if (const object* d = fate_deltas.if_object()) {
    std::map<std::string, int64_t> deltas;
    for (const auto& [id, x] : *d) deltas[std::string(id)] = x.to_number<int64_t>();
    r.accounts().add_lot_fates(h.member_id, deltas);
  }
  std::vector<AccountChunk> chunks;
  AccountRow row{h.member_id, h.version + 1, split_account(account, chunks), last, now_ms, {}};
  if (!r.accounts().save_account(row, h.version)) throw StaleAccount(h.member_id);  // checked above: not expected
  save_chunks(r, h.member_id, h.stored_chunks, chunks);
}

bool stored_account_refused(const ApiError& e, std::string_view at) {
  std::string_view field = e.field;
  if (field == at) return e.code == "conflict" || e.code == "invalid_field";
  bool inside = field.size() > at.size() && field.substr(0, at.size()) == at && field[at.size()] == '.';
  return inside && (e.code == "invalid_field" || e.code == "missing_field");
}

void note_refused_account(const ApiError& e, int64_t member_id) {
  if (e.code == "conflict") return;  // another rules basis or schema: expected after a rule change
  log_warn("member " + std::to_string(member_id) + ": the stored account was refused by the core at " + e.field + " (" +
           e.message.en + "); rebuilt from the ledger");
}

object member_balance(Repos& r, int64_t member_id, const RuleVersion& rules, int64_t now_ms, const std::string& lang) {
  History h = load_history(r, member_id, rules, {});
  return call_rebuilding(r, h, rules, {}, [&](const History& x) {
    return core_call_rules("points.balance", rules, object{{"account", x.account}, {"now_ms", now_ms}}, lang);
  });
}

int64_t expired_between(Repos& r, int64_t member_id, const RuleVersion& rules, int64_t from_ms, int64_t to_ms) {
  // A member with no entry after from_ms (most members, on any day reported): the ledger replayed
  // up to either instant is the stored account itself, and its balance at each instant counts
  // the expiries due by then. Only a member active since from_ms has the ledger replayed.
  History h = load_history(r, member_id, rules, {});
  if (account_clock(h) <= from_ms) {
    try {
      auto expired_at = [&](int64_t t) {
        object b = core_call_rules("points.balance", rules, object{{"account", h.account}, {"now_ms", t}}, "en");
        return b.at("expired").to_number<int64_t>();
      };
      return expired_at(to_ms) - expired_at(from_ms);
    } catch (const ApiError& e) {
      if (!stored_account_refused(e)) throw;  // another rules basis, or damaged: replay below
      note_refused_account(e, member_id);
    }
  }
  auto out = points::expired_at_instants(rules.document, stored_entries(r, member_id), {from_ms, to_ms});
  if (!out.ok()) {
    const Error& e = out.error();
    throw ApiError(std::string(error_code_name(e.code)), Text{e.message_zh, e.message_en}, e.path);
  }
  return (*out)[1] - (*out)[0];
}

int build_missing_accounts(Store& store, int64_t now_ms) {
  std::vector<int64_t> members = store.read([](Repos& r) { return r.accounts().members_with_ledger(); });
  int built = 0;
  for (int64_t m : members) {
    built += store.write([&](Repos& r) {
      // The row alone tells whether the account is current (most members at every start);
      // its chunks are read only to replace them.
      std::optional<AccountRow> row = r.accounts().account_head(m);
      if (row && row->last_entry_id == r.accounts().last_ledger_id(m) && current_schema(parse_stored(row->account)))
        return 0;
      auto member = r.member_by_id(m);
      if (!member) return 0;
      auto clinics = r.clinics_in_org(member->org_id);
      if (clinics.empty()) return 0;
      auto rules = r.active_rule(clinics.front().id, kPointsRulesKind);
      if (!rules) return 0;
      History h;
      h.member_id = m;
      h.version = row ? row->version : 0;
      if (row) h.stored_chunks = r.accounts().account_chunks(m);
      rebuild(r, h, *rules);
      save_history(r, h, clinics.front().id, rules->id, array(), value(), value(), now_ms);
      return 1;
    });
  }
  return built;
}

AccountCheck verify_accounts(Repos& r, std::optional<int64_t> org_id) {
  AccountCheck c;
  for (int64_t m : r.accounts().members_with_ledger()) {
    if (org_id) {
      auto member = r.member_by_id(m);
      if (!member || member->org_id != *org_id) continue;
    }
    ++c.members;
    std::string who = "member " + std::to_string(m) + ": ";
    std::optional<AccountRow> row = r.accounts().account_row(m);
    if (!row) {
      c.differences.push_back(who + "no account row");
      continue;
    }
    int64_t last = r.accounts().last_ledger_id(m);
    if (row->last_entry_id != last) {
      c.differences.push_back(who + "account reflects ledger row " + std::to_string(row->last_entry_id) +
                              ", newest is " + std::to_string(last));
    }
    auto member = r.member_by_id(m);
    auto clinics = member ? r.clinics_in_org(member->org_id) : std::vector<Clinic>{};
    auto rules = clinics.empty() ? std::nullopt : r.active_rule(clinics.front().id, kPointsRulesKind);
    if (!rules) {
      c.differences.push_back(who + "no active points rules to replay with");
      continue;
    }
    int64_t n = 0;
    object replayed = replay_ledger(r, m, *rules, &n);
    c.entries += n;
    value stored = stored_account(*row);
    std::map<std::string, std::string> replayed_spends = spends_of(replayed["account"]);
    replayed["account"].as_object()["spends"] = array();  // kept in rows of their own
    if (stored != replayed["account"]) {
      const object& s = stored.as_object();
      const object& p = replayed["account"].as_object();
      std::string fields;
      for (const auto& [k, v] : p) {
        const value* sv = s.if_contains(k);
        if (!sv || *sv != v) fields += (fields.empty() ? "" : ", ") + std::string(k);
      }
      c.differences.push_back(who + "account differs from the replay of its ledger in: " + fields);
    }
    std::map<std::string, int64_t> kept;
    for (const auto& [id, x] : r.accounts().lot_fates(m, {""})) kept[id] = x;
    std::map<std::string, int64_t> want;
    for (const auto& [id, x] : replayed["lot_fates"].as_object()) {
      if (x.to_number<int64_t>() != 0) want[std::string(id)] = x.to_number<int64_t>();
    }
    for (auto it = kept.begin(); it != kept.end();) it = it->second == 0 ? kept.erase(it) : std::next(it);
    if (kept != want) c.differences.push_back(who + "lot fates differ from the replay");
    if (r.accounts().spend_takes(m, {""}) != replayed_spends) {
      c.differences.push_back(who + "spend takes differ from the replay");
    }
  }
  return c;
}

}  // namespace clinic::server
