#include "engagement/setup.h"

#include "engagement/templates.h"
#include "errors.h"

namespace clinic::server {

std::unique_ptr<Scheduler> start_engagement(const Config& config, Store& store, WeChatClient& wechat,
                                            const Clock& clock, int64_t org_id) {
  int64_t now = clock.now_ms();
  store.write([&](Repos& r) {
    for (const auto& [org, doc] : r.engagement().template_documents()) {
      try {
        parse_template_config(doc);
      } catch (const ApiError& e) {
        throw std::runtime_error("organization " + std::to_string(org) + ": " + e.message.en);
      }
    }
    if (config.demo && !r.engagement().template_document(org_id)) {
      parse_template_config(demo_template_document());
      r.engagement().save_template_document(org_id, demo_template_document(), now);
    }
  });
  auto scheduler = std::make_unique<Scheduler>(
      store, wechat, [&clock] { return clock.now_ms(); }, config.scheduler_interval_ms);
  scheduler->start();
  return scheduler;
}

}  // namespace clinic::server
