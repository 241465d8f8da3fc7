// The search page's script, the site's only one (theme/templates/search.html).
//
// It reads what was asked from the page's address (?q=words&tag=...&year=...),
// searches the Pagefind indexes the build wrote to pagefind/ (one for the
// pages, one for each year of entries, listed in pagefind/indexes.json and
// merged here) and shows what it finds: at once, as the reader types, and on
// Enter. A hit in a Q&A answer links to its question's anchor.
//
// Each index is searched on its own (a filter on its name): when an index has
// no word that starts with a search word, Pagefind matches the longest shorter
// word it has instead ("in" for "interview"), or searches without that word,
// so a year without it would answer with nearly every entry. The best result
// of each index tells whether it did; such an index's results are left out.

const PAGE_SIZE = 10;
const SECTIONS_PER_PAGE = 3;
const TYPING_PAUSE_MS = 200;

// This file is theme/js/search.js: the site's root is two folders up.
const siteRoot = new URL("../../", import.meta.url);
const form = document.getElementById("search-form");
const words = form.elements.namedItem("q");
const tag = form.elements.namedItem("tag");
const year = form.elements.namedItem("year");
const results = document.getElementById("search-results");
const status = document.getElementById("search-status");
const list = document.getElementById("search-list");
const more = document.getElementById("search-more");
const pageTitle = document.title;

let pagefind = null; // the merged indexes and their names, loaded once
let latest = 0; // the newest search asked for; older answers are dropped
let waiting = []; // results found but not shown yet
let typing = null;
let prompting = false; // the status asks for words: once they come, it says more

function loadIndexes() {
  pagefind ??= (async () => {
    const listed = await fetch(new URL("pagefind/indexes.json", siteRoot));
    if (!listed.ok) throw new Error(`pagefind/indexes.json: ${listed.status}`);
    const { indexes } = await listed.json();
    if (indexes.length === 0) return null;
    const bundle = (index) => new URL(`pagefind/${index.name}/`, siteRoot);
    const found = await import(new URL("pagefind.js", bundle(indexes[0])).href);
    const options = (index) => ({
      baseUrl: siteRoot.pathname,
      excerptLength: 24,
      mergeFilter: { index: index.name },
    });
    await found.options(options(indexes[0]));
    await found.init();
    await Promise.all(
      indexes.slice(1).map((index) => found.mergeIndex(bundle(index).pathname, options(index))),
    );
    return { search: found.search, names: indexes.map((index) => index.name) };
  })();
  return pagefind;
}

// Words as Pagefind compares them: lower case, no accents, letters and digits.
function plain(word) {
  return word.normalize("NFD").replace(/[^\p{L}\p{N}]/gu, "").toLowerCase();
}

// Whether `word` is a much shorter start of the search word `term`: what
// Pagefind falls back on when an index has no word starting with `term`.
function fallsBack(word, term) {
  return (
    word.length < term.length &&
    term.startsWith(word) &&
    (word.length < 3 || term.length - word.length > 4)
  );
}

function sameStart(word, term) {
  let length = 0;
  while (length < word.length && word[length] === term[length]) length += 1;
  return length;
}

// Whether `word` is one a search for `term` rightly finds: `term` starts it,
// or it shares the start of `term`'s other forms ("hired" for "hiring").
function answers(word, term) {
  return (
    word.startsWith(term) ||
    (sameStart(word, term) >= Math.min(3, term.length) && !fallsBack(word, term))
  );
}

// Whether a page found lacks one of the search words: Pagefind matched it by
// its fallback, or left out a word its index does not have at all. The words
// matched (at `locations` in its `content`) and its metadata (title, date, its
// tags' keys) tell.
function lacksSomeWord(page, terms) {
  const text = page.content.split(/\s+/);
  const matched = page.locations.map((location) => plain(text[location] || ""));
  const meta = Object.values(page.meta || {}).join(" ").split(/\s+/).map(plain);
  const words = [...matched, ...meta];
  return terms.some((term) => !words.some((word) => answers(word, term)));
}

// The results of every index, each searched on its own, best first; those of
// an index that answered a search word by its fallback are left out. A tag
// is searched as its key, a word of the entries that have it; a year is an
// index of its own.
async function searchIndexes(indexes, { q, tag, year }) {
  const key = tag ? tagKey(tag) : "";
  const searched = [q, key].filter(Boolean).join(" ");
  const terms = searched.split(/\s+/).map(plain).filter(Boolean);
  const names = year ? indexes.names.filter((name) => name === year) : indexes.names;
  const answers = await Promise.all(
    names.map((index) => indexes.search(searched || null, { filters: { index } })),
  );
  const kept = await Promise.all(
    answers.map(async ({ results }) => {
      if (results.length === 0 || terms.length === 0) return results;
      return lacksSomeWord(await results[0].data(), terms) ? [] : results;
    }),
  );
  return kept.flat().sort((a, b) => b.score - a.score);
}

function tagKey(name) {
  const option = [...tag.options].find((choice) => choice.value === name);
  return option ? option.dataset.searchKey : "";
}

function question() {
  return {
    q: words.value.trim(),
    tag: tag ? tag.value : "",
    year: year ? year.value : "",
  };
}

function showQuestionInAddress({ q, tag, year }) {
  const address = new URL(location.href);
  for (const [name, value] of Object.entries({ q, tag, year })) {
    if (value) address.searchParams.set(name, value);
    else address.searchParams.delete(name);
  }
  history.replaceState(null, "", address);
  document.title = q ? `“${q}” · ${pageTitle}` : pageTitle;
}

function say(...parts) {
  status.replaceChildren(...parts);
}

function link(text, path) {
  const element = document.createElement("a");
  element.href = new URL(path, siteRoot).href;
  element.textContent = text;
  return element;
}

// " for “words” tagged x from 2023": what was asked, as the status tells it.
function asking({ q, tag, year }) {
  return [q ? ` for “${q}”` : "", tag ? ` tagged ${tag}` : "", year ? ` from ${year}` : ""].join("");
}

async function search() {
  const asked = question();
  const number = ++latest;
  clearTimeout(typing);
  showQuestionInAddress(asked);
  if (!asked.q && !asked.tag && !asked.year) {
    waiting = [];
    list.replaceChildren();
    more.hidden = true;
    say("Type a word or two: every entry and page is searched.");
    prompting = true;
    return;
  }
  results.setAttribute("aria-busy", "true");
  // The last answer stays until the next one comes; but words typed while
  // the index loads (seconds on a slow network) are not met with the prompt.
  if (!status.hasChildNodes() || prompting) say("Searching…");
  prompting = false;
  try {
    const indexes = await loadIndexes();
    if (number !== latest) return;
    if (indexes === null) {
      say("There is nothing to search yet: the journal has no entries or pages.");
      return;
    }
    const found = await searchIndexes(indexes, asked);
    if (number !== latest) return;
    waiting = found;
    list.replaceChildren();
    await showMore(number);
    if (number !== latest) return;
    if (found.length === 0) {
      say(
        `Nothing found${asking(asked)}. Try other or fewer words, or browse the `,
        link("archives", "archives/"),
        " and ",
        link("tags", "tags/"),
        ".",
      );
    } else {
      const count = found.length;
      say(`${count === 1 ? "1 page" : `${count} pages`} found${asking(asked)}.`);
    }
  } catch (error) {
    if (number !== latest) return;
    say(
      `Search could not load its index (${error.message}): it is written by ` +
        "invoke build and needs the site served over HTTP (invoke serve). " +
        "Meanwhile the ",
      link("archives", "archives/"),
      " list every entry.",
    );
  } finally {
    if (number === latest) results.removeAttribute("aria-busy");
  }
}

async function showMore(number) {
  const batch = waiting.slice(0, PAGE_SIZE);
  waiting = waiting.slice(PAGE_SIZE);
  const pages = await Promise.all(batch.map((result) => result.data()));
  if (number !== latest) return null;
  const items = pages.flatMap(resultItems);
  list.append(...items);
  more.hidden = waiting.length === 0;
  return items[0] || null;
}

// A page found shows the sections where its words are (the questions of a Q&A
// page, each linked at its anchor), or else itself (an entry).
function resultItems(page) {
  const anchored = (page.sub_results || []).filter((section) => section.anchor);
  const sections = anchored.length > 0 ? anchored : [page];
  return sections.slice(0, SECTIONS_PER_PAGE).map((section) =>
    resultItem({
      title: section.anchor ? section.title : page.meta.title,
      url: section.anchor ? anchoredUrl(page, section) : page.url,
      excerpt: section.excerpt,
      within: section.anchor ? page.meta.title : null,
      date: page.meta.date,
      dateText: page.meta.date_text,
    }),
  );
}

// A question's heading sits at the top of its section, whose id is the
// question's anchor (leadership/#how-do-you-...): link that, not the heading.
function anchoredUrl(page, section) {
  const holder = (page.anchors || []).find(
    (anchor) =>
      anchor.element === "section" &&
      anchor.location === section.anchor.location &&
      anchor.id !== section.anchor.id,
  );
  return holder ? `${page.url}#${holder.id}` : section.url;
}

function resultItem({ title, url, excerpt, within, date, dateText }) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  heading.className = "search-result-title";
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.textContent = title;
  heading.append(anchor);
  item.append(heading);
  const context = document.createElement("p");
  context.className = "entry-meta";
  if (within) {
    context.textContent = `In ${within}`;
  } else if (date && dateText) {
    const time = document.createElement("time");
    time.dateTime = date;
    time.textContent = dateText;
    context.append(time);
  }
  if (context.hasChildNodes()) item.append(context);
  const text = document.createElement("p");
  text.className = "search-result-excerpt";
  // Pagefind escapes the page's text and marks the words found with <mark>.
  text.innerHTML = excerpt;
  item.append(text);
  return item;
}

function searchSoon() {
  clearTimeout(typing);
  typing = setTimeout(search, TYPING_PAUSE_MS);
}

const asked = new URLSearchParams(location.search);
words.value = asked.get("q") || "";
for (const select of [tag, year]) {
  if (select && [...select.options].some((o) => o.value === asked.get(select.name))) {
    select.value = asked.get(select.name);
  }
}
form.addEventListener("submit", (event) => {
  event.preventDefault();
  search();
});
words.addEventListener("input", searchSoon);
words.addEventListener("focus", () => loadIndexes().catch(() => {}), { once: true });
for (const select of [tag, year]) select?.addEventListener("change", search);
more.addEventListener("click", async () => {
  const first = await showMore(latest);
  first?.querySelector("a")?.focus();
});
search();
