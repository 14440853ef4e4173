// Search that understands Swedish, the query side (the index side is macros/site/sokindex.py), for Material for
// MkDocs 9.8. Loaded before Material's own script (mkdocs.yml, extra.polyfills), followed there by Material's
// copies of lunr-languages' stemmer support and Swedish stemmer: the very files the search worker uses to stem
// the index (plugins.search.pipeline), so a query is stemmed exactly as the index was.
//
// Why: Material appends "*" to every word of a query, and lunr runs no pipeline over a word with "*", so the
// stemmer never sees the query: "räddningstjänsten*" cannot find the stem "räddningstjänst". Here each word is
// stemmed before Material sees it (Material's "*" then finds longer words too, as in "brandförsvarsförbund"),
// and a word with å, ä, ö or é is also sent written without them, which the index holds too. Words in lunr's
// own query syntax (+, -, *, ~, ^, :, ") are sent as typed.
//
// The query reaches Material's search worker as a message {type: 2 (QUERY), data: text}; this wraps the page's
// Worker (or the iframe-worker shim that stands in for it on file://) to rewrite that text.
(function () {
  "use strict";
  var QUERY = 2;
  var EXACT = 10;

  // lunr-languages' files attach themselves to a global `lunr`; on the page (not in the worker) they need only
  // these two functions of it. Material's own script does not use a global `lunr`.
  // lunr.sv hands its stop words to generateStopWordFilter: kept here to leave them out of a query, where
  // Material's "*" would make "i" match every word that begins with an i.
  var stopWords = {};
  if (!window.lunr) {
    window.lunr = {
      Pipeline: { registerFunction: function () {} },
      generateStopWordFilter: function (words) {
        words.forEach(function (word) {
          stopWords[word] = true;
        });
        return function (token) {
          return token;
        };
      },
    };
  }

  function fold(word) {
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
  }

  function stem(word) {
    var sv = window.lunr.sv;
    return sv && sv.stemmer ? sv.stemmer(word) : word;
  }

  function swedish(query) {
    var out = [];
    var words = query.split(/\s+/);
    var content = words.filter(function (word) {
      return word && !stopWords[word.toLowerCase()];
    });
    (content.length ? content : words).forEach(function (word) {
      if (/^[+-]|[*~^:"]/.test(word)) {
        out.push(word);
        return;
      }
      word = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").toLowerCase();
      if (!word) return;
      // Stemmed once, and once more: Snowball takes a definite ending off first, and the index holds the base
      // form's own stem ("avstämningskonferensen" → "avstämningskonferens" → "avstämningskonfer").
      // And the word as typed with a boost ("^10", so Material adds no "*"): lunr runs it through the index's
      // own pipeline and matches the stem exactly, so a page with the word itself ranks above one with a
      // longer word that merely begins like it.
      [word, fold(word)].forEach(function (form) {
        [stem(form), stem(stem(form)), form + "^" + EXACT].forEach(function (term) {
          if (out.indexOf(term) < 0) out.push(term);
        });
      });
    });
    return out.join(" ");
  }

  window.__sokfraga = swedish; // for the tests (tests/browser/test_browser_search.py)

  var Base = window.Worker;
  if (!Base) return;
  function SwedishWorker(url, options) {
    var worker = new Base(url, options);
    var post = worker.postMessage;
    worker.postMessage = function (message) {
      var rest = Array.prototype.slice.call(arguments, 1);
      if (message && message.type === QUERY && typeof message.data === "string") {
        message = { type: QUERY, data: swedish(message.data) };
      }
      return post.apply(worker, [message].concat(rest));
    };
    return worker;
  }
  SwedishWorker.prototype = Base.prototype;
  window.Worker = SwedishWorker;
})();
