// Word stems as the site search (Pagefind) makes them: a word is folded
// (lower case, no accents), then cut by the Snowball stemmer of its language
// (English: Porter2; French: Snowball's French), so that "referrals" and
// "referral", "reseaux" and "réseau" give one stem. The explorer and the
// offline search (search.js, loaded after this script) match
// stems; tests/test_explorer.py checks every stem of its page against the
// words of the site's search index. Works in a browser and in Node.
(function (root) {
  "use strict";
  var MARKS = /[\u0300-\u036f]/g;
  var WORD = /[\p{L}\p{N}]+/gu;

  function fold(text) {
    return text.normalize("NFD").replace(MARKS, "").toLowerCase();
  }

  // -- English (Snowball's Porter2, 3.0) -------------------------------------
  var EN_VOWEL = /[aeiouy]/;
  var EN_SPECIAL = {
    skis: "ski", skies: "sky", idly: "idl", gently: "gentl", ugly: "ugli", early: "earli",
    only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe", atlas: "atlas",
    cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var EN_PREFIX = /^(gener|commun|arsen|past|univers|later|emerg|organ|inter)/;  // "inter": as the site search
  var EN_STEP2 = [
    ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["abli", "able"], ["entli", "ent"],
    ["izer", "ize"], ["ization", "ize"], ["ational", "ate"], ["ation", "ate"], ["ator", "ate"],
    ["alism", "al"], ["aliti", "al"], ["alli", "al"], ["fulness", "ful"], ["ousli", "ous"],
    ["ousness", "ous"], ["iveness", "ive"], ["iviti", "ive"], ["biliti", "ble"], ["bli", "ble"],
    ["ogist", "og"], ["ogi", "og"], ["fulli", "ful"], ["lessli", "less"], ["li", ""]
  ];
  var EN_STEP3 = [
    ["tional", "tion"], ["ational", "ate"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"],
    ["ical", "ic"], ["ful", ""], ["ness", ""], ["ative", ""]
  ];
  var EN_STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
    "ism", "ate", "iti", "ous", "ive", "ize", "ion"];

  function isVowel(c) { return EN_VOWEL.test(c); }

  // The longest of `list` (strings, or [suffix, replacement]) that ends `w`
  // and starts at `min` or after.
  function longest(w, list, min) {
    var best = null;
    var size = function (item) { return (typeof item === "string" ? item : item[0]).length; };
    list.forEach(function (item) {
      var suffix = typeof item === "string" ? item : item[0];
      if (w.slice(-suffix.length) !== suffix || w.length - suffix.length < (min || 0)) return;
      if (!best || suffix.length > size(best)) best = item;
    });
    return best;
  }

  // Where a region starts: after the first non-vowel that follows a vowel, from `from`.
  function region(w, from, vowel) {
    for (var i = from + 1; i < w.length; i++) if (!vowel(w[i]) && vowel(w[i - 1])) return i + 1;
    return w.length;
  }

  // Whether `w` ends in a short syllable.
  function enShort(w) {
    var n = w.length;
    if (/past$/.test(w)) return true;
    if (n < 2 || isVowel(w[n - 1]) || !isVowel(w[n - 2])) return false;
    if (n === 2) return true;
    return !isVowel(w[n - 3]) && "wxY".indexOf(w[n - 1]) < 0;
  }

  function english(word) {
    if (EN_SPECIAL[word]) return EN_SPECIAL[word];
    if (word.length < 3) return word;
    var w = word.replace(/^y/, "Y").replace(/([aeiouy])y/g, "$1Y");
    var prefix = EN_PREFIX.exec(w);
    var r1 = prefix ? prefix[0].length : region(w, 0, isVowel);
    var r2 = region(w, r1, isVowel);
    // step 1a
    if (/sses$/.test(w)) w = w.slice(0, -2);
    else if (/(ied|ies)$/.test(w)) w = w.slice(0, w.length > 4 ? -2 : -1);
    else if (/(us|ss)$/.test(w)) { /* kept */ }
    else if (/s$/.test(w) && /[aeiouy]/.test(w.slice(0, -2))) w = w.slice(0, -1);
    // step 1b
    var s1b = longest(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
    var before = s1b ? w.slice(0, -s1b.length) : "";
    if (s1b === "eed" || s1b === "eedly") {
      if (!/^(proc|exc|succ)$/.test(before) && before.length >= r1) w = before + "ee";
    } else if (s1b === "ing" && /^[^aeiouy]y$/.test(before)) {
      w = before.slice(0, -1) + "ie";
    } else if (s1b === "ing" && /^(inn|out|cann|herr|earr|even)$/.test(before)) {
      /* kept */
    } else if (s1b && /[aeiouy]/.test(before)) {
      w = before;
      if (/(at|bl|iz)$/.test(w)) w += "e";
      else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) {
        if (!(w.length === 3 && "aeo".indexOf(w[0]) >= 0)) w = w.slice(0, -1);
      } else if (w.length === r1 && enShort(w)) w += "e";
    }
    // step 1c
    if (/[yY]$/.test(w) && w.length > 2 && !isVowel(w[w.length - 2])) w = w.slice(0, -1) + "i";
    // steps 2 and 3, in R1
    [EN_STEP2, EN_STEP3].forEach(function (list) {
      var hit = longest(w, list);
      if (!hit || w.length - hit[0].length < r1) return;
      var stemmed = w.slice(0, -hit[0].length);
      if (hit[0] === "ogi" && !/l$/.test(stemmed)) return;
      if (hit[0] === "li" && !/[cdeghkmnrt]$/.test(stemmed)) return;
      if (hit[0] === "ative" && w.length - 5 < r2) return;
      w = stemmed + hit[1];
    });
    // step 4, in R2
    var s4 = longest(w, EN_STEP4);
    if (s4 && w.length - s4.length >= r2 && (s4 !== "ion" || /[st]$/.test(w.slice(0, -3)))) w = w.slice(0, -s4.length);
    // step 5
    if (/e$/.test(w)) {
      var at = w.length - 1;
      if (at >= r2 || (at >= r1 && !enShort(w.slice(0, -1)))) w = w.slice(0, -1);
    } else if (/ll$/.test(w) && w.length - 1 >= r2) {
      w = w.slice(0, -1);
    }
    return w.replace(/Y/g, "y");
  }

  // -- French (Snowball), on folded words --------------------------------------
  function frVowel(c) { return "aeiouy".indexOf(c) >= 0 && c !== ""; }

  function frPrelude(word) {
    var w = word.split("");
    var i = 0;
    while (i < w.length) {
      if (frVowel(w[i]) && i + 1 < w.length) {
        var c = w[i + 1];
        if ((c === "u" || c === "i") && i + 2 < w.length && frVowel(w[i + 2])) { w[i + 1] = c.toUpperCase(); i += 3; continue; }
        if (c === "y") { w[i + 1] = "Y"; i += 2; continue; }
      }
      if (w[i] === "y" && i + 1 < w.length && frVowel(w[i + 1])) { w[i] = "Y"; i += 2; continue; }
      if (w[i] === "q" && w[i + 1] === "u") { w[i + 1] = "U"; i += 2; continue; }
      i += 1;
    }
    return w.join("");
  }

  function frRV(w) {
    var n = w.length;
    if (n >= 2 && frVowel(w[0]) && frVowel(w[1])) return Math.min(3, n);
    var start = /^(par|col|tap|mauva)/.exec(w);
    if (start) return start[0].length;
    if (/^ni[aeiouy]/.test(w)) return 3;
    for (var i = 1; i < n; i++) if (frVowel(w[i])) return i + 1;
    return n;
  }

  var FR_I_VERB = ["i", "ie", "ies", "ir", "ira", "irai", "iraIent", "irais", "irait", "iras", "irent",
    "irez", "iriez", "irions", "irons", "iront", "is", "issaIent", "issais", "issait", "issant",
    "issante", "issantes", "issants", "isse", "issent", "isses", "issez", "issiez", "issions",
    "issons", "it"];
  var FR_VERB_DELETE = ["er", "era", "erai", "eraIent", "erais", "erait", "eras", "erez", "eriez",
    "erions", "erons", "eront", "ez", "iez"];
  var FR_VERB_E = ["a", "ai", "aIent", "ais", "ait", "ant", "ante", "antes", "ants", "as", "asse",
    "assent", "asses", "assiez", "assions"];
  var FR_STANDARD = [
    "ance", "iqUe", "isme", "able", "iste", "eux", "ances", "iqUes", "ismes", "ables", "istes",
    "atrice", "ateur", "ation", "atrices", "ateurs", "ations", "logie", "logies", "usion", "ution",
    "usions", "utions", "ence", "ences", "ement", "ements", "if", "ive", "ifs", "ives", "eaux",
    "aux", "oux", "euse", "euses", "issement", "issements", "amment", "emment", "ment", "ments"
  ];

  function french(word) {
    var w = frPrelude(word);
    var pV = frRV(w);
    var p1 = region(w, 0, frVowel);
    var p2 = region(w, p1, frVowel);
    var cut = function (n) { w = w.slice(0, w.length - n); };
    var ends = function (s) { return w.slice(-s.length) === s; };
    var at = function (s) { return w.length - s.length; };  // where a suffix would start

    // the standard suffixes: true if one was removed; `w` may change even when false
    function standard() {
      var s = longest(w, FR_STANDARD);
      if (!s) return false;
      var start = at(s);
      if (/^(ance|iqUe|isme|able|iste|eux)s?$/.test(s)) {
        if (start < p2) return false;
        cut(s.length);
      } else if (/^(atrice|ateur|ation)s?$/.test(s)) {
        if (start < p2) return false;
        cut(s.length);
        if (ends("ic")) {
          if (at("ic") >= p2) cut(2); else w = w.slice(0, -2) + "iqU";
        }
      } else if (/^logies?$/.test(s)) {
        if (start < p2) return false;
        w = w.slice(0, start) + "log";
      } else if (/^u[st]ions?$/.test(s)) {
        if (start < p2) return false;
        w = w.slice(0, start) + "u";
      } else if (/^ences?$/.test(s)) {
        if (start < p2) return false;
        w = w.slice(0, start) + "ent";
      } else if (/^ements?$/.test(s)) {
        if (start < pV) return false;
        cut(s.length);
        var t = longest(w, ["iv", "eus", "abl", "iqU"]);
        if (t === "iv" && at(t) >= p2) {
          cut(2);
          if (ends("at") && at("at") >= p2) cut(2);
        } else if (t === "eus") {
          if (at(t) >= p2) cut(3);
          else if (at(t) >= p1) w = w.slice(0, -3) + "eux";
        } else if ((t === "abl" || t === "iqU") && at(t) >= p2) {
          cut(3);
        }
      } else if (/^(if|ive|ifs|ives)$/.test(s)) {
        if (start < p2) return false;
        cut(s.length);
        if (ends("at") && at("at") >= p2) {
          cut(2);
          if (ends("ic")) {
            if (at("ic") >= p2) cut(2); else w = w.slice(0, -2) + "iqU";
          }
        }
      } else if (s === "eaux") {
        cut(1);
      } else if (s === "aux") {
        if (start < p1) return false;
        w = w.slice(0, start) + "al";
      } else if (s === "oux") {
        if (!/[bhjlnp]$/.test(w.slice(0, start))) return false;
        cut(1);
      } else if (/^euses?$/.test(s)) {
        if (start >= p2) cut(s.length);
        else if (start >= p1) w = w.slice(0, start) + "eux";
        else return false;
      } else if (/^issements?$/.test(s)) {
        if (start < p1 || start < 1 || frVowel(w[start - 1])) return false;
        cut(s.length);
      } else if (s === "amment" || s === "emment") {
        if (start >= pV) w = w.slice(0, start) + (s === "amment" ? "ant" : "ent");
        return false;
      } else {  // ment, ments: after a vowel in RV, then the verb suffixes
        if (start >= 1 && frVowel(w[start - 1]) && start - 1 >= pV) cut(s.length);
        return false;
      }
      return true;
    }

    function iVerb() {
      var s = longest(w, FR_I_VERB, pV);
      if (!s || at(s) <= pV || frVowel(w[at(s) - 1])) return false;  // after a non-vowel in RV
      cut(s.length);
      return true;
    }

    function verb() {
      var s = longest(w, ["ions"].concat(FR_VERB_DELETE, FR_VERB_E), pV);
      if (!s) return false;
      if (s === "ions") {
        if (at(s) < p2) return false;
        cut(4);
      } else {
        cut(s.length);
        if (FR_VERB_E.indexOf(s) >= 0 && ends("e") && at("e") >= pV) cut(1);
      }
      return true;
    }

    function residual() {
      if (ends("s") && w.length >= 2 && "aious".indexOf(w[w.length - 2]) < 0) cut(1);
      var s = longest(w, ["ion", "ier", "Ier", "e"], pV);
      if (!s) return;
      if (s === "ion") {
        if (at(s) >= p2 && at(s) - 1 >= pV && /[st]$/.test(w.slice(0, at(s)))) cut(3);
      } else if (s === "e") {
        cut(1);
      } else {
        w = w.slice(0, at(s)) + "i";
      }
    }

    if (standard() || iVerb() || verb()) {
      if (ends("Y")) w = w.slice(0, -1) + "i";
    } else {
      residual();
    }
    if (/(enn|onn|ett|ell|eill)$/.test(w)) cut(1);
    return w.replace(/I/g, "i").replace(/U/g, "u").replace(/Y/g, "y");
  }

  // The stem of a word (folded first) in a language ("en", "fr").
  function stem(word, lang) {
    var w = fold(word);
    return lang === "fr" ? french(w) : english(w);
  }

  // The stems of the words of a text.
  function stems(text, lang) {
    return (fold(text || "").match(WORD) || []).map(function (w) { return stem(w, lang); });
  }

  // Whether every stem of `query` starts a stem of `text` (both lists of
  // stems), as the site search matches the words typed.
  function finds(query, text) {
    return query.every(function (q) {
      return text.some(function (t) { return t.lastIndexOf(q, 0) === 0; });
    });
  }

  root.EditionStem = { fold: fold, stem: stem, stems: stems, finds: finds };
})(typeof window !== "undefined" ? window : globalThis);
