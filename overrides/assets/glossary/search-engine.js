/* The search engine, without any page: words, ranking and the index files.
 *
 * Index files (hooks/search_index.py): names.json, one row per page with every name it answers
 * to (a name is its text, or [text, homonym qualifier, 1 if to avoid, loanword's language]), loaded on the first use
 * of the search; text-<n>.json, full-text postings sharded by a hash of each stem, fetched only
 * for the words of a query.
 *
 * Ranking: exact name > name beginning with the query > name containing its words > name within
 * a typo (Damerau–Levenshtein 1 for words of 5–7 letters, 2 from 8) > full text. fold, words,
 * stem, keys and shardOf repeat hooks/search_index.py: tests/data/search_vectors.json holds both
 * to the same results. Which words to leave out and how plurals end is data, per language, that
 * comes with names.json: a name is keyed with the rules of its own language, a query with each
 * language's to match the names of that language, the full text with the index's language. */

const LIGATURES = { "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss" };

export function fold(text) {
  return String(text)
    .replace(/[œŒæÆß]/g, (char) => LIGATURES[char])
    .normalize("NFKD")
    .replace(/\p{Mn}/gu, "")
    .toLowerCase();
}

export function words(text) {
  return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
}

/* A language's rules, as names.json carries them (hooks/search_index.py, Rules): the stop words
 * and its plural stemmer, { shortest, plurals: [[suffix, to, minLength, unless]] }. */
export function rules(stopWords, stemming) {
  const { shortest = 0, plurals = [] } = stemming || {};
  return { stopWords: new Set(stopWords), shortest, plurals };
}

/* The singular of a folded word: the first plural rule that applies replaces its ending. */
export function stem(word, { shortest, plurals }) {
  if (word.length < shortest || !/^\p{L}+$/u.test(word)) return word;
  for (const [suffix, to, minLength, unless] of plurals) {
    if (word.endsWith(suffix) && word.length >= minLength && !(unless && word.endsWith(unless))) {
      return word.slice(0, word.length - suffix.length) + to;
    }
  }
  return word;
}

export function keys(text, language, keepIfEmpty = true) {
  const found = words(text);
  const kept = found.filter((word) => !language.stopWords.has(word));
  return (kept.length ? kept : keepIfEmpty ? found : []).map((word) => stem(word, language));
}

export function shardOf(key, shards) {
  let value = 0x811c9dc5;
  for (const char of key) value = Math.imul(value ^ char.codePointAt(0), 0x01000193) >>> 0;
  return value % shards;
}

/* Typos a word of this many letters may hold. */
export function allowedTypos(length) {
  return length >= 8 ? 2 : length >= 5 ? 1 : 0;
}

/* Damerau–Levenshtein distance (optimal string alignment), or limit + 1 once it exceeds it. */
export function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2] + 1);
      }
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/* Name kinds, best first. */
export const KIND = { term: 0, abbreviation: 1, alias: 2, otherLanguage: 3, title: 4 };
/* Tiers, best first. */
export const TIER = { exact: 0, prefix: 1, contains: 2, typo: 3, text: 4 };

export class SearchIndex {
  constructor(data, baseUrl) {
    this.baseUrl = baseUrl; // where text-<n>.json live
    this.shards = data.shards;
    this.lang = data.lang;
    this.otherLang = data.other_lang;
    this.languages = {}; // the rules of every language of the index's names, by code
    for (const [code, stemming] of Object.entries(data.stemming)) {
      this.languages[code] = rules(data.stop_words, stemming);
    }
    this.shardCache = new Map();
    this.vocabulary = new Set();
    this.docs = data.docs.map((row, id) => {
      const [url, title, abbreviation, summary, names, otherNames] = row;
      // the languages of the names, given only when not the index's two (not yet translated)
      const [namesLang, otherNamesLang] = row[6] || [this.lang, this.otherLang];
      // the other language's term: what a name to avoid of that language stands for
      const { text: otherTerm = "", spelt: otherTermSpelt = "" } = otherNames.length
        ? nameOf(otherNames[0])
        : {};
      // a loanword as the term (« Lead » on the French site): marked for screen readers
      const titleLang = names.length ? nameOf(names[0]).spelt : "";
      const doc = { id, url, title, titleLang, abbreviation, summary, names: [] };
      Object.assign(doc, { otherTerm, otherTermSpelt });
      const isTerm = otherNames.length > 0 || Boolean(abbreviation);
      names.forEach((item, position) => {
        const { text } = nameOf(item);
        const kind = !isTerm
          ? KIND.title
          : position === 0
            ? KIND.term
            : text === abbreviation
              ? KIND.abbreviation
              : KIND.alias;
        doc.names.push(this.name(item, kind, namesLang));
      });
      for (const item of otherNames) {
        doc.names.push(this.name(item, KIND.otherLanguage, otherNamesLang));
      }
      return doc;
    });
  }

  name(item, kind, lang) {
    const { text, homonym, avoid, spelt } = nameOf(item);
    const nameKeys = keys(text, this.languages[lang]);
    for (const key of nameKeys) this.vocabulary.add(key);
    // lang: the language of the entry part it belongs to (its search rules); spelt: the
    // language a loanword is read in, when another one
    return { text, kind, lang, keys: nameKeys, homonym, avoid, spelt };
  }

  /* Results matched by name, best first: [{doc, tier, kind, cost, name}]. */
  byName(query) {
    // the query's keys by the rules of each language, to match the names of that language
    const wanted = {};
    for (const [code, language] of Object.entries(this.languages)) {
      wanted[code] = keys(query, language);
    }
    if (!wanted[this.lang].length) return [];
    const open = !/\s$/.test(query); // the last word may still be typed
    const results = [];
    for (const doc of this.docs) {
      let best = null;
      for (const name of doc.names) {
        const match = matchName(wanted[name.lang], name.keys, open);
        if (!match) continue;
        const candidate = { doc, name, ...match };
        if (!best || compare(candidate, best) < 0) best = candidate;
      }
      if (best) results.push(best);
    }
    return results.sort(compare);
  }

  /* Shards a query's full-text words live in, fetched once each. */
  shard(number) {
    if (!this.shardCache.has(number)) {
      const url = new URL(`text-${number}.json`, this.baseUrl);
      this.shardCache.set(
        number,
        fetch(url).then((response) => {
          if (!response.ok) throw new Error(`${url}: ${response.status}`);
          return response.json();
        }),
      );
    }
    return this.shardCache.get(number);
  }

  /* Full-text results, best first: pages holding every word of the query. A word found
   * nowhere is read as the closest name word within a typo ("retension" → retention). */
  async byText(query) {
    const wanted = [...new Set(keys(query, this.languages[this.lang], false))];
    if (!wanted.length) return [];
    const lists = await Promise.all(
      wanted.map(async (key) => {
        let postings = (await this.shard(shardOf(key, this.shards)))[key];
        if (!postings) {
          const corrected = this.correct(key);
          if (corrected) postings = (await this.shard(shardOf(corrected, this.shards)))[corrected];
        }
        return postings || [];
      }),
    );
    let scores = null;
    for (const postings of lists) {
      const weight = Math.log(1 + this.docs.length / Math.max(1, postings.length / 2));
      const next = new Map();
      for (let i = 0; i < postings.length; i += 2) {
        const doc = postings[i];
        if (scores === null || scores.has(doc)) {
          next.set(doc, (scores?.get(doc) || 0) + postings[i + 1] * weight);
        }
      }
      scores = next;
    }
    return [...scores]
      .sort(([a, x], [b, y]) => y - x || this.docs[a].title.localeCompare(this.docs[b].title))
      .map(([doc, score]) => ({ doc: this.docs[doc], tier: TIER.text, score }));
  }

  correct(key) {
    const limit = allowedTypos(key.length);
    let best = null;
    let bestCost = limit + 1;
    if (!limit) return null;
    for (const word of this.vocabulary) {
      const cost = distance(key, word, limit);
      if (cost < bestCost) [best, bestCost] = [word, cost];
    }
    return best;
  }

  /* Every result, names first then full text, each page once. */
  async search(query) {
    const named = this.byName(query);
    const seen = new Set(named.map((result) => result.doc.id));
    const text = (await this.byText(query)).filter((result) => !seen.has(result.doc.id));
    return [...named, ...text];
  }
}

/* A name of names.json: "text", or [text, homonym qualifier ("" if none), 1 if to avoid, the
 * loanword's language (if any)]. */
export function nameOf(item) {
  if (typeof item === "string") return { text: item, homonym: "", avoid: false, spelt: "" };
  const [text, homonym = "", avoid = 0, spelt = ""] = item;
  return { text, homonym, avoid: Boolean(avoid), spelt };
}

/* How the query's keys match one name's keys, or null. */
export function matchName(wanted, have, open) {
  const last = wanted.length - 1;
  const same = (i, key) => key === wanted[i] || (open && i === last && key.startsWith(wanted[i]));
  if (have.length === wanted.length && have.every((key, i) => key === wanted[i])) {
    return { tier: TIER.exact, cost: 0, extra: 0 };
  }
  const extra = have.length - wanted.length;
  if (extra >= 0 && wanted.every((_, i) => same(i, have[i]))) {
    return { tier: TIER.prefix, cost: 0, extra };
  }
  if (extra >= 0) {
    const used = new Set();
    const all = wanted.every((_, i) => {
      const at = have.findIndex((key, j) => !used.has(j) && same(i, key));
      if (at < 0) return false;
      used.add(at);
      return true;
    });
    if (all) return { tier: TIER.contains, cost: 0, extra };
    let cost = 0;
    const near = wanted.every((key, i) => {
      if (same(i, have[i])) return true;
      const limit = allowedTypos(key.length);
      let found = distance(key, have[i], limit);
      if (found > limit && open && i === last) {
        // a word still being typed: compare with the name word cut to about its length
        for (let size = key.length - limit; size <= key.length + limit; size++) {
          found = Math.min(found, distance(key, have[i].slice(0, size), limit));
        }
      }
      cost += found;
      return found <= limit;
    });
    if (near) return { tier: TIER.typo, cost, extra };
  }
  return null;
}

function compare(a, b) {
  return (
    a.tier - b.tier ||
    a.cost - b.cost ||
    a.name.kind - b.name.kind ||
    a.extra - b.extra ||
    a.doc.title.localeCompare(b.doc.title)
  );
}

export async function loadIndex(baseUrl) {
  const url = new URL("names.json", baseUrl);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return new SearchIndex(await response.json(), baseUrl);
}
