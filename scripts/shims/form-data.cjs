// Stands in for the `form-data` package inside the bundle. Axios's Node build imports it for
// multipart bodies, which this extension never sends; the real package pulls in `mime-db`
// (about 140 KB minified). Failing loudly keeps an accidental multipart call from going unseen.
'use strict';

class FormData {
  constructor() {
    throw new Error('Multipart form bodies are not supported in this build.');
  }
}

module.exports = FormData;
module.exports.default = FormData;
