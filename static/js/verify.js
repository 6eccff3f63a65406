/* The verification page: compute the chosen PDF's SHA-256 in the browser and send only that,
   so the file need not be uploaded. Without this script (or without crypto.subtle, which
   browsers offer only on HTTPS and localhost) the form uploads the file and the server
   computes the same fingerprint. */
(function () {
  "use strict";
  var result = document.getElementById("verify-result");
  if (result) {
    result.focus();
  }
  var form = document.getElementById("verify-form");
  if (!form || !window.crypto || !window.crypto.subtle || !window.Blob || !Blob.prototype.arrayBuffer) {
    return;
  }
  var fileInput = form.querySelector("input[type=file]");
  var hashInput = form.querySelector("input[name=sha256]");
  var status = document.getElementById("verify-status");
  var hex = function (buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (byte) {
      return byte.toString(16).padStart(2, "0");
    }).join("");
  };
  form.addEventListener("submit", function (event) {
    var file = fileInput && fileInput.files && fileInput.files[0];
    // Nothing to compute, or a fingerprint pasted as well: the server answers those.
    if (!file || hashInput.value.trim()) {
      return;
    }
    event.preventDefault();
    status.textContent = form.dataset.hashing;
    file.arrayBuffer()
      .then(function (buffer) { return window.crypto.subtle.digest("SHA-256", buffer); })
      .then(function (digest) {
        hashInput.value = hex(digest);
        fileInput.value = "";
        form.submit();
      })
      .catch(function () {
        status.textContent = "";
        form.submit();  // upload it after all: the server computes the fingerprint
      });
  });
})();
