// Stands in for `follow-redirects` inside the bundle. The CSMS client never follows redirects
// (`maxRedirects: 0`), and with that setting axios sends through Node's own http and https
// modules; this shim hands axios those same modules on the path it would otherwise wrap.
'use strict';

module.exports = { http: require('node:http'), https: require('node:https') };
