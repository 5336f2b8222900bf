// Predict-the-output questions (the forms hooks/quizzes.py writes from a
// `!!! quiz` marker, handbook_build/quizzes.py). Check says right or wrong and
// shows the example's real output; nothing is fetched or stored. Each result
// goes out as a `handbook:quiz-result` event on document, for the tracker.
// Checked by tests/browser/test_quizzes.py.
(() => {
  "use strict";
  const QUIZ = "form.handbook-quiz";

  // The one place a result leaves this module; the tracker will listen here.
  function recordResult(questionId, correct) {
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
    recordResult(form.dataset.quizId, correct);
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
    for (const form of document.querySelectorAll(QUIZ)) {
      form.querySelector(".handbook-quiz__check").hidden = false;
    }
  });
})();
