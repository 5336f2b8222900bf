/*
 * The skill tracker of the SDE-II Backend Handbook.
 *
 * Each skill-map page embeds the skill catalog (#skill-catalog) and a
 * `.tracker` block. This script adds a status and a private note per skill,
 * progress bars, a level filter, export/import, a read-only share link and
 * reset with undo. Progress lives only in this browser's localStorage; the
 * script makes no network requests. Plain ES2020 plus Object.hasOwn, no
 * dependencies.
 *
 * The file is a few small parts, each with one job, over one storage layer:
 *   entries    the plain shape {status, note} and its one validation, shared
 *              by export, import, share links and the stored record;
 *   revisions  the stored record: every field carries the stamp of its last
 *              change, so two tabs merge their records instead of overwriting;
 *   storage    localStorage I/O: load, change, sync with other tabs;
 *   catalog, share links, import, and the Tracker view on top.
 *
 * Untrusted text (notes, imported files, share links, stored data) only ever
 * reaches the page through textContent or a form control's value, never as
 * markup. Names from untrusted data (skill ids, statuses, field names) are
 * looked up only in Maps or after own-property checks, so "constructor" or
 * "__proto__" are plain text like any other.
 */
(() => {
  "use strict";

  // A second copy of this file (e.g. included twice) must not attach twice.
  if (window.sde2HandbookTracker) return;

  // The slot keeps the name it was created with; the record inside it says
  // which format it holds (`version`), so older records can be upgraded.
  const STORAGE_KEY = "sde2-handbook/progress/v1";
  const BACKUP_KEY = `${STORAGE_KEY}/corrupt-backup`;
  const STORE_VERSION = 2;
  const EXPORT_FORMAT = "sde2-handbook-progress";
  const EXPORT_VERSION = 1;
  const SHARE_VERSION = 1;
  const EXPORT_FILE_NAME = "sde2-handbook-progress.json";
  const MAX_NOTE_CHARS = 2000;
  const MAX_ENTRIES = 5000;
  const MAX_IMPORT_BYTES = 1024 * 1024;
  const MAX_SHARE_CHARS = 400_000;
  const MAX_ID_CHARS = 200;
  const SHARE_PREFIX = "#progress=";

  const STATUS_LABELS = new Map([
    ["not-started", "Not started"],
    ["learning", "Learning"],
    ["done", "Done"],
    ["skipped", "Skipped"],
  ]);
  const STATUSES = [...STATUS_LABELS.keys()];
  // When two skills merge, the more advanced status survives.
  const STATUS_RANK = new Map([
    ["not-started", 0],
    ["learning", 1],
    ["skipped", 2],
    ["done", 3],
  ]);
  const SHARE_CODES = new Map([
    ["learning", "l"],
    ["done", "d"],
    ["skipped", "s"],
  ]);
  const SHARE_STATUSES = new Map([...SHARE_CODES].map(([status, code]) => [code, status]));
  const LEVEL_LABELS = new Map([
    ["junior", "Junior"],
    ["mid", "Mid"],
    ["sde2", "SDE-II"],
    ["senior", "Senior"],
  ]);
  // The fields of an entry, and the value each has when nothing is stored.
  const FIELDS = ["status", "note"];
  const DEFAULTS = new Map([
    ["status", "not-started"],
    ["note", ""],
  ]);
  const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const TAB_PATTERN = /^[a-z0-9]{0,16}$/;

  /** Numbers for tests and the benchmark; nothing reads them at run time. */
  const stats = { inits: 0, barUpdates: 0, lastInitMs: 0, writes: 0 };

  // Survives instant navigation, so "Undo" still works on the next page.
  let pendingUndo = null;
  // Kept while browsing between pages; a full reload starts with all levels.
  let levelFilter = "";
  let current = null;

  /* ------------------------------------------------------------------ */
  /* Small helpers                                                       */
  /* ------------------------------------------------------------------ */

  const isPlainObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
  const plural = (count, one, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  const clip = (value) => {
    const text = String(value);
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
  };
  const compareText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

  /** A Map of id -> value as an object with no prototype, ready for JSON. */
  function toObject(map) {
    const object = Object.create(null);
    for (const [key, value] of map) object[key] = value;
    return object;
  }

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

  class RefusedError extends Error {}

  /* ------------------------------------------------------------------ */
  /* Entries: {status, note}, the shape of exports, imports and the view */
  /* ------------------------------------------------------------------ */

  const idProblem = (id) => (id.length > MAX_ID_CHARS || !ID_PATTERN.test(id) ? `"${clip(id)}" is not a valid skill id` : "");

  function fieldProblem(id, field, value) {
    if (typeof value !== "string") return `the ${field} of "${id}" is not text`;
    if (field === "status" && !STATUS_LABELS.has(value)) return `"${clip(value)}" is not a known status (skill "${id}")`;
    if (field === "note" && value.length > MAX_NOTE_CHARS) {
      return `the note of "${id}" is longer than ${MAX_NOTE_CHARS.toLocaleString("en-US")} characters`;
    }
    return "";
  }

  /**
   * Why `entry` is not a valid entry for `id`, or "" when it is: the one
   * validation of entries. A stored entry (`withRevisions`) also carries
   * `rev`, the stamp of each field's last change.
   */
  function entryProblem(id, entry, withRevisions = false) {
    const badId = idProblem(id);
    if (badId) return badId;
    if (!isPlainObject(entry)) return `the entry for "${id}" is not an object`;
    for (const key of Object.keys(entry)) {
      if (!FIELDS.includes(key) && !(withRevisions && key === "rev")) {
        return `the entry for "${id}" has an unknown field "${clip(key)}"`;
      }
    }
    for (const field of FIELDS) {
      const problem = Object.hasOwn(entry, field) ? fieldProblem(id, field, entry[field]) : "";
      if (problem) return problem;
    }
    if (!withRevisions) return "";
    const rev = Object.hasOwn(entry, "rev") ? entry.rev : undefined;
    if (!isPlainObject(rev)) return `the entry for "${id}" has no revisions`;
    for (const [key, stamp] of Object.entries(rev)) {
      if (!FIELDS.includes(key)) return `the revisions of "${id}" name an unknown field "${clip(key)}"`;
      if (!stampFromJson(stamp)) return `the ${key} revision of "${id}" is malformed`;
    }
    for (const field of FIELDS) {
      if (Object.hasOwn(entry, field) && !Object.hasOwn(rev, field)) return `the ${field} of "${id}" has no revision`;
    }
    return "";
  }

  /** The entry without defaults; null when nothing is left worth keeping. */
  function compactEntry(status, note) {
    const out = {};
    if (status && status !== "not-started") out.status = status;
    if (note) out.note = note;
    return out.status || out.note ? out : null;
  }

  /** Valid entries of a `skills` object as a Map; each invalid one adds to `problems`. */
  function readEntries(skills, problems) {
    const entries = new Map();
    for (const [id, entry] of Object.entries(skills)) {
      const problem = entryProblem(id, entry);
      if (problem) {
        problems.push(problem);
        continue;
      }
      const compact = compactEntry(entry.status, entry.note);
      if (compact) entries.set(id, compact);
    }
    return entries;
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
   * Stored (version 2): {"version": 2, "skills": {id: {"status"?, "note"?,
   * "rev": {"status"?: [clock, tab], "note"?: [clock, tab]}}}}. A field with a
   * revision but no value was changed back to its default (a skill reset to
   * "not started", a note cleared); the revision stays so that another tab's
   * older value cannot bring it back. Stamps order changes: a Lamport clock
   * (one more than any clock this tab has seen), then the writing tab's id.
   * Merging two records keeps, per skill and field, the later stamp; the
   * merge is order-independent, so tabs that keep merging what they see agree.
   *
   * In memory a record is a Map id -> cell, a cell {status?, note?} of fields
   * {value, stamp}.
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
  const fieldValue = (cell, field) => cell?.[field]?.value ?? DEFAULTS.get(field);

  function newTabId() {
    const bytes = new Uint8Array(6);
    window.crypto.getRandomValues(bytes);
    return [...bytes].map((byte) => byte.toString(36).padStart(2, "0")).join("");
  }

  /** Version 1 stored plain entries; they become fields older than any change. */
  function upgradeEntries(entries) {
    const record = new Map();
    for (const [id, entry] of entries) {
      const cell = {};
      for (const field of FIELDS) {
        if (Object.hasOwn(entry, field)) cell[field] = { value: entry[field], stamp: OLDEST };
      }
      record.set(id, cell);
    }
    return record;
  }

  function readRecordSkills(skills, problems) {
    const record = new Map();
    for (const [id, entry] of Object.entries(skills)) {
      const problem = entryProblem(id, entry, true);
      if (problem) {
        problems.push(problem);
        continue;
      }
      const cell = {};
      for (const field of FIELDS) {
        if (!Object.hasOwn(entry.rev, field)) continue;
        const value = Object.hasOwn(entry, field) ? entry[field] : DEFAULTS.get(field);
        cell[field] = { value, stamp: stampFromJson(entry.rev[field]) };
      }
      record.set(id, cell);
    }
    return record;
  }

  /** A stored string as {record, problems}, or {unreadable: reason}. */
  function parseRecord(raw) {
    let data;
    try {
      data = JSON.parse(raw);
    } catch {
      return { unreadable: "it is not valid JSON" };
    }
    if (!isPlainObject(data)) return { unreadable: "it is not a progress record" };
    if (data.version !== 1 && data.version !== STORE_VERSION) {
      return {
        unreadable: `its version is ${clip(JSON.stringify(data.version) ?? "missing")}; this page reads versions 1 and 2`,
      };
    }
    if (!isPlainObject(data.skills)) return { unreadable: "it has no skills object" };
    const problems = [];
    const record =
      data.version === 1 ? upgradeEntries(readEntries(data.skills, problems)) : readRecordSkills(data.skills, problems);
    return { record, problems };
  }

  /** The stored text of a record: ids sorted, so equal records are equal strings. */
  function serializeRecord(record) {
    const skills = Object.create(null);
    for (const id of [...record.keys()].sort()) {
      const cell = record.get(id);
      const entry = {};
      const rev = {};
      for (const field of FIELDS) {
        const current = cell[field];
        if (!current) continue;
        if (current.value !== DEFAULTS.get(field)) entry[field] = current.value;
        rev[field] = [current.stamp.clock, current.stamp.tab];
      }
      if (rev.status || rev.note) skills[id] = { ...entry, rev };
    }
    return JSON.stringify({ version: STORE_VERSION, skills });
  }

  /** The later of two versions of a field (equal stamps: the larger value, so every tab picks the same). */
  function laterField(a, b) {
    if (!a) return b;
    if (!b) return a;
    return (compareStamps(a.stamp, b.stamp) || compareText(a.value, b.value)) >= 0 ? a : b;
  }

  function mergeRecords(...records) {
    const merged = new Map();
    for (const record of records) {
      for (const [id, cell] of record) {
        const have = merged.get(id);
        if (!have) {
          merged.set(id, { ...cell });
          continue;
        }
        for (const field of FIELDS) {
          const later = laterField(have[field], cell[field]);
          if (later) have[field] = later;
        }
      }
    }
    return merged;
  }

  function maxClock(record) {
    let clock = 0;
    for (const cell of record.values()) {
      for (const field of FIELDS) if (cell[field]) clock = Math.max(clock, cell[field].stamp.clock);
    }
    return clock;
  }

  /** The plain entry of a cell; null when every field is at its default. */
  const cellEntry = (cell) => compactEntry(fieldValue(cell, "status"), fieldValue(cell, "note"));

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
      const movedEntry = old ? cellEntry(old) : null;
      if (!movedEntry) continue;
      const target = record.get(to) ?? {};
      const result = mergeEntries(cellEntry(target), movedEntry);
      const stamp = { clock: maxClock(new Map([[from, old], [to, target]])) + 1, tab: "" };
      const next = { ...target };
      const cleared = {};
      for (const field of FIELDS) {
        const value = result.entry?.[field] ?? DEFAULTS.get(field);
        if (value !== fieldValue(target, field)) next[field] = { value, stamp };
        if (old[field]) cleared[field] = { value: DEFAULTS.get(field), stamp };
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

  const unreadableNotice = (reason, kept) => ({
    kind: "warning",
    text:
      `Your saved progress could not be read: ${reason}. The tracker started empty. ` +
      (kept
        ? `A copy of the unreadable data is kept in this browser's storage under "${BACKUP_KEY}" ` +
          "(only the latest copy is kept: a later failure replaces it)."
        : "The browser refused to keep a copy of it."),
  });

  const droppedNotice = (problems, kept) => ({
    kind: "warning",
    text:
      `${plural(problems.length, "saved entry", "saved entries")} could not be read and ` +
      `${problems.length === 1 ? "was" : "were"} dropped (first problem: ${problems[0]}). ` +
      "The rest of your progress is kept. " +
      (kept
        ? `The original data is kept under "${BACKUP_KEY}" (only the latest copy is kept).`
        : "The browser refused to keep a copy of the original data."),
  });

  /**
   * This tab's progress: the stored record merged with the changes this tab
   * made itself (fields stamped with its id). Every write first re-reads
   * storage and merges, and every `storage` event from another tab merges too,
   * writing back any change of this tab's that the other had not seen yet. So
   * two tabs never lose each other's changes, even when both write before
   * either has heard of the other (a browser may show a tab a slightly stale
   * storage). Only a tab's own changes are written back: what storage lost
   * otherwise (site data cleared) stays lost.
   */
  class ProgressStore {
    constructor() {
      this.tab = newTabId();
      this.clock = 0;
      this.record = new Map();
      this.text = null;
      this.writable = true;
      this.plain = null;
    }

    /** The plain entries (skills with a status or a note), as a Map. */
    entries() {
      if (!this.plain) {
        this.plain = new Map();
        for (const [id, cell] of this.record) {
          const entry = cellEntry(cell);
          if (entry) this.plain.set(id, entry);
        }
      }
      return this.plain;
    }

    /** Take `record` as this tab's progress; `text` is its stored form when storage holds exactly that. */
    adopt(record, text = null) {
      this.record = record;
      this.text = text;
      this.clock = Math.max(this.clock, maxClock(record));
      this.plain = null;
    }

    /**
     * Read storage: {raw, record, notices}; record is null when nothing is
     * stored (never saved, or cleared as site data). Throws when blocked.
     */
    readStored() {
      const raw = storage.read(STORAGE_KEY);
      if (raw === null) return { raw, record: null, notices: [] };
      // Storage still holds what this tab last wrote or read: nothing to parse.
      if (raw === this.text) return { raw, record: this.record, notices: [] };
      const parsed = parseRecord(raw);
      if (parsed.unreadable) {
        const kept = storage.write(BACKUP_KEY, raw) === "";
        return { raw, record: new Map(), notices: [unreadableNotice(parsed.unreadable, kept)] };
      }
      const notices = [];
      if (parsed.problems.length) notices.push(droppedNotice(parsed.problems, storage.write(BACKUP_KEY, raw) === ""));
      return { raw, record: parsed.record, notices };
    }

    /** The fields this tab changed itself. */
    own() {
      const own = new Map();
      for (const [id, cell] of this.record) {
        const mine = {};
        for (const field of FIELDS) if (cell[field]?.stamp.tab === this.tab) mine[field] = cell[field];
        if (mine.status || mine.note) own.set(id, mine);
      }
      return own;
    }

    /** The stored record merged with this tab's own changes; empty when storage was cleared. */
    base(read) {
      if (read.record === null) return new Map();
      return read.record === this.record ? new Map(this.record) : mergeRecords(read.record, this.own());
    }

    /**
     * Save `next` unless storage already holds it, and adopt it; `fallback`
     * is adopted instead when saving fails. Returns "" or why saving failed.
     */
    save(read, next, fallback = next) {
      const text = serializeRecord(next);
      if (text === read.raw) {
        this.adopt(next, text);
        return "";
      }
      const reason = storage.write(STORAGE_KEY, text);
      if (reason) {
        this.adopt(fallback);
        return reason;
      }
      stats.writes += 1;
      this.adopt(next, text);
      return "";
    }

    /** Read storage for a page: repair, upgrade and migrate it. Returns notices. */
    load(catalog) {
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
      const migrated = migrateRecord(next, catalog.migrations);
      if (migrated.moved) notices.push(migrationNotice(migrated));
      if (read.raw === null && next.size === 0) this.adopt(next);
      else if (this.save(read, next)) {
        notices.push({ kind: "warning", text: "The repaired progress could not be saved: storage is full or blocked." });
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
      const stamp = { clock: Math.max(this.clock, maxClock(base)) + 1, tab: this.tab };
      const next = new Map(base);
      const applied = [];
      for (const { id, field, value } of plan(base)) {
        const cell = next.get(id);
        const before = fieldValue(cell, field);
        if (before === value) continue;
        next.set(id, { ...cell, [field]: { value, stamp } });
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

  const progress = new ProgressStore();

  /* ------------------------------------------------------------------ */
  /* The catalog embedded in each page                                   */
  /* ------------------------------------------------------------------ */

  /** The page's catalog, or a RefusedError saying what is wrong with it. */
  function readCatalog() {
    const node = document.getElementById("skill-catalog");
    if (!node) throw new RefusedError("this page has no skill catalog");
    // An attribute, not a JSON <script>: instant navigation re-runs scripts.
    const text = node.getAttribute("data-catalog");
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      throw new RefusedError("the skill catalog is not valid JSON");
    }
    const field = (object, name) => (Object.hasOwn(object, name) ? object[name] : undefined);
    if (!isPlainObject(data) || !Array.isArray(field(data, "areas"))) {
      throw new RefusedError("the skill catalog has no areas");
    }
    const areas = new Map();
    const areaOfSkill = new Map();
    for (const area of data.areas) {
      if (!isPlainObject(area) || typeof field(area, "id") !== "string" || !Array.isArray(field(area, "skills"))) {
        throw new RefusedError("the skill catalog has a malformed area");
      }
      const skills = [...new Set(area.skills.filter((id) => typeof id === "string"))];
      areas.set(area.id, { id: area.id, title: String(field(area, "title") ?? area.id), skills });
      for (const id of skills) areaOfSkill.set(id, area.id);
    }
    const levels = field(data, "levels");
    const migrations = new Map();
    const listed = field(data, "migrations");
    for (const [from, to] of Object.entries(isPlainObject(listed) ? listed : {})) {
      if (typeof to === "string" && from !== to && !idProblem(from) && !idProblem(to)) migrations.set(from, to);
    }
    return {
      areas,
      areaOfSkill,
      levels: Array.isArray(levels) ? levels.filter((level) => typeof level === "string") : [],
      migrations,
    };
  }

  /* ------------------------------------------------------------------ */
  /* Share links: #progress=<base64url of compact JSON>                  */
  /* ------------------------------------------------------------------ */

  function toBase64Url(text) {
    const bytes = new TextEncoder().encode(text);
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fromBase64Url(value) {
    const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  }

  /** Statuses only: notes are private and never leave through a link. */
  function encodeShare(entries, catalog) {
    const skills = new Map();
    for (const [id, entry] of entries) {
      const code = SHARE_CODES.get(entry.status);
      if (catalog.areaOfSkill.has(id) && code) skills.set(id, code);
    }
    return toBase64Url(JSON.stringify({ v: SHARE_VERSION, s: toObject(skills) }));
  }

  function decodeShare(value) {
    if (!value) throw new RefusedError("the link holds no progress");
    if (value.length > MAX_SHARE_CHARS) throw new RefusedError("the link is too long");
    if (!/^[A-Za-z0-9_-]+$/.test(value)) throw new RefusedError("the link is not in the expected encoding");
    let data;
    try {
      data = JSON.parse(fromBase64Url(value));
    } catch {
      throw new RefusedError("the link is damaged (it does not decode to progress)");
    }
    const codes = isPlainObject(data) && Object.hasOwn(data, "s") ? data.s : undefined;
    if (!isPlainObject(data) || data.v !== SHARE_VERSION || !isPlainObject(codes)) {
      throw new RefusedError("the link is not a progress snapshot from this handbook");
    }
    const pairs = Object.entries(codes);
    if (pairs.length > MAX_ENTRIES) throw new RefusedError("the link holds too many entries");
    const entries = new Map();
    for (const [id, code] of pairs) {
      const status = typeof code === "string" ? SHARE_STATUSES.get(code) : undefined;
      if (idProblem(id) || !status) {
        throw new RefusedError("the link holds an entry this handbook does not understand");
      }
      entries.set(id, { status });
    }
    return entries;
  }

  /* ------------------------------------------------------------------ */
  /* Import                                                              */
  /* ------------------------------------------------------------------ */

  /** Validate a whole export file; returns entries or throws RefusedError. Changes nothing. */
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
    if (problems.length) {
      throw new RefusedError(problems.length === 1 ? problems[0] : `${problems[0]} (and ${problems.length - 1} more problems)`);
    }
    return entries;
  }

  /** The export file's text: the same entry shape that parseImport validates. */
  const exportText = (entries) =>
    `${JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, skills: toObject(entries) }, null, 2)}\n`;

  /* ------------------------------------------------------------------ */
  /* One tracker block on one page                                       */
  /* ------------------------------------------------------------------ */

  let uniqueCounter = 0;

  const SAVE_FAILURES = new Map([
    ["full", "this browser's storage is full"],
    ["blocked", "this browser blocks local storage"],
  ]);

  class Tracker {
    constructor(root, catalog) {
      this.root = root;
      this.catalog = catalog;
      this.kind = root.dataset.trackerPage === "area" ? "area" : "overview";
      this.snapshot = null;
      const notices = progress.load(catalog);

      root.querySelectorAll(".tracker-nojs").forEach((note) => {
        note.hidden = true;
      });
      this.banner = h("div", { class: "tracker-banner", role: "region", "aria-label": "Shared snapshot", hidden: true });
      this.messages = h("div", { class: "tracker-messages", role: "status", "aria-live": "polite" });
      root.prepend(this.banner, this.messages);

      this.buildToolbar();
      this.bars = [...root.querySelectorAll(".tracker-progress[data-progress-area]")].map((node) => this.buildBar(node));
      this.skills = [...root.querySelectorAll(".tracker-skill[data-skill-id]")].map((item) => this.buildSkill(item));
      this.skillById = new Map(this.skills.map((skill) => [skill.id, skill]));

      // One set of listeners per tracker block. The block is replaced on
      // every instant navigation, so they go away with it.
      root.addEventListener("change", (event) => this.onChange(event));
      root.addEventListener("input", (event) => this.onInput(event));
      root.addEventListener("click", (event) => this.onClick(event));

      this.showNotices(notices);
      this.readShareFragment();
      this.applyFilter();
      this.render();
      // Tests and the benchmark wait for this class: everything above is done.
      root.classList.add("tracker--ready");
    }

    /* ---- building ---- */

    buildToolbar() {
      let toolbar = this.root.querySelector(".tracker-toolbar");
      if (!toolbar) {
        toolbar = h("div", { class: "tracker-toolbar" });
        this.messages.after(toolbar);
      }
      const parts = [];
      if (this.kind === "area") {
        const id = `tracker-filter-${++uniqueCounter}`;
        this.filterSelect = h("select", { id, "data-action": "filter" }, [
          h("option", { value: "" }, ["All levels"]),
          ...this.catalog.levels.map((level) => h("option", { value: level }, [LEVEL_LABELS.get(level) ?? level])),
        ]);
        this.filterStatus = h("p", { class: "tracker-filter-status", "aria-live": "polite" });
        parts.push(h("div", { class: "tracker-filter" }, [h("label", { for: id }, ["Show level"]), this.filterSelect]));
      }
      const button = (action, label, extra = {}) =>
        h("button", { type: "button", class: "tracker-button", "data-action": action, ...extra }, [label]);
      this.importInput = h("input", {
        type: "file",
        accept: "application/json,.json",
        class: "tracker-import-input",
        "aria-label": "Progress file to import",
        tabindex: -1,
        hidden: true,
        "data-action": "import-file",
      });
      parts.push(
        h("div", { class: "tracker-actions", role: "group", "aria-label": "Progress tools" }, [
          button("export", "Export progress"),
          button("import", "Import progress…"),
          button("share", "Share a snapshot"),
          button("reset", "Reset progress…"),
          this.importInput,
        ]),
      );
      toolbar.replaceChildren(...parts);
      if (this.filterStatus) toolbar.after(this.filterStatus);
    }

    buildBar(container) {
      const areaId = container.dataset.progressArea;
      const area = this.catalog.areas.get(areaId);
      const name = areaId === "all" ? "Overall progress" : `Progress in ${area ? area.title : areaId}`;
      const done = h("span", { class: "tracker-bar__done" });
      const skipped = h("span", { class: "tracker-bar__skipped" });
      const bar = h(
        "div",
        { class: "tracker-bar", role: "progressbar", "aria-label": name, "aria-valuemin": 0, "aria-valuemax": 100 },
        [done, skipped],
      );
      const text = h("p", { class: "tracker-progress__text" });
      const heading = areaId === "all" || this.kind === "area" ? [h("p", { class: "tracker-progress__name" }, [name])] : [];
      container.replaceChildren(...heading, bar, text);
      const skills = areaId === "all" ? [...this.catalog.areaOfSkill.keys()] : area ? area.skills : [];
      return { container, bar, done, skipped, text, skills };
    }

    buildSkill(item) {
      const id = item.dataset.skillId;
      const title = item.querySelector(".tracker-skill__title strong")?.textContent.trim() || id;
      let controls = item.querySelector(".tracker-skill__controls");
      if (!controls) {
        controls = h("div", { class: "tracker-skill__controls" });
        item.append(controls);
      }
      const statusId = `tracker-status-${id}`;
      const noteId = `tracker-note-${id}`;
      const select = h(
        "select",
        { id: statusId, "data-role": "status", "data-skill-id": id },
        STATUSES.map((status) => h("option", { value: status }, [STATUS_LABELS.get(status)])),
      );
      const textarea = h("textarea", {
        id: noteId,
        rows: 3,
        maxlength: MAX_NOTE_CHARS,
        "data-role": "note",
        "data-skill-id": id,
      });
      const noteBoxId = `tracker-notebox-${id}`;
      const toggleText = h("span", {}, ["Add note"]);
      const toggle = h(
        "button",
        {
          type: "button",
          class: "tracker-button tracker-note-toggle",
          "aria-expanded": "false",
          "aria-controls": noteBoxId,
          "data-action": "toggle-note",
          "data-skill-id": id,
        },
        [toggleText, h("span", { class: "tracker-visually-hidden" }, [` on ${title}`])],
      );
      const noteBox = h("div", { class: "tracker-notebox", id: noteBoxId, hidden: true }, [
        h("label", { for: noteId }, [
          "Private note",
          h("span", { class: "tracker-visually-hidden" }, [` on ${title}`]),
          " (stays in this browser, up to 2,000 characters)",
        ]),
        textarea,
      ]);
      const note = h("div", { class: "tracker-note" }, [toggle, noteBox]);
      const statusBox = h("div", { class: "tracker-status" }, [
        h("label", { for: statusId }, ["Status", h("span", { class: "tracker-visually-hidden" }, [` of ${title}`])]),
        select,
      ]);
      controls.replaceChildren(statusBox, note);
      return { id, title, item, select, statusBox, textarea, note, noteBox, toggle, toggleText, problem: null };
    }

    /* ---- rendering ---- */

    view() {
      return this.snapshot ?? progress.entries();
    }

    /**
     * Show the current view. Runs after every change, so it only touches what
     * differs: writing equal values would still make the browser lay out the
     * whole list again.
     */
    render() {
      const readOnly = this.snapshot !== null;
      this.root.classList.toggle("tracker--snapshot", readOnly);
      for (const skill of this.skills) this.renderSkill(skill);
      for (const node of this.root.querySelectorAll(".tracker-actions button")) {
        if (node.disabled !== readOnly) node.disabled = readOnly;
      }
      this.renderBanner();
      this.renderBars();
    }

    renderSkill(skill) {
      const entry = this.view().get(skill.id);
      const readOnly = this.snapshot !== null;
      const status = entry?.status ?? "not-started";
      if (skill.item.dataset.status !== status) skill.item.dataset.status = status;
      if (skill.select.value !== status) skill.select.value = status;
      if (skill.select.disabled !== readOnly) skill.select.disabled = readOnly;
      // Notes are private: a shared snapshot never shows them.
      if (skill.note.hidden !== readOnly) skill.note.hidden = readOnly;
      const note = readOnly ? "" : entry?.note ?? "";
      if (skill.textarea.value !== note) skill.textarea.value = note;
      const toggle = note ? "Edit note" : "Add note";
      if (skill.toggleText.textContent !== toggle) skill.toggleText.textContent = toggle;
    }

    renderBars() {
      stats.barUpdates += 1;
      const entries = this.view();
      for (const bar of this.bars) {
        let done = 0;
        let skipped = 0;
        let learning = 0;
        for (const id of bar.skills) {
          const status = entries.get(id)?.status;
          if (status === "done") done += 1;
          else if (status === "skipped") skipped += 1;
          else if (status === "learning") learning += 1;
        }
        const total = bar.skills.length;
        const covered = done + skipped;
        const percent = total ? Math.round((100 * covered) / total) : 0;
        bar.done.style.width = `${total ? (100 * done) / total : 0}%`;
        bar.skipped.style.width = `${total ? (100 * skipped) / total : 0}%`;
        bar.bar.setAttribute("aria-valuenow", String(percent));
        bar.bar.setAttribute(
          "aria-valuetext",
          `${percent}%: ${covered} of ${total} covered (${done} done, ${skipped} skipped)`,
        );
        bar.text.textContent =
          `${covered} of ${total} covered (${percent}%): ${done} done, ${skipped} skipped, ${learning} learning`;
        bar.container.dataset.covered = String(covered);
        bar.container.dataset.total = String(total);
      }
    }

    renderBanner() {
      if (!this.snapshot) {
        if (!this.banner.hidden) this.banner.hidden = true;
        if (this.banner.firstChild) this.banner.replaceChildren();
        return;
      }
      this.banner.hidden = false;
      this.banner.replaceChildren(
        h("p", {}, [
          h("strong", {}, ["Viewing a shared snapshot — read-only."]),
          " These statuses come from a share link. Your own progress is not shown and not changed.",
        ]),
        h("button", { type: "button", class: "tracker-button", "data-action": "leave-snapshot" }, [
          "Leave the snapshot",
        ]),
      );
    }

    applyFilter() {
      if (this.kind !== "area") return;
      const known = levelFilter === "" || this.catalog.levels.includes(levelFilter);
      if (!known) levelFilter = "";
      this.filterSelect.value = levelFilter;
      let hidden = 0;
      for (const skill of this.skills) {
        const hide = levelFilter !== "" && skill.item.dataset.level !== levelFilter;
        skill.item.hidden = hide;
        if (hide) hidden += 1;
      }
      const total = this.skills.length;
      this.filterStatus.textContent = levelFilter
        ? `Showing ${total - hidden} of ${total} skills (${LEVEL_LABELS.get(levelFilter) ?? levelFilter} only); ` +
          `${hidden} hidden by the level filter. Progress bars still count every skill.`
        : `Showing all ${total} skills.`;
    }

    /**
     * Show a message in the live region. `actions` are [label, handler] pairs;
     * the message takes focus when it carries actions, so keyboard users land on them.
     */
    message(kind, text, actions = [], { append = false, focus = false } = {}) {
      const box = h("div", { class: `tracker-message tracker-message--${kind}`, tabindex: -1 }, [h("p", {}, [text])]);
      if (actions.length) {
        const row = h("div", { class: "tracker-message__actions" });
        for (const [label, handler] of actions) {
          const button = h("button", { type: "button", class: "tracker-button" }, [label]);
          button.addEventListener("click", handler);
          row.append(button);
        }
        box.append(row);
      }
      if (append) this.messages.append(box);
      else this.messages.replaceChildren(box);
      if (focus) box.focus();
      return box;
    }

    showNotices(notices) {
      for (const notice of notices) this.message(notice.kind, notice.text, [], { append: true });
    }

    /**
     * Say, right after the control the reader changed, that the change was not
     * saved. The control already shows the stored value again (render ran).
     * A new alert is made only when the text changes, so typing into a note
     * on a full storage does not repeat the announcement at every key.
     */
    showProblem(skill, field, reason) {
      const thing = field === "note" ? "note" : "status";
      const text = `Not saved: ${SAVE_FAILURES.get(reason)}, so the ${thing} is back to what is saved.`;
      const control = field === "note" ? skill.textarea : skill.select;
      const place = field === "note" ? skill.textarea : skill.statusBox;
      if (!skill.problem || skill.problem.textContent !== text) {
        skill.problem?.remove();
        skill.problem = h("p", { class: "tracker-skill__problem", role: "alert", id: `tracker-problem-${skill.id}` }, [
          text,
        ]);
      }
      if (place.nextElementSibling !== skill.problem) place.after(skill.problem);
      skill.select.removeAttribute("aria-describedby");
      skill.textarea.removeAttribute("aria-describedby");
      control.setAttribute("aria-describedby", skill.problem.id);
    }

    clearProblem(skill) {
      if (!skill.problem) return;
      skill.problem.remove();
      skill.problem = null;
      skill.select.removeAttribute("aria-describedby");
      skill.textarea.removeAttribute("aria-describedby");
    }

    /* ---- state changes ---- */

    /** Save one field of one skill, then show what is stored, saved or not. */
    edit(id, field, value) {
      const result = progress.change(() => [{ id, field, value }]);
      this.render();
      const skill = this.skillById.get(id);
      if (skill && result.ok) this.clearProblem(skill);
      else if (skill) this.showProblem(skill, field, result.reason);
      this.showNotices(result.notices);
    }

    /** Make the stored progress equal `target` (a Map of entries), keeping an undo step. */
    replaceAll(target, undoLabel, doneText, notices = []) {
      const result = progress.change((base) => {
        const edits = [];
        for (const id of new Set([...base.keys(), ...target.keys()])) {
          for (const field of FIELDS) edits.push({ id, field, value: target.get(id)?.[field] ?? DEFAULTS.get(field) });
        }
        return edits;
      });
      if (!result.ok) {
        this.message("error", "Nothing changed: this browser's storage is full or blocked.", [], { focus: true });
        return;
      }
      pendingUndo = { steps: result.applied, label: undoLabel };
      this.render();
      this.message("info", doneText, [[undoLabel, () => this.undo()]], { focus: true });
      this.showNotices([...notices, ...result.notices]);
    }

    /**
     * Put back what the last import or reset changed, field by field, except
     * where a later change (in this tab or another) replaced it: that stays.
     */
    undo() {
      if (!pendingUndo) return;
      const kept = new Set();
      const result = progress.change((base) => {
        const edits = [];
        for (const step of pendingUndo.steps) {
          if (sameStamp(base.get(step.id)?.[step.field]?.stamp, step.after)) {
            edits.push({ id: step.id, field: step.field, value: step.before });
          } else {
            kept.add(step.id);
          }
        }
        return edits;
      });
      if (!result.ok) {
        this.message("error", "Undo failed: this browser's storage is full or blocked.", [], { focus: true });
        return;
      }
      pendingUndo = null;
      this.render();
      this.message(
        "info",
        kept.size
          ? `Undone, except for ${plural(kept.size, "skill")} changed again since (here or in another tab): ` +
              `${kept.size === 1 ? "it keeps its" : "they keep their"} newer status or note.`
          : "Undone: your progress is back as it was.",
        [],
        { focus: true },
      );
      this.showNotices(result.notices);
    }

    /** Another tab changed progress: show it (under a snapshot, the snapshot stays). */
    onStorage(notices) {
      this.render();
      this.showNotices(notices);
    }

    readShareFragment() {
      const hash = window.location.hash;
      if (!hash.startsWith(SHARE_PREFIX)) {
        this.snapshot = null;
        return;
      }
      try {
        const entries = decodeShare(hash.slice(SHARE_PREFIX.length));
        applyMigrations(entries, this.catalog.migrations);
        this.snapshot = entries;
      } catch (error) {
        if (!(error instanceof RefusedError)) throw error;
        this.snapshot = null;
        this.message(
          "error",
          `This share link cannot be shown: ${error.message}. Your own progress is shown instead, unchanged.`,
          [],
          { append: true },
        );
      }
    }

    /* ---- events ---- */

    onChange(event) {
      const target = event.target;
      if (target.dataset.role === "status") {
        if (this.snapshot || !STATUS_LABELS.has(target.value)) return;
        this.edit(target.dataset.skillId, "status", target.value);
      } else if (target.dataset.action === "filter") {
        levelFilter = target.value;
        this.applyFilter();
      } else if (target.dataset.action === "import-file") {
        const file = target.files && target.files[0];
        target.value = "";
        if (file) this.importFile(file);
      }
    }

    onInput(event) {
      const target = event.target;
      if (target.dataset.role !== "note" || this.snapshot) return;
      this.edit(target.dataset.skillId, "note", target.value.slice(0, MAX_NOTE_CHARS));
    }

    onClick(event) {
      const button = event.target.closest("button[data-action]");
      if (!button || !this.root.contains(button)) return;
      const action = button.dataset.action;
      if (action === "leave-snapshot") this.leaveSnapshot();
      else if (action === "toggle-note") this.toggleNote(button);
      else if (this.snapshot) return;
      else if (action === "export") this.exportFile();
      else if (action === "import") this.importInput.click();
      else if (action === "share") this.share();
      else if (action === "reset") this.confirmReset();
    }

    toggleNote(button) {
      const skill = this.skillById.get(button.dataset.skillId);
      if (!skill) return;
      const open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      skill.noteBox.hidden = !open;
      if (open) skill.textarea.focus();
    }

    leaveSnapshot() {
      const url = new URL(window.location.href);
      url.hash = "";
      window.history.replaceState(window.history.state, "", url.href.replace(/#$/, ""));
      this.snapshot = null;
      this.messages.replaceChildren();
      this.render();
      this.message("info", "You left the shared snapshot; this is your own progress.", [], { focus: true });
    }

    exportFile() {
      const entries = progress.entries();
      const url = URL.createObjectURL(new Blob([exportText(entries)], { type: "application/json" }));
      const link = h("a", { href: url, download: EXPORT_FILE_NAME, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this.message("info", `Exported ${plural(entries.size, "entry", "entries")} to ${EXPORT_FILE_NAME}.`);
    }

    async importFile(file) {
      const refuse = (reason) =>
        this.message("error", `Import refused: ${reason}. Your progress was not changed.`, [], { focus: true });
      if (file.size > MAX_IMPORT_BYTES) {
        refuse(`the file is ${Math.ceil(file.size / 1024).toLocaleString("en-US")} KB; the limit is 1 MB`);
        return;
      }
      let entries;
      try {
        entries = parseImport(await file.text());
      } catch (error) {
        if (!(error instanceof RefusedError)) throw error;
        refuse(error.message);
        return;
      }
      if (this.snapshot) return;
      const { areaOfSkill, migrations } = this.catalog;
      const known = [...entries.keys()].filter((id) => areaOfSkill.has(id) || migrations.has(id)).length;
      const others = entries.size - known;
      const migrated = applyMigrations(entries, migrations);
      this.replaceAll(
        entries,
        "Undo import",
        `Imported progress for ${plural(known, "skill")}` +
          (others
            ? ` (${plural(others, "entry", "entries")} for skills not in this list ` +
              `${others === 1 ? "was" : "were"} kept but not counted)`
            : "") +
          ". It replaced what was here before.",
        migrated.moved ? [migrationNotice(migrated)] : [],
      );
    }

    share() {
      const url = new URL(window.location.href);
      url.hash = SHARE_PREFIX.slice(1) + encodeShare(progress.entries(), this.catalog);
      const field = h("input", {
        type: "text",
        readonly: true,
        class: "tracker-share-link",
        "aria-label": "Share link",
        value: url.href,
      });
      const box = this.message(
        "info",
        "Share link ready. It carries your statuses (not your notes) inside the link itself; nothing is uploaded. " +
          "Whoever opens it sees a read-only copy.",
      );
      box.append(field);
      field.focus();
      field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url.href).then(
          () => box.querySelector("p").append(" It is on your clipboard."),
          () => box.querySelector("p").append(" Copy it from the box below."),
        );
      }
    }

    confirmReset() {
      const count = progress.entries().size;
      this.message(
        "warning",
        `Reset all progress in this browser? This clears ${plural(count, "saved entry", "saved entries")} ` +
          "(statuses and notes). You can undo it right after.",
        [
          [
            "Yes, reset everything",
            () => this.replaceAll(new Map(), "Undo reset", "Progress reset: every skill is back to not started."),
          ],
          ["Cancel", () => this.message("info", "Reset cancelled; nothing changed.", [], { focus: true })],
        ],
        { focus: true },
      );
    }
  }

  /* ------------------------------------------------------------------ */
  /* Wiring: once per page, including Material's instant navigation     */
  /* ------------------------------------------------------------------ */

  function initPage() {
    const started = performance.now();
    const root = document.querySelector(".tracker[data-tracker-page]");
    if (!root) {
      current = null;
      return;
    }
    if (current && current.root === root) return;
    let catalog;
    try {
      catalog = readCatalog();
    } catch (error) {
      if (!(error instanceof RefusedError)) throw error;
      current = null;
      root.prepend(
        h("div", { class: "tracker-messages", role: "status" }, [
          h("div", { class: "tracker-message tracker-message--error" }, [
            h("p", {}, [`Progress tracking is off on this page: ${error.message}.`]),
          ]),
        ]),
      );
      return;
    }
    current = new Tracker(root, catalog);
    stats.inits += 1;
    stats.lastInitMs = performance.now() - started;
  }

  // Global listeners, attached once for the whole visit.
  window.addEventListener("hashchange", () => {
    // Only share links matter here; ordinary anchors leave the tracker alone.
    if (!current || (!current.snapshot && !window.location.hash.startsWith(SHARE_PREFIX))) return;
    current.messages.replaceChildren();
    current.readShareFragment();
    current.render();
  });
  window.addEventListener("storage", (event) => {
    // Another tab changed progress (key null: it cleared all storage). Merge
    // it even on pages without a tracker, so the next one starts up to date.
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    const notices = progress.sync();
    if (current) current.onStorage(notices);
  });

  window.sde2HandbookTracker = Object.freeze({ stats, storageKey: STORAGE_KEY, backupKey: BACKUP_KEY });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    // Material emits each page, the first one included, once it is in place.
    window.document$.subscribe(() => initPage());
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initPage, { once: true });
  } else {
    initPage();
  }
})();
