const config = require('./config.js');

App({
  globalData: { lang: config.defaultLang },
});
