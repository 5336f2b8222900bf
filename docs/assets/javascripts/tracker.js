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
 * Storage is not here: progress-store.js (loaded first, window.handbookProgress)
 * owns the entries {status, note} and their one validation, the stored record
 * whose fields carry the stamp of their last change (so two tabs merge instead
 * of overwriting), localStorage I/O, sync with other tabs, and the export file,
 * which also carries the flashcards' review state (flashcards.js) and the quiz
 * results (quizzes.js). This file is the catalog, share links, and the Tracker
 * view on top. Reset clears the skills only; import replaces the flashcard
 * reviews and the quiz results too when the file has them.
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
  // Reading and writing progress is progress-store.js's job; it loads first.
  const store = window.handbookProgress;
  if (!store) return;

  const EXPORT_FILE_NAME = "sde2-handbook-progress.json";
  const SHARE_VERSION = 1;
  const MAX_IMPORT_BYTES = 1024 * 1024;
  const MAX_SHARE_CHARS = 400_000;
  const SHARE_PREFIX = "#progress=";
  const STORAGE_KEY = store.keys.skills;
  const BACKUP_KEY = store.keys.skillsBackup;

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

  /**
   * Numbers for tests and the benchmark; nothing reads them at run time.
   * `writes` counts the store's writes to localStorage (both parts).
   */
  const stats = {
    inits: 0,
    barUpdates: 0,
    lastInitMs: 0,
    get writes() {
      return store.stats.writes;
    },
  };

  // Survives instant navigation, so "Undo" still works on the next page.
  let pendingUndo = null;
  // Kept while browsing between pages; a full reload starts with all levels.
  let levelFilter = "";
  let current = null;

  /* ------------------------------------------------------------------ */
  /* Small helpers, and the shared progress store (progress-store.js)    */
  /* ------------------------------------------------------------------ */

  const { isPlainObject, plural, clip, toObject, h, saveFailureText } = store.util;
  const { RefusedError, sameStamp } = store;
  const { STATUS_LABELS, FIELDS, DEFAULTS, MAX_NOTE_CHARS, MAX_ENTRIES, idProblem, applyMigrations, migrationNotice } =
    store.rules;
  const STATUSES = [...STATUS_LABELS.keys()];
  const progress = store.skills;



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
  /* One tracker block on one page                                       */
  /* ------------------------------------------------------------------ */

  let uniqueCounter = 0;

  class Tracker {
    constructor(root, catalog) {
      this.root = root;
      this.catalog = catalog;
      this.kind = root.dataset.trackerPage === "area" ? "area" : "overview";
      this.snapshot = null;
      // The card reviews load too: they are part of every export and import.
      const notices = [...progress.load(catalog.migrations), ...store.cards.load(), ...store.quizzes.load()];

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
      this.readiness = this.buildReadiness(root.querySelector(".tracker-readiness[data-rounds]"));

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

    /**
     * The readiness table of the overview (handbook_build/skill_pages.py,
     * ROUNDS): per interview round, skills done in its areas, quizzes whose
     * last answer was right on its pages, and its interview flashcards due.
     */
    buildReadiness(container) {
      if (!container) return null;
      const parse = (name, fallback) => {
        try {
          return JSON.parse(container.getAttribute(name));
        } catch {
          return fallback;
        }
      };
      const listed = parse("data-rounds", []);
      const quizSections = parse("data-quiz-sections", {});
      const sectionOfQuiz = new Map(
        Object.entries(isPlainObject(quizSections) ? quizSections : {}).filter(([, section]) => typeof section === "string"),
      );
      const text = (value) => (typeof value === "string" ? value : "");
      const strings = (value) => (Array.isArray(value) ? value.filter((item) => typeof item === "string") : []);
      const rounds = (Array.isArray(listed) ? listed : []).filter(isPlainObject).map((round) => {
        const sections = new Set(strings(round.sections));
        const skills = strings(round.areas).flatMap((area) => this.catalog.areas.get(area)?.skills ?? []);
        const quizzes = [...sectionOfQuiz].filter(([, section]) => sections.has(section)).map(([id]) => id);
        const cells = [0, 1, 2].map(() => h("td"));
        const meter = h("progress", { max: Math.max(skills.length, 1), value: 0, "aria-label": `${text(round.title)}: skills done` });
        cells[0].append(h("span"), h("br"), meter);
        const row = h("tr", { "data-round": text(round.id) }, [h("th", { scope: "row" }, [text(round.title)]), ...cells]);
        return { id: text(round.id), sections, skills, quizzes, cells, meter, row };
      });
      const table = h("table", { class: "tracker-readiness__table" }, [
        h("caption", {}, ["Readiness by interview round"]),
        h("thead", {}, [
          h("tr", {}, ["Round", "Skills done", "Quizzes right", "Cards due"].map((name) => h("th", { scope: "col" }, [name]))),
        ]),
        h("tbody", {}, rounds.map((round) => round.row)),
      ]);
      container.replaceChildren(table);
      return { container, rounds };
    }

    renderReadiness() {
      if (!this.readiness) return;
      const entries = this.view();
      const results = store.quizzes.entries();
      const reviews = store.cards.entries();
      const pad = (n) => String(n).padStart(2, "0");
      const now = new Date();
      const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
      for (const round of this.readiness.rounds) {
        const done = round.skills.filter((id) => entries.get(id)?.status === "done").length;
        const right = round.quizzes.filter((id) => results.get(id)?.correct === true).length;
        let due = 0;
        for (const [id, review] of reviews) {
          const [deck, section] = id.split("/");
          if (deck === "interview" && round.sections.has(section) && review.due <= today) due += 1;
        }
        round.cells[0].firstChild.textContent = `${done} / ${round.skills.length}`;
        round.meter.value = done;
        round.cells[1].textContent = `${right} / ${round.quizzes.length}`;
        round.cells[2].textContent = String(due);
        Object.assign(round.row.dataset, {
          skillsDone: done,
          skillsTotal: round.skills.length,
          quizzesRight: right,
          quizzesTotal: round.quizzes.length,
          cardsDue: due,
        });
      }
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
      this.renderReadiness();
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
      const text = `Not saved: ${saveFailureText(reason)}, so the ${thing} is back to what is saved.`;
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

    /**
     * Make the stored progress equal `target` ({skills: Map of entries, cards:
     * Map of flashcard reviews or null to leave them}), keeping an undo step.
     */
    replaceAll(target, undoLabel, doneText, notices = []) {
      const result = store.replaceParts(target);
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
      const keptCards = new Set();
      const putBack = (steps, keptIds) => (base) => {
        const edits = [];
        for (const step of steps) {
          if (sameStamp(base.get(step.id)?.[step.field]?.stamp, step.after)) {
            edits.push({ id: step.id, field: step.field, value: step.before });
          } else {
            keptIds.add(step.id);
          }
        }
        return edits;
      };
      const result = progress.change(putBack(pendingUndo.steps.skills, kept));
      const cards = pendingUndo.steps.cards.length
        ? store.cards.change(putBack(pendingUndo.steps.cards, keptCards))
        : { ok: true, notices: [] };
      const quizzes = pendingUndo.steps.quizzes?.length
        ? store.quizzes.change(putBack(pendingUndo.steps.quizzes, new Set()))
        : { ok: true, notices: [] };
      if (!result.ok || !cards.ok || !quizzes.ok) {
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
          : "Undone: your progress is back as it was." +
              (keptCards.size ? ` ${plural(keptCards.size, "flashcard")} reviewed again since keep that review.` : ""),
        [],
        { focus: true },
      );
      this.showNotices([...result.notices, ...cards.notices]);
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
      const reviews = store.cards.entries().size;
      const results = store.quizzes.entries().size;
      const url = URL.createObjectURL(new Blob([store.exportText()], { type: "application/json" }));
      const link = h("a", { href: url, download: EXPORT_FILE_NAME, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this.message(
        "info",
        `Exported ${plural(entries.size, "entry", "entries")}` +
          (reviews ? ` and ${plural(reviews, "flashcard review")}` : "") +
          (results ? ` and ${plural(results, "quiz result")}` : "") +
          ` to ${EXPORT_FILE_NAME}.`,
      );
    }

    async importFile(file) {
      const refuse = (reason) =>
        this.message("error", `Import refused: ${reason}. Your progress was not changed.`, [], { focus: true });
      if (file.size > MAX_IMPORT_BYTES) {
        refuse(`the file is ${Math.ceil(file.size / 1024).toLocaleString("en-US")} KB; the limit is 1 MB`);
        return;
      }
      let entries;
      let cards;
      let quizzes;
      try {
        ({ skills: entries, cards, quizzes } = store.parseImport(await file.text()));
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
        { skills: entries, cards, quizzes },
        "Undo import",
        `Imported progress for ${plural(known, "skill")}` +
          (others
            ? ` (${plural(others, "entry", "entries")} for skills not in this list ` +
              `${others === 1 ? "was" : "were"} kept but not counted)`
            : "") +
          ". It replaced what was here before." +
          (cards === null
            ? " The file holds no flashcard reviews, so yours are kept as they were."
            : ` Flashcard reviews: ${plural(cards.size, "card")}, replacing yours.`) +
          (quizzes === null
            ? " It holds no quiz results, so yours are kept."
            : ` Quiz results: ${plural(quizzes.size, "question")}, replacing yours.`),
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
            () =>
              this.replaceAll(
                { skills: new Map(), cards: null, quizzes: null },
                "Undo reset",
                "Progress reset: every skill is back to not started.",
              ),
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
  // The store merges another tab's changes (even on pages without a
  // tracker, so the next one starts up to date); show them here.
  store.subscribe(({ part, notices }) => {
    if (part === "skills" && current) current.onStorage(notices);
    else if (current) current.renderReadiness();
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
