/* Runs in <head>, before Material's bundle, on every page.
 *
 * 1. Search in the page's language: the build writes one index per language
 *    (search/search_index.json for French, en/search/search_index.json for English);
 *    Material asks for the first one, so English pages are pointed to theirs.
 * 2. Material fetches sitemap.xml beside every hreflang link to find twins for its
 *    language selector; ours links twins already, so those look-ups are answered here.
 * 3. Inflections: the index is stemmed, but Material adds a trailing wildcard to every word,
 *    and lunr skips stemming for wildcard words. Each word is sent twice, "word^1 word":
 *    once stemmed ("accords" finds "accord"), once as a prefix (results while typing).
 *    Stop words are left out, so "de" does not match every "des…".
 * 4. An exact term, abbreviation or alias puts its entry first in the results.
 */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "fr";
  var DEFAULT_LANGUAGE = "fr";

  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    var target = new URL(String(url), location.href);
    if (/\/sitemap\.xml$/.test(target.pathname)) {
      args[1] = "data:text/xml,%3Curlset%2F%3E";
    } else if (lang !== DEFAULT_LANGUAGE && /\/search\/search_index\.json$/.test(target.pathname)) {
      args[1] = new URL(lang + "/search/search_index.json", new URL("..", target)).href;
    }
    return open.apply(this, args);
  };

  function fold(text) {
    return String(text)
      .replace(/<[^>]*>/g, "")
      .replace(/œ/g, "oe").replace(/Œ/g, "OE").replace(/æ/g, "ae").replace(/Æ/g, "AE")
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  var STOP_WORDS = {
    fr: "a au aux avec ce ces d dans de des du elle en est et il l la le les leur lui ma mais me " +
      "meme mes moi mon n ne nos notre nous on ou par pas pour qu que qui s sa se ses son sur ta " +
      "te tes toi ton tu un une vos votre vous y",
    en: "a an and are as at be but by for from has have in is it its of on or that the their " +
      "this to was were what when which who will with"
  };
  var stopWords = new Set((STOP_WORDS[lang] || STOP_WORDS.en).split(" "));

  function expand(query) {
    if (/["+\-:^~*]/.test(query)) return query; // lunr syntax typed on purpose: keep it
    var words = query.trim().split(/\s+/).filter(function (word) {
      return word && !stopWords.has(word.toLowerCase());
    });
    if (!words.length) return query;
    return words.map(function (word) { return word + "^1 " + word; }).join(" ");
  }

  function exactFirst(groups, query) {
    var wanted = fold(query);
    if (!wanted || !Array.isArray(groups)) return;
    var exact = groups.filter(function (group) {
      var main = group.find(function (doc) { return doc.location.indexOf("#") < 0; });
      var names = (main && main.names) || [];
      return names.some(function (name) { return fold(name) === wanted; });
    });
    exact.forEach(function (group) {
      groups.splice(groups.indexOf(group), 1);
    });
    groups.unshift.apply(groups, exact);
  }

  var NativeWorker = window.Worker;
  if (!NativeWorker) return;
  window.Worker = function (url, options) {
    var worker = new NativeWorker(url, options);
    var query = "";
    var post = worker.postMessage;
    worker.postMessage = function (message) {
      if (message && message.type === 2) {
        query = String(message.data || "");
        message = { type: 2, data: expand(query) };
        return post.call(worker, message);
      }
      return post.apply(worker, arguments);
    };
    var listen = worker.addEventListener;
    worker.addEventListener = function (type, listener, options) {
      if (type !== "message" || typeof listener !== "function") {
        return listen.apply(worker, arguments);
      }
      return listen.call(worker, type, function (event) {
        var message = event.data;
        if (message && message.type === 3 && message.data) exactFirst(message.data.items, query);
        return listener.call(this, event);
      }, options);
    };
    return worker;
  };
  window.Worker.prototype = NativeWorker.prototype;
})();
