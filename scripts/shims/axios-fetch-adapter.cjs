// Stands in for axios's fetch adapter (axios/lib/adapters/fetch.js) inside the bundle. The client
// pins `adapter: 'http'`, so the fetch adapter is never chosen; the real module still probes
// fetch, Request and ReadableStream the moment it loads, which cost every activation several
// milliseconds. `getFetch` answers as it would where fetch is missing: not supported.
'use strict';

const getFetch = () => false;

module.exports = { getFetch, default: false };
