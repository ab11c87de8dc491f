// The app itself holds no state: the session token, the language and queued self-tests
// live in storage (lib/api.js, lib/i18n.js, lib/triage-queue.js), so every page, and the
// next launch, sees the same values.
App({});
