// Search that understands Swedish, the query side (the index side is macros/site/sokindex.py), for Material for
// MkDocs 9.8. Loaded before Material's own script (mkdocs.yml, extra.polyfills), followed there by Material's
// copies of lunr-languages' stemmer support and Swedish stemmer: the very files the search worker uses to stem
// the index (plugins.search.pipeline), so a query is stemmed exactly as the index was.
//
// Why: Material appends "*" to every word of a query, and lunr runs no pipeline over a word with "*", so the
// stemmer never sees the query: "räddningstjänsten*" cannot find the stem "räddningstjänst". Here each word is
// stemmed before Material sees it (Material's "*" then finds longer words too, as in "brandförsvarsförbund").
// A word typed without å, ä and ö also matches the index's folded fields ("taby" finds Täby); a word typed with
// them is not folded as well, or "händer" would find "handboken". Words in lunr's own query syntax (+, -, *, ~,
// ^, :, ") are sent as typed.
//
// The query reaches Material's search worker as a message {type: 2 (QUERY), data: text}; this wraps the page's
// Worker (or the iframe-worker shim that stands in for it on file://) to rewrite that text. The worker answers
// with {type: 3 (RESULT)}, each result naming the query's terms it lacks, which Material lists under the result
// ("Finns inte med: …"): those are this script's forms, so they are named back as the words the reader typed.
(function () {
  "use strict";
  var QUERY = 2;
  var RESULT = 3;
  var EXACT = 10;
  var typed = {}; // a form sent to the worker -> the word the reader typed (for the result's missing terms)
  var asked = []; // the words of the last question sent, as typed, lower case

  // lunr-languages' files attach themselves to a global `lunr`; on the page (not in the worker) they need only
  // these two functions of it. Material's own script does not use a global `lunr`.
  // lunr.sv hands its stop words to generateStopWordFilter: kept here to leave them out of a query, where
  // Material's "*" would make "i" match every word that begins with an i.
  var stopWords = {};
  // And the verbs of a question, which say what is asked, not about what ("vad gör regionala chefsgruppen",
  // "vad ska vi göra"): left out like stop words, or every page that says "gör" would match.
  ["gör", "göra", "görs", "gjorde", "finns", "ska", "skall", "får", "måste", "bör"].forEach(function (word) {
    stopWords[word] = true;
  });
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

  function stem(word) {
    var sv = window.lunr.sv;
    return sv && sv.stemmer ? sv.stemmer(word) : word;
  }

  // The site's name ends every page's title ("Vem ansvarar för vad - Samverkanshandboken"). A word of it, such as
  // "samverkan" or "handboken", is on every page and in the start page's title: it says nothing about which page
  // answers a question that has other words ("vem leder samverkan"), so it is left out of such a query.
  function inSiteName(word) {
    var name = document.title.split(" - ").pop().toLowerCase();
    var base = stem(word.toLowerCase());
    return base.length >= 4 && name.indexOf(base) >= 0;
  }

  function swedish(query) {
    var out = [];
    var words = query.split(/\s+/);
    var content = words.filter(function (word) {
      return word && !stopWords[word.toLowerCase()];
    });
    var telling = content.filter(function (word) {
      return !inSiteName(word);
    });
    if (telling.length) content = telling;
    asked = [];
    (content.length ? content : words).forEach(function (word) {
      if (/^[+-]|[*~^:"]/.test(word)) {
        out.push(word);
        return;
      }
      var shown = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      word = shown.toLowerCase();
      if (!word) return;
      asked.push(word);
      // Stemmed once, and once more: Snowball takes a definite ending off first, and the index holds the base
      // form's own stem ("avstämningskonferensen" → "avstämningskonferens" → "avstämningskonfer").
      // And the word as typed with a boost ("^10", so Material adds no "*"): lunr runs it through the index's
      // own pipeline and matches the stem exactly, so a page with the word itself ranks above one with a
      // longer word that merely begins like it.
      [stem(word), stem(stem(word)), word + "^" + EXACT].forEach(function (term) {
        if (out.indexOf(term) < 0) out.push(term);
        typed[term.replace(/\^\d+$/, "")] = shown;
      });
    });
    return out.join(" ");
  }

  window.__sokfraga = swedish; // for the tests (tests/browser/test_browser_search.py)

  // A result's terms ({form: found}) as the reader's words: a word is found if any of its forms is.
  function asTyped(terms) {
    var out = {};
    Object.keys(terms).forEach(function (form) {
      var word = typed[form] || form;
      out[word] = out[word] || terms[form];
    });
    return out;
  }

  function plain(html) {
    return String(html || "")
      .replace(/<[^>]*>/g, "")
      .toLowerCase();
  }

  // A page that weighs less in the index (front matter search.boost: the coordinators' guide, the data reference,
  // the open data) weighs fully again when its own title or keywords name a word of the question: then the
  // question is about it ("hur lägger jag till en ny part", "ändra i handboken"). Its scores are lunr's, which
  // the boost multiplies, so dividing by it gives the page's score as if it had none.
  function aboutIt(group) {
    var page =
      group.filter(function (result) {
        return result.location.indexOf("#") < 0;
      })[0] || group[0];
    var named = (plain(page.title) + " " + plain(page.sokord)).split(/[\s\-,.:;!?()]+/);
    return asked.some(function (word) {
      var base = stem(word);
      return named.some(function (name) {
        return name && name.indexOf(base) === 0;
      });
    });
  }

  function best(group) {
    return Math.max.apply(
      null,
      group.map(function (result) {
        return result.score;
      }),
    );
  }

  function readable(event) {
    var message = event.data;
    if (!message || message.type !== RESULT || !message.data || !message.data.items) return event;
    var items = message.data.items
      .map(function (group) {
        var restore = group.some(function (result) {
          return result.boost && result.boost < 1;
        }) && aboutIt(group);
        return group.map(function (result) {
          var out = Object.assign({}, result);
          if (out.terms) out.terms = asTyped(out.terms);
          if (restore && out.boost) out.score = out.score / out.boost;
          return out;
        });
      })
      .map(function (group, rank) {
        return { group: group, rank: rank, score: best(group) };
      })
      .sort(function (a, b) {
        return b.score - a.score || a.rank - b.rank;
      })
      .map(function (ranked) {
        return ranked.group;
      });
    var data = Object.assign({}, message, { data: Object.assign({}, message.data, { items: items }) });
    return new MessageEvent("message", { data: data });
  }

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
    // Material listens with addEventListener (RxJS fromEvent); each listener hears the results as typed.
    var add = worker.addEventListener;
    var remove = worker.removeEventListener;
    var wrapped = new Map();
    worker.addEventListener = function (type, listener, options) {
      if (type !== "message" || typeof listener !== "function") return add.apply(worker, arguments);
      if (!wrapped.has(listener)) {
        wrapped.set(listener, function (event) {
          return listener.call(this, readable(event));
        });
      }
      return add.call(worker, type, wrapped.get(listener), options);
    };
    worker.removeEventListener = function (type, listener, options) {
      return remove.call(worker, type, wrapped.get(listener) || listener, options);
    };
    return worker;
  }
  SwedishWorker.prototype = Base.prototype;
  window.Worker = SwedishWorker;
})();
