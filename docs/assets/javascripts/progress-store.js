/*
 * The progress store of the SDE-II Backend Handbook: the one place that
 * reads and writes localStorage, shared by the skill tracker (tracker.js)
 * and the flashcards (flashcards.js). It makes no network requests. Plain
 * ES2020 plus Object.hasOwn, no dependencies. Load it before both.
 *
 * It keeps three parts, each in a localStorage slot of its own:
 *   skills  "sde2-handbook/progress/v1": each skill's {status, note};
 *   cards   "sde2-handbook/flashcards/v1": each flashcard's review state
 *           {reps, ef, interval, due, reviewed} (see flashcards.js);
 *   quizzes "sde2-handbook/quizzes/v1": each quiz question's result
 *           {answered (how many checks), correct (the last one was right),
 *           firstCorrect (the first one was)} (see quizzes.js).
 *
 * Every field of a part carries the stamp of its last change, so two tabs
 * merge their records instead of overwriting each other, and a failed write
 * (storage full or blocked) changes nothing.
 *
 * API, on window.handbookProgress (frozen):
 *   skills.load(migrations) / cards.load() / quizzes.load()  read storage
 *       (repair, upgrade, move renamed skills); returns notices [{kind, text}].
 *   part.entries()      a Map id -> plain entry ({status?, note?}, a review
 *       or a quiz result).
 *   part.change(plan)   plan(base) returns [{id, field, value}]; saved after
 *       re-reading storage. Returns {ok, reason ("", "full", "blocked"),
 *       applied: [{id, field, before, after (stamp)}], notices}.
 *   recordQuiz(id, correct) count one checked answer of quiz `id`; returns
 *       what change() returns.
 *   subscribe(listener) listener({part: "skills" | "cards" | "quizzes", notices}) runs
 *       after another tab changed that part and it was merged in; returns a
 *       function that unsubscribes.
 *   exportText()        the export file: {format, version: 1, skills,
 *       flashcards when any card was reviewed, quizzes when any was answered}.
 *   parseImport(text)   {skills: Map, cards: Map | null (the file has no
 *       flashcards), quizzes: Map | null (the file has no quizzes)}; throws
 *       RefusedError saying why (one bad entry refuses the whole file).
 *       Changes nothing.
 *   replaceParts({skills, cards, quizzes}) make the stored parts equal these
 *       Maps (cards or quizzes null: left as they are); all are saved or none.
 *   sameStamp(a, b), RefusedError, rules (validation of skill entries,
 *       migrations), util (small helpers: h() builds an element,
 *       saveFailureText(reason) says a failed change's reason in words),
 *       stats (write counts for tests).
 *
 * Names from untrusted data (ids, statuses, field names) are looked up only
 * in Maps or after own-property checks, so "constructor" or "__proto__" are
 * plain text like any other.
 */
(() => {
  "use strict";

  // A second copy of this file (e.g. included twice) must not attach twice.
  if (window.handbookProgress) return;

  // The slot keeps the name it was created with; the record inside it says
  // which format it holds (`version`), so older records can be upgraded.
  const STORAGE_KEY = "sde2-handbook/progress/v1";
  const CARDS_KEY = "sde2-handbook/flashcards/v1";
  const QUIZZES_KEY = "sde2-handbook/quizzes/v1";
  const backupKeyOf = (key) => `${key}/corrupt-backup`;
  const STORE_VERSION = 2;
  const CARDS_VERSION = 1;
  const QUIZZES_VERSION = 1;
  const EXPORT_FORMAT = "sde2-handbook-progress";
  const EXPORT_VERSION = 1;
  const MAX_NOTE_CHARS = 2000;
  const MAX_ENTRIES = 5000;
  const MAX_ID_CHARS = 200;
  // As handbook_build/quizzes.py allows them (MAX_ID_CHARS, ID_PATTERN there).
  const MAX_QUIZ_ID_CHARS = 80;
  const MAX_ANSWERS = 1_000_000;

  const STATUS_LABELS = new Map([
    ["not-started", "Not started"],
    ["learning", "Learning"],
    ["done", "Done"],
    ["skipped", "Skipped"],
  ]);
  // When two skills merge, the more advanced status survives.
  const STATUS_RANK = new Map([
    ["not-started", 0],
    ["learning", 1],
    ["skipped", 2],
    ["done", 3],
  ]);
  const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  // Card ids name their source: "glossary/<term>" or "interview/<page>/<question>".
  const CARD_ID_PATTERN = /^[a-z0-9]+(?:[-/][a-z0-9]+)*$/;
  const TAB_PATTERN = /^[a-z0-9]{0,16}$/;
  const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

  /** Numbers for tests and the benchmark; nothing reads them at run time. */
  const stats = { writes: 0 };

  /* ------------------------------------------------------------------ */
  /* Small helpers                                                       */
  /* ------------------------------------------------------------------ */

  const isPlainObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
  const plural = (count, one, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  // What a failed change's `reason` means, in words for the reader.
  const SAVE_FAILURES = new Map([
    ["full", "this browser's storage is full"],
    ["blocked", "this browser blocks local storage"],
  ]);
  const saveFailureText = (reason) => SAVE_FAILURES.get(reason);

  /** Build an element; strings among `children` become text nodes, never markup. */
  function h(tag, attributes = {}, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === false || value === null || value === undefined) continue;
      node.setAttribute(name, value === true ? "" : String(value));
    }
    node.append(...children);
    return node;
  }
  const clip = (value) => {
    const text = String(value);
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
  };
  const compareText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  // Field values are text (skills) or a review object (cards, built in one key order).
  const valueText = (value) => (typeof value === "string" ? value : JSON.stringify(value));
  const sameValue = (a, b) => a === b || valueText(a) === valueText(b);

  /** A Map of id -> value as an object with no prototype, ready for JSON. */
  function toObject(map) {
    const object = Object.create(null);
    for (const [key, value] of map) object[key] = value;
    return object;
  }

  class RefusedError extends Error {}

  /* ------------------------------------------------------------------ */
  /* Skill entries: {status, note}, the shape of exports and imports      */
  /* ------------------------------------------------------------------ */

  const idProblem = (id) => (id.length > MAX_ID_CHARS || !ID_PATTERN.test(id) ? `"${clip(id)}" is not a valid skill id` : "");

  function skillFieldProblem(id, field, value) {
    if (typeof value !== "string") return `the ${field} of "${id}" is not text`;
    if (field === "status" && !STATUS_LABELS.has(value)) return `"${clip(value)}" is not a known status (skill "${id}")`;
    if (field === "note" && value.length > MAX_NOTE_CHARS) {
      return `the note of "${id}" is longer than ${MAX_NOTE_CHARS.toLocaleString("en-US")} characters`;
    }
    return "";
  }

  /* ------------------------------------------------------------------ */
  /* Card reviews: {reps, ef, interval, due, reviewed}                   */
  /* ------------------------------------------------------------------ */

  const cardIdProblem = (id) =>
    id.length > MAX_ID_CHARS || !CARD_ID_PATTERN.test(id) ? `"${clip(id)}" is not a valid flashcard id` : "";

  const REVIEW_KEYS = ["reps", "ef", "interval", "due", "reviewed"];

  function validDay(text) {
    if (typeof text !== "string" || !DAY_PATTERN.test(text)) return false;
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  }

  /** Why `value` is not a review state, or "". */
  function reviewProblem(id, value) {
    if (!isPlainObject(value)) return `the review of flashcard "${id}" is not an object`;
    for (const key of Object.keys(value)) {
      if (!REVIEW_KEYS.includes(key)) return `the review of flashcard "${id}" has an unknown field "${clip(key)}"`;
    }
    const field = (name) => (Object.hasOwn(value, name) ? value[name] : undefined);
    const reps = field("reps");
    const ef = field("ef");
    const interval = field("interval");
    if (!Number.isSafeInteger(reps) || reps < 0 || reps > 100_000) {
      return `the repetitions of flashcard "${id}" are not a whole number from 0`;
    }
    if (typeof ef !== "number" || !Number.isFinite(ef) || ef < 1.3 || ef > 100) {
      return `the ease factor of flashcard "${id}" is not a number from 1.3`;
    }
    if (!Number.isSafeInteger(interval) || interval < 1 || interval > 1_000_000) {
      return `the interval of flashcard "${id}" is not a whole number of days from 1`;
    }
    if (!validDay(field("due"))) return `the due date of flashcard "${id}" is not a date (YYYY-MM-DD)`;
    if (!validDay(field("reviewed"))) return `the review date of flashcard "${id}" is not a date (YYYY-MM-DD)`;
    return "";
  }

  /** A review state in its one key order, so equal states are equal JSON. */
  const normalReview = (value) => ({
    reps: value.reps,
    ef: value.ef,
    interval: value.interval,
    due: value.due,
    reviewed: value.reviewed,
  });

  /* ------------------------------------------------------------------ */
  /* Quiz results: {answered, correct, firstCorrect}                     */
  /* ------------------------------------------------------------------ */

  const quizIdProblem = (id) =>
    id.length > MAX_QUIZ_ID_CHARS || !ID_PATTERN.test(id) ? `"${clip(id)}" is not a valid quiz id` : "";

  const RESULT_KEYS = ["answered", "correct", "firstCorrect"];

  /** Why `value` is not a quiz result, or "". `firstCorrect` may be missing (then it is `correct`). */
  function quizResultProblem(id, value) {
    if (!isPlainObject(value)) return `the result of quiz "${id}" is not an object`;
    for (const key of Object.keys(value)) {
      if (!RESULT_KEYS.includes(key)) return `the result of quiz "${id}" has an unknown field "${clip(key)}"`;
    }
    const field = (name) => (Object.hasOwn(value, name) ? value[name] : undefined);
    const answered = field("answered");
    if (!Number.isSafeInteger(answered) || answered < 1 || answered > MAX_ANSWERS) {
      return `the answer count of quiz "${id}" is not a whole number from 1`;
    }
    if (typeof field("correct") !== "boolean") return `the result of quiz "${id}" does not say if it was right`;
    const first = field("firstCorrect");
    if (first !== undefined && typeof first !== "boolean") {
      return `the first result of quiz "${id}" is not true or false`;
    }
    if (answered === 1 && first !== undefined && first !== value.correct) {
      return `quiz "${id}" was answered once, yet its first and last results differ`;
    }
    return "";
  }

  /** A quiz result in its one key order, so equal results are equal JSON. */
  const normalResult = (value) => ({
    answered: value.answered,
    correct: value.correct,
    firstCorrect: Object.hasOwn(value, "firstCorrect") ? value.firstCorrect : value.correct,
  });

  /* ------------------------------------------------------------------ */
  /* Parts: what differs between the skills, the cards and the quizzes    */
  /* ------------------------------------------------------------------ */
  /*
   * A part has fields, a default for each, and the one validation of its
   * plain entries (`problem(id, entry)`: "" when valid). The stored record
   * of a part is {"version": n, <items>: {id: {field?, "rev": {field?:
   * [clock, tab]}}}}.
   */

  const SKILLS = {
    name: "skills",
    key: STORAGE_KEY,
    version: STORE_VERSION,
    items: "skills",
    fields: ["status", "note"],
    defaults: new Map([
      ["status", "not-started"],
      ["note", ""],
    ]),
    idProblem,
    fieldProblem: skillFieldProblem,
    normal: (field, value) => value,
    what: "progress",
    notRecord: "it is not a progress record",
    started: "The tracker started empty.",
    entryName: ["saved entry", "saved entries"],
    /** The plain entry of a cell; null when every field is at its default. */
    plain(cell) {
      return compactEntry(fieldValue(SKILLS, cell, "status"), fieldValue(SKILLS, cell, "note"));
    },
  };

  const CARDS = {
    name: "cards",
    key: CARDS_KEY,
    version: CARDS_VERSION,
    items: "cards",
    fields: ["review"],
    defaults: new Map([["review", null]]),
    idProblem: cardIdProblem,
    fieldProblem: (id, field, value) => (value === null ? "" : reviewProblem(id, value)),
    normal: (field, value) => (value === null ? null : normalReview(value)),
    what: "flashcard reviews",
    notRecord: "it is not a record of flashcard reviews",
    started: "The flashcards started with no reviews.",
    entryName: ["saved review", "saved reviews"],
    plain(cell) {
      const review = fieldValue(CARDS, cell, "review");
      return review === null ? null : review;
    },
  };

  const QUIZZES = {
    name: "quizzes",
    key: QUIZZES_KEY,
    version: QUIZZES_VERSION,
    items: "quizzes",
    fields: ["result"],
    defaults: new Map([["result", null]]),
    idProblem: quizIdProblem,
    fieldProblem: (id, field, value) => (value === null ? "" : quizResultProblem(id, value)),
    normal: (field, value) => (value === null ? null : normalResult(value)),
    what: "quiz results",
    notRecord: "it is not a record of quiz results",
    started: "The quizzes started with no results.",
    entryName: ["saved quiz result", "saved quiz results"],
    plain(cell) {
      return fieldValue(QUIZZES, cell, "result");
    },
  };

  // Parts whose one field holds the whole entry (a review, a result).
  const WHOLE_ENTRY = new Set([CARDS, QUIZZES]);

  /**
   * Why `entry` is not a valid entry for `id` in `part`, or "" when it is:
   * the one validation of entries. A stored entry (`withRevisions`) also
   * carries `rev`, the stamp of each field's last change.
   */
  function entryProblem(part, id, entry, withRevisions = false) {
    const badId = part.idProblem(id);
    if (badId) return badId;
    if (!isPlainObject(entry)) return `the entry for "${id}" is not an object`;
    for (const key of Object.keys(entry)) {
      if (!part.fields.includes(key) && !(withRevisions && key === "rev")) {
        return `the entry for "${id}" has an unknown field "${clip(key)}"`;
      }
    }
    for (const field of part.fields) {
      const problem = Object.hasOwn(entry, field) ? part.fieldProblem(id, field, entry[field]) : "";
      if (problem) return problem;
    }
    if (!withRevisions) return "";
    const rev = Object.hasOwn(entry, "rev") ? entry.rev : undefined;
    if (!isPlainObject(rev)) return `the entry for "${id}" has no revisions`;
    for (const [key, stamp] of Object.entries(rev)) {
      if (!part.fields.includes(key)) return `the revisions of "${id}" name an unknown field "${clip(key)}"`;
      if (!stampFromJson(stamp)) return `the ${key} revision of "${id}" is malformed`;
    }
    for (const field of part.fields) {
      if (Object.hasOwn(entry, field) && !Object.hasOwn(rev, field)) return `the ${field} of "${id}" has no revision`;
    }
    return "";
  }

  /** The skill entry without defaults; null when nothing is left worth keeping. */
  function compactEntry(status, note) {
    const out = {};
    if (status && status !== "not-started") out.status = status;
    if (note) out.note = note;
    return out.status || out.note ? out : null;
  }

  /** Valid skill entries of a `skills` object as a Map; each invalid one adds to `problems`. */
  function readEntries(skills, problems) {
    const entries = new Map();
    for (const [id, entry] of Object.entries(skills)) {
      const problem = entryProblem(SKILLS, id, entry);
      if (problem) {
        problems.push(problem);
        continue;
      }
      const compact = compactEntry(entry.status, entry.note);
      if (compact) entries.set(id, compact);
    }
    return entries;
  }

  /** Valid card reviews of a `flashcards` object as a Map; each invalid one adds to `problems`. */
  function readReviews(cards, problems) {
    const reviews = new Map();
    for (const [id, review] of Object.entries(cards)) {
      const problem = cardIdProblem(id) || reviewProblem(id, review);
      if (problem) problems.push(problem);
      else reviews.set(id, normalReview(review));
    }
    return reviews;
  }

  /** Merge the entry of a retired id into the current one: the more advanced status, both notes. */
  function mergeEntries(kept, moved) {
    if (!kept) return { entry: moved, shortened: false };
    const rank = (entry) => STATUS_RANK.get(entry.status ?? "not-started");
    const status = rank(moved) > rank(kept) ? moved.status : kept.status;
    let note = [...new Set([kept.note, moved.note].filter(Boolean))].join("\n\n");
    const shortened = note.length > MAX_NOTE_CHARS;
    if (shortened) note = `${note.slice(0, MAX_NOTE_CHARS - 1)}…`;
    return { entry: compactEntry(status, note), shortened };
  }

  /** Move entries of renamed or merged skills to their current ids, in place. */
  function applyMigrations(entries, migrations) {
    let moved = 0;
    let shortened = 0;
    for (const [from, to] of migrations) {
      if (!entries.has(from)) continue;
      const result = mergeEntries(entries.get(to), entries.get(from));
      entries.delete(from);
      if (result.entry) entries.set(to, result.entry);
      moved += 1;
      if (result.shortened) shortened += 1;
    }
    return { moved, shortened };
  }

  const migrationNotice = ({ moved, shortened }) => ({
    kind: "info",
    text:
      `Progress of ${plural(moved, "renamed or merged skill")} moved to ` +
      `${moved === 1 ? "its new name" : "their new names"}.` +
      (shortened ? ` ${plural(shortened, "merged note")} had to be shortened.` : ""),
  });

  /* ------------------------------------------------------------------ */
  /* Revisions: the stored record, merged field by field                  */
  /* ------------------------------------------------------------------ */
  /*
   * Skills (version 2): {"version": 2, "skills": {id: {"status"?, "note"?,
   * "rev": {"status"?: [clock, tab], "note"?: [clock, tab]}}}}. Cards
   * (version 1): {"version": 1, "cards": {id: {"review"?, "rev": {"review":
   * [clock, tab]}}}}. A field with a revision but no value was changed back
   * to its default (a skill reset to "not started", a note cleared, a card's
   * reviews forgotten); the revision stays so that another tab's older value
   * cannot bring it back. Stamps order changes: a Lamport clock (one more
   * than any clock this tab has seen), then the writing tab's id. Merging two
   * records keeps, per id and field, the later stamp; the merge is
   * order-independent, so tabs that keep merging what they see agree.
   *
   * In memory a record is a Map id -> cell, a cell {field?: {value, stamp}}.
   */

  const OLDEST = { clock: 0, tab: "" };

  function stampFromJson(value) {
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [clock, tab] = value;
    if (!Number.isSafeInteger(clock) || clock < 0 || typeof tab !== "string" || !TAB_PATTERN.test(tab)) return null;
    return { clock, tab };
  }

  const compareStamps = (a, b) => a.clock - b.clock || compareText(a.tab, b.tab);
  const sameStamp = (a, b) => Boolean(a && b) && compareStamps(a, b) === 0;
  const fieldValue = (part, cell, field) => cell?.[field]?.value ?? part.defaults.get(field);
  const hasFields = (cell) => Object.keys(cell).length > 0;

  function newTabId() {
    const bytes = new Uint8Array(6);
    window.crypto.getRandomValues(bytes);
    return [...bytes].map((byte) => byte.toString(36).padStart(2, "0")).join("");
  }

  /** Version 1 of skills stored plain entries; they become fields older than any change. */
  function upgradeEntries(entries) {
    const record = new Map();
    for (const [id, entry] of entries) {
      const cell = {};
      for (const field of SKILLS.fields) {
        if (Object.hasOwn(entry, field)) cell[field] = { value: entry[field], stamp: OLDEST };
      }
      record.set(id, cell);
    }
    return record;
  }

  function readRecordItems(part, items, problems) {
    const record = new Map();
    for (const [id, entry] of Object.entries(items)) {
      const problem = entryProblem(part, id, entry, true);
      if (problem) {
        problems.push(problem);
        continue;
      }
      const cell = {};
      for (const field of part.fields) {
        if (!Object.hasOwn(entry.rev, field)) continue;
        const value = Object.hasOwn(entry, field) ? part.normal(field, entry[field]) : part.defaults.get(field);
        cell[field] = { value, stamp: stampFromJson(entry.rev[field]) };
      }
      record.set(id, cell);
    }
    return record;
  }

  /** A stored string as {record, problems}, or {unreadable: reason}. */
  function parseRecord(part, raw) {
    let data;
    try {
      data = JSON.parse(raw);
    } catch {
      return { unreadable: "it is not valid JSON" };
    }
    if (!isPlainObject(data)) return { unreadable: part.notRecord };
    const readable = part === SKILLS ? [1, STORE_VERSION] : [part.version];
    if (!readable.includes(data.version)) {
      return {
        unreadable:
          `its version is ${clip(JSON.stringify(data.version) ?? "missing")}; ` +
          `this page reads ${readable.length === 1 ? "version" : "versions"} ${readable.join(" and ")}`,
      };
    }
    const items = Object.hasOwn(data, part.items) ? data[part.items] : undefined;
    if (!isPlainObject(items)) return { unreadable: `it has no ${part.items} object` };
    const problems = [];
    const record =
      part === SKILLS && data.version === 1
        ? upgradeEntries(readEntries(items, problems))
        : readRecordItems(part, items, problems);
    return { record, problems };
  }

  /** The stored text of a record: ids sorted, so equal records are equal strings. */
  function serializeRecord(part, record) {
    const items = Object.create(null);
    for (const id of [...record.keys()].sort()) {
      const cell = record.get(id);
      const entry = {};
      const rev = {};
      for (const field of part.fields) {
        const current = cell[field];
        if (!current) continue;
        if (!sameValue(current.value, part.defaults.get(field))) entry[field] = current.value;
        rev[field] = [current.stamp.clock, current.stamp.tab];
      }
      if (hasFields(rev)) items[id] = { ...entry, rev };
    }
    return JSON.stringify({ version: part.version, [part.items]: items });
  }

  /** The later of two versions of a field (equal stamps: the larger value, so every tab picks the same). */
  function laterField(a, b) {
    if (!a) return b;
    if (!b) return a;
    return (compareStamps(a.stamp, b.stamp) || compareText(valueText(a.value), valueText(b.value))) >= 0 ? a : b;
  }

  function mergeRecords(part, ...records) {
    const merged = new Map();
    for (const record of records) {
      for (const [id, cell] of record) {
        const have = merged.get(id);
        if (!have) {
          merged.set(id, { ...cell });
          continue;
        }
        for (const field of part.fields) {
          const later = laterField(have[field], cell[field]);
          if (later) have[field] = later;
        }
      }
    }
    return merged;
  }

  function maxClock(part, record) {
    let clock = 0;
    for (const cell of record.values()) {
      for (const field of part.fields) if (cell[field]) clock = Math.max(clock, cell[field].stamp.clock);
    }
    return clock;
  }

  /**
   * Move progress of renamed or merged skills to their current ids, in place.
   * The stamps follow from the record alone, so two tabs upgrading the same
   * record at once write the same thing.
   */
  function migrateRecord(record, migrations) {
    let moved = 0;
    let shortened = 0;
    for (const [from, to] of migrations) {
      const old = record.get(from);
      const movedEntry = old ? SKILLS.plain(old) : null;
      if (!movedEntry) continue;
      const target = record.get(to) ?? {};
      const result = mergeEntries(SKILLS.plain(target), movedEntry);
      const stamp = { clock: maxClock(SKILLS, new Map([[from, old], [to, target]])) + 1, tab: "" };
      const next = { ...target };
      const cleared = {};
      for (const field of SKILLS.fields) {
        const value = result.entry?.[field] ?? SKILLS.defaults.get(field);
        if (value !== fieldValue(SKILLS, target, field)) next[field] = { value, stamp };
        if (old[field]) cleared[field] = { value: SKILLS.defaults.get(field), stamp };
      }
      record.set(to, next);
      record.set(from, cleared);
      moved += 1;
      if (result.shortened) shortened += 1;
    }
    return { moved, shortened };
  }

  /* ------------------------------------------------------------------ */
  /* Storage: the one place that reads and writes localStorage           */
  /* ------------------------------------------------------------------ */

  const storage = {
    /** The stored string or null; throws when the browser blocks storage. */
    read(key) {
      return window.localStorage.getItem(key);
    },
    /** Write or (value null) remove: "" when done, else "full" or "blocked". */
    write(key, value) {
      try {
        if (value === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, value);
        return "";
      } catch (error) {
        return error && error.name === "QuotaExceededError" ? "full" : "blocked";
      }
    },
  };

  const unreadableNotice = (part, reason, kept) => ({
    kind: "warning",
    text:
      `Your saved ${part.what} could not be read: ${reason}. ${part.started} ` +
      (kept
        ? `A copy of the unreadable data is kept in this browser's storage under "${backupKeyOf(part.key)}" ` +
          "(only the latest copy is kept: a later failure replaces it)."
        : "The browser refused to keep a copy of it."),
  });

  const droppedNotice = (part, problems, kept) => ({
    kind: "warning",
    text:
      `${plural(problems.length, ...part.entryName)} could not be read and ` +
      `${problems.length === 1 ? "was" : "were"} dropped (first problem: ${problems[0]}). ` +
      `The rest of your ${part.what} is kept. ` +
      (kept
        ? `The original data is kept under "${backupKeyOf(part.key)}" (only the latest copy is kept).`
        : "The browser refused to keep a copy of the original data."),
  });

  /**
   * This tab's copy of one part: the stored record merged with the changes
   * this tab made itself (fields stamped with its id). Every write first
   * re-reads storage and merges, and every `storage` event from another tab
   * merges too, writing back any change of this tab's that the other had not
   * seen yet. So two tabs never lose each other's changes, even when both
   * write before either has heard of the other (a browser may show a tab a
   * slightly stale storage). Only a tab's own changes are written back: what
   * storage lost otherwise (site data cleared) stays lost.
   */
  class PartStore {
    constructor(part, tab) {
      this.part = part;
      this.tab = tab;
      this.clock = 0;
      this.record = new Map();
      this.text = null;
      this.writable = true;
      this.plain = null;
    }

    /** The plain entries (ids with a non-default value), as a Map. */
    entries() {
      if (!this.plain) {
        this.plain = new Map();
        for (const [id, cell] of this.record) {
          const entry = this.part.plain(cell);
          if (entry) this.plain.set(id, entry);
        }
      }
      return this.plain;
    }

    /** Take `record` as this tab's copy; `text` is its stored form when storage holds exactly that. */
    adopt(record, text = null) {
      this.record = record;
      this.text = text;
      this.clock = Math.max(this.clock, maxClock(this.part, record));
      this.plain = null;
    }

    /**
     * Read storage: {raw, record, notices}; record is null when nothing is
     * stored (never saved, or cleared as site data). Throws when blocked.
     */
    readStored() {
      const raw = storage.read(this.part.key);
      if (raw === null) return { raw, record: null, notices: [] };
      // Storage still holds what this tab last wrote or read: nothing to parse.
      if (raw === this.text) return { raw, record: this.record, notices: [] };
      const parsed = parseRecord(this.part, raw);
      const backup = () => storage.write(backupKeyOf(this.part.key), raw) === "";
      if (parsed.unreadable) {
        return { raw, record: new Map(), notices: [unreadableNotice(this.part, parsed.unreadable, backup())] };
      }
      const notices = [];
      if (parsed.problems.length) notices.push(droppedNotice(this.part, parsed.problems, backup()));
      return { raw, record: parsed.record, notices };
    }

    /** The fields this tab changed itself. */
    own() {
      const own = new Map();
      for (const [id, cell] of this.record) {
        const mine = {};
        for (const field of this.part.fields) if (cell[field]?.stamp.tab === this.tab) mine[field] = cell[field];
        if (hasFields(mine)) own.set(id, mine);
      }
      return own;
    }

    /** The stored record merged with this tab's own changes; empty when storage was cleared. */
    base(read) {
      if (read.record === null) return new Map();
      return read.record === this.record ? new Map(this.record) : mergeRecords(this.part, read.record, this.own());
    }

    /**
     * Save `next` unless storage already holds it, and adopt it; `fallback`
     * is adopted instead when saving fails. Returns "" or why saving failed.
     */
    save(read, next, fallback = next) {
      const text = serializeRecord(this.part, next);
      if (text === read.raw) {
        this.adopt(next, text);
        return "";
      }
      const reason = storage.write(this.part.key, text);
      if (reason) {
        this.adopt(fallback);
        return reason;
      }
      stats.writes += 1;
      this.adopt(next, text);
      return "";
    }

    /** Read storage for a page: repair, upgrade and (skills) migrate it. Returns notices. */
    load(migrations = new Map()) {
      let read;
      try {
        read = this.readStored();
      } catch {
        this.writable = false;
        return [
          { kind: "warning", text: "This browser blocks local storage, so nothing you change here can be saved." },
        ];
      }
      this.writable = true;
      const notices = [...read.notices];
      const next = this.base(read);
      if (this.part === SKILLS) {
        const migrated = migrateRecord(next, migrations);
        if (migrated.moved) notices.push(migrationNotice(migrated));
      }
      if (read.raw === null && next.size === 0) this.adopt(next);
      else if (this.save(read, next)) {
        notices.push({
          kind: "warning",
          text: `The repaired ${this.part.what} could not be saved: storage is full or blocked.`,
        });
      }
      return notices;
    }

    /**
     * Apply `plan(base)`, a list of {id, field, value}, to the freshly read
     * record and save. Returns {ok, reason, applied, notices}; `applied` lists
     * each changed field with its value before and the stamp it now has. When
     * saving fails nothing changes (and `reason` is "full" or "blocked").
     */
    change(plan) {
      if (!this.writable) return { ok: false, reason: "blocked", applied: [], notices: [] };
      let read;
      try {
        read = this.readStored();
      } catch {
        this.writable = false;
        return { ok: false, reason: "blocked", applied: [], notices: [] };
      }
      const base = this.base(read);
      const stamp = { clock: Math.max(this.clock, maxClock(this.part, base)) + 1, tab: this.tab };
      const next = new Map(base);
      const applied = [];
      for (const { id, field, value } of plan(base)) {
        const cell = next.get(id);
        const before = fieldValue(this.part, cell, field);
        if (sameValue(before, value)) continue;
        next.set(id, { ...cell, [field]: { value: this.part.normal(field, value), stamp } });
        applied.push({ id, field, before, after: stamp });
      }
      if (!applied.length) {
        this.adopt(base);
        return { ok: true, reason: "", applied, notices: read.notices };
      }
      const reason = this.save(read, next, base);
      return { ok: !reason, reason, applied: reason ? [] : applied, notices: read.notices };
    }

    /** Another tab changed storage: take it in, and write back this tab's changes it lacks. Returns notices. */
    sync() {
      if (!this.writable) return [];
      let read;
      try {
        read = this.readStored();
      } catch {
        return [];
      }
      // Not event.newValue: storage may have moved on since (events queue up).
      const next = this.base(read);
      if (read.record === null) this.adopt(next);
      else this.save(read, next);
      return read.notices;
    }
  }

  const tab = newTabId();
  const parts = {
    skills: new PartStore(SKILLS, tab),
    cards: new PartStore(CARDS, tab),
    quizzes: new PartStore(QUIZZES, tab),
  };

  /** Count one checked answer of quiz `id` (right when `correct`). Returns what change() returns. */
  function recordQuiz(id, correct) {
    if (typeof id !== "string" || quizIdProblem(id) || typeof correct !== "boolean") {
      return { ok: false, reason: "invalid", applied: [], notices: [] };
    }
    return parts.quizzes.change((base) => {
      const before = fieldValue(QUIZZES, base.get(id), "result");
      const value = before
        ? { answered: Math.min(before.answered + 1, MAX_ANSWERS), correct, firstCorrect: before.firstCorrect }
        : { answered: 1, correct, firstCorrect: correct };
      return [{ id, field: "result", value }];
    });
  }

  /* ------------------------------------------------------------------ */
  /* Export and import of both parts                                      */
  /* ------------------------------------------------------------------ */

  const joinProblems = (problems) =>
    problems.length === 1 ? problems[0] : `${problems[0]} (and ${problems.length - 1} more problems)`;

  /** Validate a whole export file; returns {skills, cards} or throws RefusedError. Changes nothing. */
  function parseImport(text) {
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      throw new RefusedError("the file is not valid JSON");
    }
    if (!isPlainObject(data) || data.format !== EXPORT_FORMAT) {
      throw new RefusedError("the file is not a progress export from this handbook (its \"format\" is wrong)");
    }
    if (data.version !== EXPORT_VERSION) {
      throw new RefusedError(
        `the file has version ${clip(JSON.stringify(data.version) ?? "missing")}; this page reads version ${EXPORT_VERSION}`,
      );
    }
    const skills = Object.hasOwn(data, "skills") ? data.skills : undefined;
    if (!isPlainObject(skills)) throw new RefusedError("its \"skills\" field is not an object");
    const count = Object.keys(skills).length;
    if (count > MAX_ENTRIES) {
      throw new RefusedError(
        `it has ${count.toLocaleString("en-US")} entries; the limit is ${MAX_ENTRIES.toLocaleString("en-US")}`,
      );
    }
    const problems = [];
    const entries = readEntries(skills, problems);
    if (problems.length) throw new RefusedError(joinProblems(problems));
    if (!Object.hasOwn(data, "flashcards")) return { skills: entries, cards: null, quizzes: readQuizzes(data) };
    const cards = data.flashcards;
    if (!isPlainObject(cards)) throw new RefusedError("its \"flashcards\" field is not an object");
    const cardCount = Object.keys(cards).length;
    if (cardCount > MAX_ENTRIES) {
      throw new RefusedError(
        `it has ${cardCount.toLocaleString("en-US")} flashcard reviews; ` +
          `the limit is ${MAX_ENTRIES.toLocaleString("en-US")}`,
      );
    }
    const reviews = readReviews(cards, problems);
    if (problems.length) throw new RefusedError(joinProblems(problems));
    return { skills: entries, cards: reviews, quizzes: readQuizzes(data) };
  }

  /** The quiz results of an export file: a Map, or null when it has none; throws RefusedError. */
  function readQuizzes(data) {
    if (!Object.hasOwn(data, "quizzes")) return null;
    const quizzes = data.quizzes;
    if (!isPlainObject(quizzes)) throw new RefusedError("its \"quizzes\" field is not an object");
    const count = Object.keys(quizzes).length;
    if (count > MAX_ENTRIES) {
      throw new RefusedError(
        `it has ${count.toLocaleString("en-US")} quiz results; the limit is ${MAX_ENTRIES.toLocaleString("en-US")}`,
      );
    }
    const problems = [];
    const results = new Map();
    for (const [id, result] of Object.entries(quizzes)) {
      const problem = quizIdProblem(id) || quizResultProblem(id, result);
      if (problem) problems.push(problem);
      else results.set(id, normalResult(result));
    }
    if (problems.length) throw new RefusedError(joinProblems(problems));
    return results;
  }

  /** The export file's text: the same shapes that parseImport validates. */
  function exportText() {
    const data = { format: EXPORT_FORMAT, version: EXPORT_VERSION, skills: toObject(parts.skills.entries()) };
    const reviews = parts.cards.entries();
    if (reviews.size) data.flashcards = toObject(new Map([...reviews].sort((a, b) => compareText(a[0], b[0]))));
    const results = parts.quizzes.entries();
    if (results.size) data.quizzes = toObject(new Map([...results].sort((a, b) => compareText(a[0], b[0]))));
    return `${JSON.stringify(data, null, 2)}\n`;
  }

  /** The edits that make a part's stored entries equal `target`, a Map of plain entries. */
  function replacement(part, target) {
    return (base) => {
      const edits = [];
      for (const id of new Set([...base.keys(), ...target.keys()])) {
        const entry = target.get(id);
        for (const field of part.fields) {
          const value = WHOLE_ENTRY.has(part) ? entry ?? null : entry?.[field] ?? part.defaults.get(field);
          edits.push({ id, field, value });
        }
      }
      return edits;
    };
  }

  /**
   * Make the stored skills equal `skills` and (unless null) the stored card
   * reviews equal `cards` and the stored quiz results equal `quizzes`. All
   * are saved or none: when a later write fails, the earlier ones are put
   * back. Returns {ok, reason, applied: {skills, cards, quizzes}, notices}.
   */
  function replaceParts({ skills, cards = null, quizzes = null }) {
    const plans = [
      ["skills", SKILLS, skills],
      ["cards", CARDS, cards],
      ["quizzes", QUIZZES, quizzes],
    ];
    const applied = { skills: [], cards: [], quizzes: [] };
    const notices = [];
    const done = [];
    for (const [name, part, target] of plans) {
      if (target === null) continue;
      const result = parts[name].change(replacement(part, target));
      notices.push(...result.notices);
      if (!result.ok) {
        for (const [doneName, steps] of done.reverse()) {
          parts[doneName].change((base) =>
            steps
              .filter((step) => sameStamp(base.get(step.id)?.[step.field]?.stamp, step.after))
              .map((step) => ({ id: step.id, field: step.field, value: step.before })),
          );
        }
        return { ok: false, reason: result.reason, applied: { skills: [], cards: [], quizzes: [] }, notices };
      }
      applied[name] = result.applied;
      done.push([name, result.applied]);
    }
    return { ok: true, reason: "", applied, notices };
  }

  /* ------------------------------------------------------------------ */
  /* Other tabs                                                          */
  /* ------------------------------------------------------------------ */

  const listeners = new Set();

  function subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  window.addEventListener("storage", (event) => {
    // Another tab changed a part (key null: it cleared all storage). Merge
    // it even on pages that show neither, so the next one starts up to date.
    for (const [name, store] of Object.entries(parts)) {
      if (event.key !== store.part.key && event.key !== null) continue;
      const notices = store.sync();
      for (const listener of [...listeners]) listener({ part: name, notices });
    }
  });

  window.handbookProgress = Object.freeze({
    skills: parts.skills,
    cards: parts.cards,
    quizzes: parts.quizzes,
    recordQuiz,
    subscribe,
    exportText,
    parseImport,
    replaceParts,
    sameStamp,
    RefusedError,
    stats,
    keys: Object.freeze({
      skills: STORAGE_KEY,
      skillsBackup: backupKeyOf(STORAGE_KEY),
      cards: CARDS_KEY,
      cardsBackup: backupKeyOf(CARDS_KEY),
      quizzes: QUIZZES_KEY,
      quizzesBackup: backupKeyOf(QUIZZES_KEY),
    }),
    rules: Object.freeze({
      STATUS_LABELS,
      FIELDS: SKILLS.fields,
      DEFAULTS: SKILLS.defaults,
      MAX_NOTE_CHARS,
      MAX_ENTRIES,
      idProblem,
      applyMigrations,
      migrationNotice,
      reviewProblem,
      cardIdProblem,
      quizIdProblem,
      quizResultProblem,
      validDay,
    }),
    util: Object.freeze({ isPlainObject, plural, clip, compareText, toObject, h, saveFailureText }),
  });
})();
