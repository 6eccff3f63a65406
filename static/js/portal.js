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
