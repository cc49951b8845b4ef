/* Runs in <head>, before Material's bundle, on every page: overrides/main.html writes it there
 * inline (as a file it was one more request before the first paint).
 *
 * Material fetches sitemap.xml beside every hreflang link to find twins for its language
 * selector; ours links twins already, so those look-ups are answered here without a request.
 * (Search is ours, in search.js: Material's search is not loaded.) */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    var target = new URL(String(url), location.href);
    if (/\/sitemap\.xml$/.test(target.pathname)) {
      args[1] = "data:text/xml,%3Curlset%2F%3E";
    }
    return open.apply(this, args);
  };
})();
