// Steppers for the attendance form: − and + buttons around each number input, and a submit
// button that disables while the form is sent. Without this script the plain number inputs
// and the button work as they are (progressive enhancement); the form's hidden
// submission_key makes a form sent twice count once, whatever the browser does.
(function () {
  "use strict";

  function step(input, delta) {
    var value = parseInt(input.value, 10);
    if (isNaN(value)) {
      value = 0;
    }
    var min = parseInt(input.min || "0", 10);
    var max = parseInt(input.max || "999", 10);
    input.value = String(Math.min(max, Math.max(min, value + delta)));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function init() {
    document.querySelectorAll("button[data-step]").forEach(function (button) {
      var input = document.getElementById(button.getAttribute("data-for"));
      if (!input) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        step(input, parseInt(button.getAttribute("data-step"), 10));
      });
    });

    document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
      form.addEventListener("submit", function () {
        form.querySelectorAll("button[type=submit]").forEach(function (button) {
          button.disabled = true;
          button.setAttribute("aria-busy", "true");
          if (button.dataset.sendingText) {
            button.dataset.idleText = button.textContent;
            button.textContent = button.dataset.sendingText;
          }
          // On a connection that never answers, let the user send again: the same
          // submission_key goes with it, so it is still stored once.
          window.setTimeout(function () {
            button.disabled = false;
            button.removeAttribute("aria-busy");
            if (button.dataset.idleText) {
              button.textContent = button.dataset.idleText;
            }
          }, 15000);
        });
      });
    });
  }

  // Back from the next page (the browser's page cache): the button must work again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.querySelectorAll("form[data-submit-once] button[type=submit]").forEach(function (button) {
        button.disabled = false;
        button.removeAttribute("aria-busy");
      });
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
