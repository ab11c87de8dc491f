#include "store/pg.h"

#include <cstdlib>

#include "log.h"

namespace clinic::server {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The server's notices go to the log, not to stderr: warnings as warnings, the rest
// (NOTICE: "relation … already exists, skipping") only at debug level.
void on_notice(void*, const PGresult* r) {
  const char* severity = PQresultErrorField(r, PG_DIAG_SEVERITY_NONLOCALIZED);
  std::string msg = PQresultErrorMessage(r);
  while (!msg.empty() && msg.back() == '\n') msg.pop_back();
  if (severity && std::string(severity) == "WARNING")
    log_warn("postgres: " + msg);
  else
    log_debug("postgres: " + msg);
}

}  // namespace

bool is_postgres_url(std::string_view url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

PgConn::PgConn(const std::string& url, int connect_timeout_s, int64_t statement_timeout_ms) {
  // Keywords after the URI override it: a bounded connect, a bounded statement, and
  // application_name so pg_stat_activity shows who holds a connection.
  std::string timeout = std::to_string(connect_timeout_s);
  std::string options = "-c statement_timeout=" + std::to_string(statement_timeout_ms) +
                        " -c idle_in_transaction_session_timeout=" + std::to_string(statement_timeout_ms * 2);
  const char* keys[] = {"dbname", "connect_timeout", "options", "application_name", nullptr};
  const char* values[] = {url.c_str(), timeout.c_str(), options.c_str(), "clinic-server", nullptr};
  conn_ = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    std::string msg = conn_ ? PQerrorMessage(conn_) : "out of memory";
    PQfinish(conn_);
    conn_ = nullptr;
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    throw PgError("", "postgres: cannot connect: " + msg, true);
  }
  PQsetNoticeReceiver(conn_, &on_notice, nullptr);
}

PgConn::~PgConn() {
  PQfinish(conn_);
}

bool PgConn::in_transaction() const {
  return PQtransactionStatus(conn_) != PQTRANS_IDLE;
}

void PgConn::fail(const PGresult* r, const std::string& context) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = r && *PQresultErrorMessage(r) ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
  while (!msg.empty() && msg.back() == '\n') msg.pop_back();
  std::string code = state ? state : "";
  // Class 08 (connection exception), 57P01..57P03 (shut down, cannot connect now) and a dead socket.
  bool lost = PQstatus(conn_) != CONNECTION_OK || code.rfind("08", 0) == 0 || code == "57P01" || code == "57P02" ||
              code == "57P03";
  throw PgError(code, "postgres: " + msg + (context.empty() ? "" : " in " + context), lost);
}

void PgConn::exec(const std::string& sql) {
  std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(conn_, sql.c_str()), &PQclear);
  ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(r.get(), sql.substr(0, 120));
}

const std::string& PgConn::prepared(const char* sql, int n_params) {
  auto it = names_.find(std::string_view(sql));
  if (it != names_.end()) return it->second;
  std::string name = "s" + std::to_string(names_.size() + 1);
  // Parameter types are inferred by the server from the statement (casts in the SQL where ambiguous).
  std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQprepare(conn_, name.c_str(), sql, 0, nullptr), &PQclear);
  (void)n_params;
  if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) fail(r.get(), std::string("prepare: ") + sql);
  return names_.emplace(sql, std::move(name)).first->second;
}

PgQuery::Param& PgQuery::param(int i) {
  if (i < 1) throw std::logic_error("PgQuery: parameters are 1-based");
  if (static_cast<size_t>(i) > params_.size()) params_.resize(i);
  return params_[i - 1];
}

PgQuery& PgQuery::bind(int i, int64_t v) {
  param(i) = Param{std::to_string(v), false};
  return *this;
}
PgQuery& PgQuery::bind(int i, std::string_view text) {
  param(i) = Param{std::string(text), false};
  return *this;
}
PgQuery& PgQuery::bind_opt(int i, const std::optional<std::string>& text) {
  return text ? bind(i, std::string_view(*text)) : bind_null(i);
}
PgQuery& PgQuery::bind_blob(int i, std::string_view bytes) {
  param(i) = Param{std::string(bytes), true};
  return *this;
}
PgQuery& PgQuery::bind_null(int i) {
  param(i) = Param{std::nullopt, false};
  return *this;
}

void PgQuery::execute() {
  const std::string& name = conn_.prepared(sql_, static_cast<int>(params_.size()));
  std::vector<const char*> values(params_.size());
  std::vector<int> lengths(params_.size()), formats(params_.size());
  for (size_t i = 0; i < params_.size(); ++i) {
    values[i] = params_[i].value ? params_[i].value->data() : nullptr;
    lengths[i] = params_[i].value ? static_cast<int>(params_[i].value->size()) : 0;
    formats[i] = params_[i].binary ? 1 : 0;
  }
  result_.reset(PQexecPrepared(conn_.raw(), name.c_str(), static_cast<int>(params_.size()), values.data(),
                               lengths.data(), formats.data(), /*resultFormat=*/0));
  ExecStatusType st = result_ ? PQresultStatus(result_.get()) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) conn_.fail(result_.get(), sql_);
  rows_ = PQntuples(result_.get());
  row_ = -1;
}

bool PgQuery::step() {
  if (!result_) execute();
  if (row_ + 1 >= rows_) {
    row_ = rows_;
    return false;
  }
  ++row_;
  return true;
}

void PgQuery::run() {
  if (!result_) execute();
}

int64_t PgQuery::affected() {
  run();
  const char* n = PQcmdTuples(result_.get());
  return n && *n ? std::strtoll(n, nullptr, 10) : 0;
}

bool PgQuery::is_null(int col) const {
  return PQgetisnull(result_.get(), row_, col) != 0;
}

int64_t PgQuery::i64(int col) const {
  if (is_null(col)) return 0;  // as sqlite3_column_int64 does
  return std::strtoll(PQgetvalue(result_.get(), row_, col), nullptr, 10);
}

std::string PgQuery::text(int col) const {
  return std::string(PQgetvalue(result_.get(), row_, col), PQgetlength(result_.get(), row_, col));
}

std::string PgQuery::blob(int col) const {
  // bytea in text format is hex: \x0a1b…
  const char* v = PQgetvalue(result_.get(), row_, col);
  int len = PQgetlength(result_.get(), row_, col);
  if (len < 2 || v[0] != '\\' || v[1] != 'x') return std::string(v, len);
  std::string out;
  out.reserve((len - 2) / 2);
  for (int i = 2; i + 1 < len; i += 2) out.push_back(static_cast<char>(hex_value(v[i]) * 16 + hex_value(v[i + 1])));
  return out;
}

std::optional<std::string> PgQuery::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

std::optional<int64_t> PgQuery::opt_i64(int col) const {
  if (is_null(col)) return std::nullopt;
  return i64(col);
}

}  // namespace clinic::server
