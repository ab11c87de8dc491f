// One list per vocabulary: the copies that must exist elsewhere (the schema's CHECK, the API
// spec) are held equal to the core's list here.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "clinic/points/pricing.h"
#include "openapi_text.h"
#include "store/migrations.h"

using namespace clinic::server;

namespace {

std::vector<std::string> quoted_list(const std::string& text) {  // 'a','b' → {a, b}
  std::vector<std::string> out;
  for (size_t at = text.find('\''); at != std::string::npos; at = text.find('\'', at + 1)) {
    size_t end = text.find('\'', at + 1);
    out.push_back(text.substr(at + 1, end - at - 1));
    at = end;
  }
  return out;
}

}  // namespace

TEST_CASE("coupon statuses: the coupons table's CHECK and docs/openapi.yaml are kCouponStatuses") {
  std::vector<std::string> core(clinic::points::kCouponStatuses.begin(), clinic::points::kCouponStatuses.end());
  std::vector<std::string> schema;
  for (const Migration& m : migrations()) {  // the newest definition of the table wins
    std::string sql = m.sql;
    size_t table = sql.find("CREATE TABLE coupons(");
    if (table == std::string::npos) continue;
    size_t check = sql.find("status TEXT NOT NULL CHECK(status IN (", table);
    REQUIRE(check != std::string::npos);
    size_t open = sql.find("IN (", check) + 4;
    schema = quoted_list(sql.substr(open, sql.find(')', open) - open));
  }
  CHECK(schema == core);

  CHECK(clinic::server::testing::openapi_enum("Coupon", "status") == core);
}
