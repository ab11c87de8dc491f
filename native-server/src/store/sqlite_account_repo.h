// SQLite implementation of AccountRepo (store/account_repo.h), bound to one connection.
#pragma once

#include "store/account_repo.h"
#include "store/sqlite.h"

namespace clinic::server {

class SqliteAccountRepo : public AccountRepo {
 public:
  explicit SqliteAccountRepo(Db& db) : db_(db) {}

  std::optional<AccountRow> account_head(int64_t member_id) override;
  std::vector<AccountChunk> account_chunks(int64_t member_id) override;
  int64_t account_version(int64_t member_id) override;
  bool save_account(const AccountRow& row, int64_t expected_version) override;
  void save_chunks(int64_t member_id, const std::vector<AccountChunk>& changed,
                   const std::vector<AccountChunk>& removed) override;
  std::vector<LedgerEntry> ledger_related(int64_t member_id, const std::vector<std::string>& event_ids) override;
  void index_reversal(int64_t member_id, const std::string& reverses, int64_t row_id) override;
  std::vector<LedgerEntry> ledger_entries_desc(int64_t member_id, int64_t before_id, int limit) override;
  int64_t last_ledger_id(int64_t member_id) override;
  std::vector<int64_t> members_with_ledger() override;
  std::map<std::string, int64_t> lot_fates(int64_t member_id, const std::vector<std::string>& event_ids) override;
  void add_lot_fates(int64_t member_id, const std::map<std::string, int64_t>& deltas) override;
  void replace_lot_fates(int64_t member_id, const std::map<std::string, int64_t>& totals) override;
  std::map<std::string, std::string> spend_takes(int64_t member_id, const std::vector<std::string>& event_ids) override;
  void save_spend_takes(int64_t member_id, const std::map<std::string, std::string>& changed,
                        const std::vector<std::string>& removed) override;
  void replace_spend_takes(int64_t member_id, const std::map<std::string, std::string>& all) override;

 private:
  Db& db_;
};

}  // namespace clinic::server
