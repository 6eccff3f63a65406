// The portal's only script of its own, loaded by base.html on every page. The
// Content-Security-Policy allows no inline script or event handler: behaviour is attached
// here, by listeners on the document, to elements marked with data- attributes.
(function () {
  "use strict";
  // A page that still lists this file in its own scripts block loads it twice; once is enough.
  if (window.plusPortal) {
    return;
  }
  window.plusPortal = true;

  // <form data-confirm="Question?">: ask before submitting; a "no" cancels the submit.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // After htmx replaces a part of the page, give keyboard focus back to the control that
  // asked for it (found again by its id), or to the first field of a new inline form.
  document.addEventListener("htmx:afterSettle", function (event) {
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    var button = source && source.querySelector && source.querySelector("button[id]");
    var again = button && document.getElementById(button.id);
    if (again) {
      again.focus();
      return;
    }
    var field = event.detail.target && event.detail.target.querySelector("form.inline-edit input:not([type=hidden]), form.inline-edit select");
    if (field) {
      field.focus();
    }
  });
})();
