#include "domain/rules_document.h"

#include "domain/ledger_service.h"  // parse_stored: the one stored-JSON reader

namespace clinic::server {

std::vector<ReferralCampaign> referral_campaigns(const RuleVersion& rules) {
  std::vector<ReferralCampaign> out;
  boost::json::value doc = parse_stored(rules.document);
  const boost::json::object* o = doc.if_object();
  const boost::json::value* ref = o ? o->if_contains("referral") : nullptr;
  const boost::json::value* list = ref && ref->is_object() ? ref->as_object().if_contains("campaigns") : nullptr;
  if (!list || !list->is_array()) return out;
  for (const boost::json::value& c : list->as_array()) {
    const boost::json::object& campaign = c.as_object();
    const boost::json::value* budget = campaign.if_contains("budget");
    out.push_back(ReferralCampaign{std::string(campaign.at("id").as_string()), budget ? *budget : nullptr});
  }
  return out;
}

std::string default_campaign(const RuleVersion& rules) {
  std::vector<ReferralCampaign> list = referral_campaigns(rules);
  return list.empty() ? std::string() : list.front().id;
}

boost::json::value coupon_catalogue(const RuleVersion& rules) {
  return parse_stored(rules.document).as_object().at("catalogue");
}

boost::json::value rules_label(const std::string& document) {
  boost::json::value doc = parse_stored(document);
  const boost::json::value* label = doc.is_object() ? doc.as_object().if_contains("version") : nullptr;
  return label ? *label : boost::json::value(nullptr);
}

}  // namespace clinic::server
