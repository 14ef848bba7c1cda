// Stands in for `https-proxy-agent` inside the bundle. The client sets `proxy: false`, because
// VS Code's own proxy support already routes the extension host's http and https traffic through
// the user's proxy; axios only builds this agent for a proxy of its own.
'use strict';

class HttpsProxyAgent {
  constructor() {
    throw new Error('Axios proxies are disabled; VS Code applies the proxy settings.');
  }
}

module.exports = HttpsProxyAgent;
module.exports.HttpsProxyAgent = HttpsProxyAgent;
