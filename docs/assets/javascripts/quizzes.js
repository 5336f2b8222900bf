// Predict-the-output questions (the forms hooks/quizzes.py writes from a
// `!!! quiz` marker, handbook_build/quizzes.py). Check says right or wrong and
// shows the example's real output; nothing is fetched. Each result is stored
// through progress-store.js (window.handbookProgress, part "quizzes": answer
// count, last and first result, merged across tabs) and goes out as a
// `handbook:quiz-result` event on document. A question answered before says
// so under its form ("Answered before: right"), from storage, after a reload.
// Checked by tests/browser/test_quizzes.py and test_quiz_results.py.
(() => {
  "use strict";
  const QUIZ = "form.handbook-quiz";

  const store = window.handbookProgress;

  /** The line under a form that says how it was answered last time (stored results only). */
  function showPast(form) {
    const result = store?.quizzes.entries().get(form.dataset.quizId);
    let line = form.querySelector(".handbook-quiz__before");
    if (!result) {
      line?.remove();
      return;
    }
    if (!line) {
      line = document.createElement("p");
      line.className = "handbook-quiz__before";
      form.querySelector(".handbook-quiz__verdict").after(line);
    }
    line.textContent = `Answered before: ${result.correct ? "right" : "wrong"}` +
      (result.answered > 1 ? ` (checked ${result.answered} times).` : ".");
  }

  // The one place a result leaves this module: storage, then an event.
  function recordResult(form, questionId, correct) {
    const saved = store ? store.recordQuiz(questionId, correct) : { ok: false, reason: "no-store" };
    if (!saved.ok) {
      const why = !store
        ? "the progress store did not load"
        : (store.util.saveFailureText(saved.reason) ?? "this question has no valid id");
      form.querySelector(".handbook-quiz__verdict").append(` (Not saved: ${why}.)`);
    }
    document.dispatchEvent(new CustomEvent("handbook:quiz-result", { detail: { questionId, correct } }));
  }

  function check(form) {
    const picked = form.querySelector("input[type=radio]:checked");
    const verdict = form.querySelector(".handbook-quiz__verdict");
    if (!picked) {
      verdict.textContent = "Pick an answer first.";
      return;
    }
    const correct = picked.value === "right";
    form.dataset.result = correct ? "right" : "wrong";
    for (const option of form.querySelectorAll(".handbook-quiz__option")) {
      const input = option.querySelector("input");
      option.classList.toggle("handbook-quiz__option--answer", input.value === "right");
      option.classList.toggle("handbook-quiz__option--missed", input === picked && !correct);
    }
    verdict.textContent = correct
      ? "Right: it prints exactly that."
      : "Not quite: it prints what is shown below.";
    form.querySelector(".handbook-quiz__answer").hidden = false;
    recordResult(form, form.dataset.quizId, correct);
  }

  // Listeners on document survive instant navigation, which swaps the page.
  document.addEventListener("submit", (event) => {
    const form = event.target.closest?.(QUIZ);
    if (!form) return;
    event.preventDefault();
    check(form);
  });
  // A new pick clears the old verdict; the output, once shown, stays.
  document.addEventListener("change", (event) => {
    const form = event.target.closest?.(QUIZ);
    if (!form || !form.dataset.result) return;
    delete form.dataset.result;
    form.querySelector(".handbook-quiz__verdict").textContent = "";
    for (const option of form.querySelectorAll(".handbook-quiz__option")) {
      option.classList.remove("handbook-quiz__option--missed");
    }
  });
  // The Check button is hidden in the markup, so a reader without this script
  // never meets a button that does nothing.
  document$.subscribe(() => {
    const forms = document.querySelectorAll(QUIZ);
    if (forms.length && store) store.quizzes.load();
    for (const form of forms) {
      form.querySelector(".handbook-quiz__check").hidden = false;
      showPast(form);
    }
  });
  // Another tab answered: its results show here too.
  store?.subscribe(({ part }) => {
    if (part !== "quizzes") return;
    for (const form of document.querySelectorAll(QUIZ)) showPast(form);
  });
})();
