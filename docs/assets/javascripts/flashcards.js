/*
 * Flashcards with spaced repetition (docs/practice/flashcards.md).
 *
 * The deck (practice/flashcards.json, made at build time by
 * handbook_build/flashcards.py) is fetched only when the practice page opens;
 * on every other page this script finds no `.flashcards` block and does
 * nothing. Review state goes through the progress store (progress-store.js,
 * window.handbookProgress), so it survives reloads, merges across tabs and
 * travels in the tracker's export and import. Plain ES2020, no dependencies.
 *
 * Scheduling is SM-2 (SuperMemo 2), in two pure functions that take the time
 * as an argument (`sm2`, `schedule`), so Node can test them:
 *   const { sm2, schedule } = require("./flashcards.js");
 *
 * Keyboard: Space shows the answer, 1-4 grade it (Again, Hard, Good, Easy);
 * every control is also a button reachable with Tab.
 *
 * Card text comes from our own build, but it still reaches the page only
 * through textContent: `code` spans become <code> elements, nothing is markup.
 */
(() => {
  "use strict";

  /* ------------------------------------------------------------------ */
  /* SM-2: pure, and given the time                                      */
  /* ------------------------------------------------------------------ */

  const START_EF = 2.5;
  const MIN_EF = 1.3;
  // The four buttons and the SM-2 quality (0-5) each one stands for.
  const GRADES = [
    { key: "1", name: "again", label: "Again", quality: 1 },
    { key: "2", name: "hard", label: "Hard", quality: 3 },
    { key: "3", name: "good", label: "Good", quality: 4 },
    { key: "4", name: "easy", label: "Easy", quality: 5 },
  ];

  /**
   * One SM-2 step. `state` is {reps, ef, interval} (null for a new card),
   * `quality` 0-5. A quality below 3 is a failure: repetitions start again
   * (next interval 1 day) and the ease factor stays. Otherwise the ease factor
   * moves by 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02), never below 1.3, and the
   * interval is 1 day, then 6, then the last interval times the new ease
   * factor, rounded to whole days.
   */
  function sm2(state, quality) {
    if (!Number.isInteger(quality) || quality < 0 || quality > 5) throw new RangeError("quality is 0 to 5");
    const reps = state ? state.reps : 0;
    const ef = state ? state.ef : START_EF;
    const interval = state ? state.interval : 0;
    if (quality < 3) return { reps: 0, ef, interval: 1 };
    const miss = 5 - quality;
    // Kept to two decimals: every step moves it by whole hundredths.
    const nextEf = Math.max(MIN_EF, Math.round((ef + 0.1 - miss * (0.08 + miss * 0.02)) * 100) / 100);
    const nextReps = reps + 1;
    const nextInterval = nextReps === 1 ? 1 : nextReps === 2 ? 6 : Math.max(1, Math.round(interval * nextEf));
    return { reps: nextReps, ef: nextEf, interval: nextInterval };
  }

  /** "YYYY-MM-DD" of `date` in the reader's time zone: reviews are due on days, not hours. */
  function localDay(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }

  function addDays(day, days) {
    const date = new Date(`${day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
  }

  /**
   * The stored review after grading `quality` at time `now` (a Date: the
   * injected clock). Returns {reps, ef, interval, due, reviewed}.
   */
  function schedule(review, quality, now) {
    const next = sm2(review, quality);
    const today = localDay(now);
    return { reps: next.reps, ef: next.ef, interval: next.interval, due: addDays(today, next.interval), reviewed: today };
  }

  /** "new" (never reviewed), "due" (its day has come) or "learned" (due later). */
  const cardState = (review, today) => (!review ? "new" : review.due <= today ? "due" : "learned");

  /** Due cards first (the longest waiting first), then new ones in deck order. */
  function queue(cards, reviews, today) {
    const due = [];
    const fresh = [];
    for (const card of cards) {
      const review = reviews.get(card.id);
      const state = cardState(review, today);
      if (state === "due") due.push([review.due, card]);
      else if (state === "new") fresh.push(card);
    }
    due.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return [...due.map(([, card]) => card), ...fresh];
  }

  function counts(cards, reviews, today) {
    const result = { due: 0, new: 0, learned: 0 };
    for (const card of cards) result[cardState(reviews.get(card.id), today)] += 1;
    return result;
  }

  const api = { sm2, schedule, localDay, addDays, cardState, queue, counts, GRADES, START_EF, MIN_EF };
  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof window === "undefined" || window.handbookFlashcards) return;

  /* ------------------------------------------------------------------ */
  /* The practice page                                                   */
  /* ------------------------------------------------------------------ */

  const store = window.handbookProgress;
  const MAX_DECK_BYTES = 5 * 1024 * 1024;
  const DECK_LABELS = new Map([
    ["", "All cards"],
    ["glossary", "Glossary terms"],
    ["interview", "Interview questions"],
  ]);
  // The page renders only when the store loaded (initPage), so its helpers are there then.
  const { plural, h, saveFailureText } = store ? store.util : {};

  /** Text with `code` spans as <code> elements; everything else a text node. */
  function inline(text) {
    return String(text)
      .split(/(`[^`]+`)/)
      .filter(Boolean)
      .map((part) => {
        const code = part.length > 2 && part.startsWith("`") && part.endsWith("`");
        return code ? h("code", {}, [part.slice(1, -1)]) : part;
      });
  }

  const days = (n) => (n === 1 ? "1 day" : `${n} days`);
  const now = () => new Date();

  /** The deck file as a list of cards; throws Error saying what is wrong. */
  function readDeck(data) {
    if (!data || typeof data !== "object" || data.version !== 1 || !Array.isArray(data.cards)) {
      throw new Error("it is not a flashcard deck of version 1");
    }
    const cards = [];
    const seen = new Set();
    for (const card of data.cards) {
      const ok =
        card &&
        typeof card.id === "string" &&
        !store.rules.cardIdProblem(card.id) &&
        DECK_LABELS.has(card.deck) &&
        card.deck !== "" &&
        typeof card.section === "string" &&
        typeof card.front === "string" &&
        Array.isArray(card.back) &&
        card.back.every((point) => typeof point === "string") &&
        typeof card.link === "string" &&
        typeof card.title === "string";
      if (!ok || seen.has(card.id)) throw new Error("it holds a malformed card");
      seen.add(card.id);
      cards.push(card);
    }
    return cards;
  }

  // Kept while browsing between pages; a full reload starts with everything.
  const filters = { deck: "", section: "" };
  let current = null;

  class Flashcards {
    constructor(root) {
      this.root = root;
      this.cards = [];
      this.card = null;
      this.revealed = false;
      this.stats = { reviews: 0 };
      root.querySelectorAll(".flashcards-nojs").forEach((node) => {
        node.hidden = true;
      });
      this.messages = h("div", { class: "flashcards-messages", role: "status", "aria-live": "polite" });
      this.status = h("p", { class: "flashcards-counts", role: "status", "aria-live": "polite" });
      this.deckSelect = h("select", { id: "flashcards-deck", "data-action": "deck" });
      this.sectionSelect = h("select", { id: "flashcards-section", "data-action": "section" });
      const filterBox = h("div", { class: "flashcards-filters" }, [
        h("div", {}, [h("label", { for: "flashcards-deck" }, ["Deck"]), this.deckSelect]),
        h("div", {}, [h("label", { for: "flashcards-section" }, ["Section"]), this.sectionSelect]),
      ]);
      this.front = h("p", { class: "flashcards-front", id: "flashcards-front" });
      this.source = h("p", { class: "flashcards-source" });
      this.back = h("div", { class: "flashcards-back", id: "flashcards-back", hidden: true });
      this.reveal = h(
        "button",
        {
          type: "button",
          class: "flashcards-button flashcards-reveal",
          "data-action": "reveal",
          "aria-keyshortcuts": "Space",
        },
        ["Show answer", h("span", { class: "flashcards-key", "aria-hidden": "true" }, ["Space"])],
      );
      this.grades = h("div", {
        class: "flashcards-grades",
        role: "group",
        "aria-label": "How well did you know it?",
        hidden: true,
      });
      this.gradeButtons = GRADES.map((grade) => {
        const when = h("span", { class: "flashcards-when" });
        const button = h(
          "button",
          {
            type: "button",
            class: `flashcards-button flashcards-grade flashcards-grade--${grade.name}`,
            "data-action": "grade",
            "data-grade": grade.name,
            "aria-keyshortcuts": grade.key,
          },
          [h("span", { class: "flashcards-key", "aria-hidden": "true" }, [grade.key]), grade.label, " ", when],
        );
        this.grades.append(button);
        return { grade, button, when };
      });
      this.problem = h("p", { class: "flashcards-problem", role: "alert", hidden: true });
      this.done = h("p", { class: "flashcards-done", hidden: true });
      this.cardBox = h("section", { class: "flashcards-card", "aria-label": "Flashcard", hidden: true }, [
        this.source,
        this.front,
        this.reveal,
        this.back,
        this.grades,
        this.problem,
      ]);
      root.append(this.messages, filterBox, this.status, this.cardBox, this.done);
      root.addEventListener("click", (event) => this.onClick(event));
      root.addEventListener("change", (event) => this.onChange(event));
      this.showNotices(store.cards.load());
      this.load();
    }

    async load() {
      const url = new URL(this.root.dataset.deck, window.location.href);
      let cards;
      try {
        const response = await fetch(url, { credentials: "same-origin" });
        if (!response.ok) throw new Error(`the server answered ${response.status}`);
        const text = await response.text();
        if (text.length > MAX_DECK_BYTES) throw new Error("it is too large");
        let data;
        try {
          data = JSON.parse(text);
        } catch {
          throw new Error("it is not valid JSON");
        }
        cards = readDeck(data);
      } catch (error) {
        if (!this.root.isConnected) return;
        this.message("error", `The flashcards could not be loaded: ${error.message}.`);
        return;
      }
      if (!this.root.isConnected) return; // the reader moved on meanwhile
      this.cards = cards;
      this.buildFilters();
      this.next();
      this.root.classList.add("flashcards--ready");
    }

    buildFilters() {
      this.deckSelect.replaceChildren(...[...DECK_LABELS].map(([value, label]) => h("option", { value }, [label])));
      const sections = [...new Set(this.cards.map((card) => card.section).filter(Boolean))].sort();
      this.sectionSelect.replaceChildren(
        h("option", { value: "" }, ["All sections"]),
        ...sections.map((section) => h("option", { value: section }, [section])),
      );
      if (!DECK_LABELS.has(filters.deck)) filters.deck = "";
      if (filters.section && !sections.includes(filters.section)) filters.section = "";
      this.deckSelect.value = filters.deck;
      this.sectionSelect.value = filters.section;
    }

    /** The cards the filters let through. A section holds interview questions only. */
    selection() {
      return this.cards.filter(
        (card) => (!filters.deck || card.deck === filters.deck) && (!filters.section || card.section === filters.section),
      );
    }

    /** Show the first card of the queue (or say none is due), and the counts. */
    next({ focus = false } = {}) {
      const today = localDay(now());
      const reviews = store.cards.entries();
      const selected = this.selection();
      const tally = counts(selected, reviews, today);
      this.root.dataset.due = String(tally.due);
      this.root.dataset.new = String(tally.new);
      this.root.dataset.learned = String(tally.learned);
      this.status.textContent =
        `${plural(selected.length, "card")} in this selection: ${tally.due} due, ${tally.new} new, ` +
        `${tally.learned} learned (not due until later).`;
      this.card = queue(selected, reviews, today)[0] ?? null;
      this.revealed = false;
      this.problem.hidden = true;
      if (!this.card) {
        this.cardBox.hidden = true;
        this.done.hidden = false;
        const upcoming = [...reviews.entries()]
          .filter(([id]) => selected.some((card) => card.id === id))
          .map(([, review]) => review.due)
          .sort()[0];
        this.done.textContent = selected.length
          ? `Nothing is due in this selection${upcoming ? `; the next card is due on ${upcoming}` : ""}.`
          : "No cards match these filters.";
        if (focus) {
          this.done.tabIndex = -1;
          this.done.focus();
        }
        return;
      }
      this.done.hidden = true;
      this.cardBox.hidden = false;
      this.cardBox.dataset.cardId = this.card.id;
      const review = reviews.get(this.card.id);
      this.source.textContent =
        (this.card.deck === "glossary" ? "Glossary term" : `Interview question · ${this.card.section || this.card.title}`) +
        (review ? ` · reviewed ${review.reviewed}, due ${review.due}` : " · new");
      this.front.replaceChildren(...inline(this.card.front));
      this.back.hidden = true;
      this.grades.hidden = true;
      this.reveal.hidden = false;
      for (const { grade, when } of this.gradeButtons) {
        when.textContent = `(next in ${days(schedule(review ?? null, grade.quality, now()).interval)})`;
      }
      if (focus) this.reveal.focus();
    }

    show() {
      if (!this.card || this.revealed) return;
      this.revealed = true;
      const card = this.card;
      const points =
        card.back.length === 1
          ? [h("p", {}, inline(card.back[0]))]
          : [h("ul", {}, card.back.map((point) => h("li", {}, inline(point))))];
      const link = h("a", { href: new URL(card.link, new URL(this.root.dataset.site, window.location.href)).href }, [
        card.deck === "glossary" ? `${card.front} in the glossary` : `Read: ${card.title}, In the interview`,
      ]);
      const label = card.deck === "glossary" ? "Definition" : "What a strong answer contains";
      this.back.replaceChildren(h("p", { class: "flashcards-back__label" }, [label]), ...points, h("p", {}, [link]));
      this.back.hidden = false;
      this.reveal.hidden = true;
      this.grades.hidden = false;
      this.gradeButtons[2].button.focus();
    }

    grade(name) {
      const grade = GRADES.find((item) => item.name === name);
      if (!this.card || !this.revealed || !grade) return;
      const id = this.card.id;
      const result = store.cards.change((base) => {
        const cell = base.get(id);
        const review = cell?.review?.value ?? null;
        return [{ id, field: "review", value: schedule(review, grade.quality, now()) }];
      });
      this.showNotices(result.notices);
      if (!result.ok) {
        this.problem.textContent = `Not saved: ${saveFailureText(result.reason)}. The card stays as it was.`;
        this.problem.hidden = false;
        return;
      }
      this.stats.reviews += 1;
      this.next({ focus: true });
    }

    /** Another tab reviewed cards: show what is due now. */
    refresh(notices) {
      this.showNotices(notices);
      if (!this.cards.length) return;
      const shown = this.card?.id;
      const wasRevealed = this.revealed;
      this.next();
      if (wasRevealed && this.card?.id === shown) this.show();
    }

    message(kind, text) {
      this.messages.append(h("div", { class: `flashcards-message flashcards-message--${kind}` }, [h("p", {}, [text])]));
    }

    showNotices(notices) {
      for (const notice of notices) this.message(notice.kind, notice.text);
    }

    onClick(event) {
      const button = event.target.closest("button[data-action]");
      if (!button || !this.root.contains(button)) return;
      if (button.dataset.action === "reveal") this.show();
      else if (button.dataset.action === "grade") this.grade(button.dataset.grade);
    }

    onChange(event) {
      const action = event.target.dataset.action;
      if (action !== "deck" && action !== "section") return;
      filters[action] = event.target.value;
      this.next();
    }

    onKey(event) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target;
      const tag = target && target.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target?.isContentEditable) return;
      if (event.key === " " && !this.revealed && this.card) {
        // A focused button clicks itself on Space; anywhere else Space would scroll.
        if (tag === "BUTTON" || tag === "A") return;
        event.preventDefault();
        this.show();
      } else if (this.revealed) {
        const grade = GRADES.find((item) => item.key === event.key);
        if (!grade) return;
        event.preventDefault();
        this.grade(grade.name);
      }
    }
  }

  function initPage() {
    const root = document.querySelector(".flashcards[data-deck]");
    if (!root || !store) {
      current = null;
      return;
    }
    if (current && current.root === root) return;
    current = new Flashcards(root);
  }

  // Global listeners, attached once for the whole visit.
  document.addEventListener("keydown", (event) => {
    if (current && current.root.isConnected) current.onKey(event);
  });
  if (store) {
    store.subscribe(({ part, notices }) => {
      if (part === "cards" && current && current.root.isConnected) current.refresh(notices);
    });
  }

  window.handbookFlashcards = Object.freeze({
    ...api,
    get current() {
      return current;
    },
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    // Material emits each page, the first one included, once it is in place.
    window.document$.subscribe(() => initPage());
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initPage, { once: true });
  } else {
    initPage();
  }
})();
