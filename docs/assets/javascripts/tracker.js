/*
 * The skill tracker of the SDE-II Backend Handbook.
 *
 * Each skill-map page embeds the skill catalog (#skill-catalog) and a
 * `.tracker` block. This script adds a status and a private note per skill,
 * progress bars, a level filter, export/import, a read-only share link and
 * reset with undo. Progress lives only in this browser's localStorage; the
 * script makes no network requests. Plain ES2020, no dependencies.
 *
 * Untrusted text (notes, imported files, share links) only ever reaches the
 * page through textContent or a form control's value, never as markup.
 */
(() => {
  "use strict";

  // A second copy of this file (e.g. included twice) must not attach twice.
  if (window.sde2HandbookTracker) return;

  const STORAGE_KEY = "sde2-handbook/progress/v1";
  const BACKUP_KEY = `${STORAGE_KEY}/corrupt-backup`;
  const EXPORT_FORMAT = "sde2-handbook-progress";
  const VERSION = 1;
  const EXPORT_FILE_NAME = "sde2-handbook-progress.json";
  const MAX_NOTE_CHARS = 2000;
  const MAX_ENTRIES = 5000;
  const MAX_IMPORT_BYTES = 1024 * 1024;
  const MAX_SHARE_CHARS = 400_000;
  const MAX_ID_CHARS = 200;
  const SHARE_PREFIX = "#progress=";

  const STATUSES = ["not-started", "learning", "done", "skipped"];
  const STATUS_LABELS = {
    "not-started": "Not started",
    learning: "Learning",
    done: "Done",
    skipped: "Skipped",
  };
  // When two skills merge, the more advanced status survives.
  const STATUS_RANK = { "not-started": 0, learning: 1, skipped: 2, done: 3 };
  const SHARE_CODES = { learning: "l", done: "d", skipped: "s" };
  const SHARE_STATUSES = { l: "learning", d: "done", s: "skipped" };
  const LEVEL_LABELS = { junior: "Junior", mid: "Mid", sde2: "SDE-II", senior: "Senior" };
  const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  /** Numbers for tests and the benchmark; nothing reads them at run time. */
  const stats = { inits: 0, barUpdates: 0, lastInitMs: 0 };

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
  /* Progress entries                                                    */
  /* ------------------------------------------------------------------ */

  /** Why `entry` is not a valid progress entry for `id`, or "" when it is. */
  function entryProblem(id, entry) {
    if (id.length > MAX_ID_CHARS || !ID_PATTERN.test(id)) return `"${clip(id)}" is not a valid skill id`;
    if (!isPlainObject(entry)) return `the entry for "${id}" is not an object`;
    for (const key of Object.keys(entry)) {
      if (key !== "status" && key !== "note") return `the entry for "${id}" has an unknown field "${clip(key)}"`;
    }
    if ("status" in entry) {
      if (typeof entry.status !== "string") return `the status of "${id}" is not text`;
      if (!STATUSES.includes(entry.status)) return `"${clip(entry.status)}" is not a known status (skill "${id}")`;
    }
    if ("note" in entry) {
      if (typeof entry.note !== "string") return `the note of "${id}" is not text`;
      if (entry.note.length > MAX_NOTE_CHARS) {
        return `the note of "${id}" is longer than ${MAX_NOTE_CHARS.toLocaleString("en-US")} characters`;
      }
    }
    return "";
  }

  /** The entry without defaults; null when nothing is left worth storing. */
  function compactEntry(entry) {
    const out = {};
    if (entry.status && entry.status !== "not-started") out.status = entry.status;
    if (entry.note) out.note = entry.note;
    return Object.keys(out).length ? out : null;
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
      const compact = compactEntry(entry);
      if (compact) entries.set(id, compact);
    }
    return entries;
  }

  const statusOf = (entries, id) => entries.get(id)?.status ?? "not-started";

  /** Merge the entry of a retired id into the current one (see the contract). */
  function mergeEntries(kept, moved) {
    if (!kept) return { entry: moved, shortened: false };
    const status = STATUS_RANK[moved.status ?? "not-started"] > STATUS_RANK[kept.status ?? "not-started"]
      ? moved.status
      : kept.status;
    let note = [...new Set([kept.note, moved.note].filter(Boolean))].join("\n\n");
    const shortened = note.length > MAX_NOTE_CHARS;
    if (shortened) note = `${note.slice(0, MAX_NOTE_CHARS - 1)}…`;
    return { entry: compactEntry({ status, note }), shortened };
  }

  /** Move progress of renamed or merged skills to their current ids, in place. */
  function applyMigrations(entries, migrations) {
    let moved = 0;
    let shortened = 0;
    for (const [from, to] of Object.entries(migrations)) {
      if (typeof to !== "string" || from === to || !entries.has(from)) continue;
      const result = mergeEntries(entries.get(to), entries.get(from));
      entries.delete(from);
      if (result.entry) entries.set(to, result.entry);
      moved += 1;
      if (result.shortened) shortened += 1;
    }
    return { moved, shortened };
  }

  const serialize = (entries) => JSON.stringify({ version: VERSION, skills: Object.fromEntries(entries) });

  /* ------------------------------------------------------------------ */
  /* localStorage                                                        */
  /* ------------------------------------------------------------------ */

  const storage = {
    read(key) {
      return window.localStorage.getItem(key);
    },
    /** Write or (value null) remove; false when the browser refuses. */
    write(key, value) {
      try {
        if (value === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, value);
        return true;
      } catch {
        return false;
      }
    },
  };

  /** Read stored progress; never throws. Returns entries, notices and the raw text. */
  function loadStoredProgress(catalog) {
    const notices = [];
    let raw;
    try {
      raw = storage.read(STORAGE_KEY);
    } catch {
      notices.push({
        kind: "warning",
        text: "This browser blocks local storage, so nothing you change here can be saved.",
      });
      return { entries: new Map(), notices, writable: false };
    }
    if (raw === null) return { entries: new Map(), notices, writable: true };

    const unreadable = (reason) => {
      const kept = storage.write(BACKUP_KEY, raw);
      storage.write(STORAGE_KEY, null);
      notices.push({
        kind: "warning",
        text:
          `Your saved progress could not be read: ${reason}. The tracker started empty. ` +
          (kept
            ? `A copy of the unreadable data is kept in this browser's storage under "${BACKUP_KEY}" ` +
              "(only the latest copy is kept: a later failure replaces it)."
            : "The browser refused to keep a copy of it."),
      });
      return { entries: new Map(), notices, writable: true };
    };

    let data;
    try {
      data = JSON.parse(raw);
    } catch {
      return unreadable("it is not valid JSON");
    }
    if (!isPlainObject(data)) return unreadable("it is not a progress record");
    if (data.version !== VERSION) {
      return unreadable(`its version is ${clip(JSON.stringify(data.version) ?? "missing")}, expected ${VERSION}`);
    }
    if (!isPlainObject(data.skills)) return unreadable("it has no skills object");

    const problems = [];
    const entries = readEntries(data.skills, problems);
    let dirty = false;
    if (problems.length) {
      const kept = storage.write(BACKUP_KEY, raw);
      dirty = true;
      notices.push({
        kind: "warning",
        text:
          `${plural(problems.length, "saved entry", "saved entries")} could not be read and ` +
          `${problems.length === 1 ? "was" : "were"} dropped (first problem: ${problems[0]}). ` +
          "The rest of your progress is kept. " +
          (kept
            ? `The original data is kept under "${BACKUP_KEY}" (only the latest copy is kept).`
            : "The browser refused to keep a copy of the original data."),
      });
    }
    const migrated = applyMigrations(entries, catalog.migrations);
    if (migrated.moved) {
      dirty = true;
      notices.push({
        kind: "info",
        text:
          `Progress of ${plural(migrated.moved, "renamed or merged skill")} moved to ` +
          `${migrated.moved === 1 ? "its new name" : "their new names"}.` +
          (migrated.shortened ? ` ${plural(migrated.shortened, "merged note")} had to be shortened.` : ""),
      });
    }
    if (dirty && !storage.write(STORAGE_KEY, serialize(entries))) {
      notices.push({ kind: "warning", text: "The repaired progress could not be saved: storage is full or blocked." });
    }
    return { entries, notices, writable: true };
  }

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
    if (!isPlainObject(data) || !Array.isArray(data.areas)) throw new RefusedError("the skill catalog has no areas");
    const areas = new Map();
    const areaOfSkill = new Map();
    for (const area of data.areas) {
      if (!isPlainObject(area) || typeof area.id !== "string" || !Array.isArray(area.skills)) {
        throw new RefusedError("the skill catalog has a malformed area");
      }
      const skills = area.skills.filter((id) => typeof id === "string");
      areas.set(area.id, { id: area.id, title: String(area.title ?? area.id), skills });
      for (const id of skills) areaOfSkill.set(id, area.id);
    }
    const levels = Array.isArray(data.levels) ? data.levels.filter((level) => typeof level === "string") : [];
    const migrations = isPlainObject(data.migrations) ? data.migrations : {};
    return { areas, areaOfSkill, levels, migrations };
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
    const skills = {};
    for (const [id, entry] of entries) {
      if (catalog.areaOfSkill.has(id) && SHARE_CODES[entry.status]) skills[id] = SHARE_CODES[entry.status];
    }
    return toBase64Url(JSON.stringify({ v: VERSION, s: skills }));
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
    if (!isPlainObject(data) || data.v !== VERSION || !isPlainObject(data.s)) {
      throw new RefusedError("the link is not a progress snapshot from this handbook");
    }
    const ids = Object.keys(data.s);
    if (ids.length > MAX_ENTRIES) throw new RefusedError("the link holds too many entries");
    const entries = new Map();
    for (const id of ids) {
      const status = SHARE_STATUSES[data.s[id]];
      if (id.length > MAX_ID_CHARS || !ID_PATTERN.test(id) || typeof data.s[id] !== "string" || !status) {
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
    if (data.version !== VERSION) {
      throw new RefusedError(
        `the file has version ${clip(JSON.stringify(data.version) ?? "missing")}; this page reads version ${VERSION}`,
      );
    }
    if (!isPlainObject(data.skills)) throw new RefusedError("its \"skills\" field is not an object");
    const count = Object.keys(data.skills).length;
    if (count > MAX_ENTRIES) {
      throw new RefusedError(
        `it has ${count.toLocaleString("en-US")} entries; the limit is ${MAX_ENTRIES.toLocaleString("en-US")}`,
      );
    }
    const problems = [];
    const entries = readEntries(data.skills, problems);
    if (problems.length) {
      throw new RefusedError(problems.length === 1 ? problems[0] : `${problems[0]} (and ${problems.length - 1} more problems)`);
    }
    return entries;
  }

  /* ------------------------------------------------------------------ */
  /* One tracker block on one page                                       */
  /* ------------------------------------------------------------------ */

  let uniqueCounter = 0;

  class Tracker {
    constructor(root, catalog) {
      this.root = root;
      this.catalog = catalog;
      this.kind = root.dataset.trackerPage === "area" ? "area" : "overview";
      this.snapshot = null;
      const loaded = loadStoredProgress(catalog);
      this.entries = loaded.entries;
      this.writable = loaded.writable;

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

      for (const notice of loaded.notices) this.message(notice.kind, notice.text, [], { append: true });
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
          ...this.catalog.levels.map((level) => h("option", { value: level }, [LEVEL_LABELS[level] ?? level])),
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
        STATUSES.map((status) => h("option", { value: status }, [STATUS_LABELS[status]])),
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
      controls.replaceChildren(
        h("div", { class: "tracker-status" }, [
          h("label", { for: statusId }, ["Status", h("span", { class: "tracker-visually-hidden" }, [` of ${title}`])]),
          select,
        ]),
        note,
      );
      return { id, item, select, textarea, note, noteBox, toggle, toggleText };
    }

    /* ---- rendering ---- */

    view() {
      return this.snapshot ?? this.entries;
    }

    render() {
      const readOnly = this.snapshot !== null;
      this.root.classList.toggle("tracker--snapshot", readOnly);
      for (const skill of this.skills) this.renderSkill(skill);
      for (const node of this.root.querySelectorAll(".tracker-actions button")) node.disabled = readOnly;
      this.renderBanner();
      this.renderBars();
    }

    renderSkill(skill) {
      const entry = this.view().get(skill.id);
      const status = entry?.status ?? "not-started";
      skill.item.dataset.status = status;
      skill.select.value = status;
      skill.select.disabled = this.snapshot !== null;
      // Notes are private: a shared snapshot never shows them.
      skill.note.hidden = this.snapshot !== null;
      const note = this.snapshot ? "" : entry?.note ?? "";
      if (skill.textarea.value !== note) skill.textarea.value = note;
      skill.toggleText.textContent = note ? "Edit note" : "Add note";
    }

    renderBars() {
      stats.barUpdates += 1;
      const entries = this.view();
      for (const bar of this.bars) {
        let done = 0;
        let skipped = 0;
        let learning = 0;
        for (const id of bar.skills) {
          const status = statusOf(entries, id);
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
        this.banner.hidden = true;
        this.banner.replaceChildren();
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
        ? `Showing ${total - hidden} of ${total} skills (${LEVEL_LABELS[levelFilter] ?? levelFilter} only); ` +
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

    /* ---- state changes ---- */

    /** Save this.entries; say so when the browser refuses. */
    save() {
      if (!this.writable) return false;
      if (storage.write(STORAGE_KEY, serialize(this.entries))) return true;
      this.message("error", "Your change could not be saved: this browser's storage is full or blocked.");
      return false;
    }

    updateEntry(id, change) {
      const next = compactEntry({ ...this.entries.get(id), ...change });
      if (next) this.entries.set(id, next);
      else this.entries.delete(id);
      this.save();
    }

    /** Replace all progress with `raw` (a stored string, or null for none), keeping an undo step. */
    replaceAll(rawAfter, undoLabel, doneText) {
      let rawBefore = null;
      try {
        rawBefore = storage.read(STORAGE_KEY);
      } catch {
        rawBefore = null;
      }
      if (!storage.write(STORAGE_KEY, rawAfter)) {
        this.message("error", "Nothing changed: this browser's storage is full or blocked.", [], { focus: true });
        return;
      }
      pendingUndo = { raw: rawBefore, label: undoLabel };
      const notices = this.reloadStored({ show: false });
      this.message("info", doneText, [[undoLabel, () => this.undo()]], { focus: true });
      for (const notice of notices) this.message(notice.kind, notice.text, [], { append: true });
    }

    undo() {
      if (!pendingUndo) return;
      const { raw } = pendingUndo;
      if (!storage.write(STORAGE_KEY, raw)) {
        this.message("error", "Undo failed: this browser's storage is full or blocked.", [], { focus: true });
        return;
      }
      pendingUndo = null;
      this.reloadStored();
      this.message("info", "Undone: your progress is back as it was.", [], { focus: true });
    }

    /** Re-read storage (after an import, reset, undo, or a change in another tab). */
    reloadStored({ show = true } = {}) {
      const loaded = loadStoredProgress(this.catalog);
      this.entries = loaded.entries;
      this.render();
      if (show) for (const notice of loaded.notices) this.message(notice.kind, notice.text, [], { append: true });
      return loaded.notices;
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
        if (this.snapshot || !STATUSES.includes(target.value)) return;
        const id = target.dataset.skillId;
        this.updateEntry(id, { status: target.value });
        const skill = this.skillById.get(id);
        if (skill) skill.item.dataset.status = target.value;
        this.renderBars();
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
      const note = target.value.slice(0, MAX_NOTE_CHARS);
      this.updateEntry(target.dataset.skillId, { note });
      const skill = this.skillById.get(target.dataset.skillId);
      if (skill) skill.toggleText.textContent = note ? "Edit note" : "Add note";
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
      const skills = Object.fromEntries(this.entries);
      const body = JSON.stringify({ format: EXPORT_FORMAT, version: VERSION, skills }, null, 2);
      const url = URL.createObjectURL(new Blob([`${body}\n`], { type: "application/json" }));
      const link = h("a", { href: url, download: EXPORT_FILE_NAME, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this.message("info", `Exported ${plural(this.entries.size, "entry", "entries")} to ${EXPORT_FILE_NAME}.`);
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
      const known = [...entries.keys()].filter((id) => this.catalog.areaOfSkill.has(id) || id in this.catalog.migrations);
      const others = entries.size - known.length;
      this.replaceAll(
        serialize(entries),
        "Undo import",
        `Imported progress for ${plural(known.length, "skill")}` +
          (others ? ` (${plural(others, "entry", "entries")} for skills not in this list ${others === 1 ? "was" : "were"} kept but not counted)` : "") +
          ". It replaced what was here before.",
      );
    }

    share() {
      const url = new URL(window.location.href);
      url.hash = SHARE_PREFIX.slice(1) + encodeShare(this.entries, this.catalog);
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
      const count = this.entries.size;
      this.message(
        "warning",
        `Reset all progress in this browser? This clears ${plural(count, "saved entry", "saved entries")} ` +
          "(statuses and notes). You can undo it right after.",
        [
          ["Yes, reset everything", () => this.replaceAll(null, "Undo reset", "Progress reset: every skill is back to not started.")],
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
    // Another tab changed progress: show it, unless a snapshot is on screen.
    if (current && (event.key === STORAGE_KEY || event.key === null)) current.reloadStored();
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
