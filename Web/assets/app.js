// Small enhancements only: every page works without this file.
// 1. ID numbers (GB 11643) and unified social credit codes (GB 32100) are checked as they are typed.
// 2. A clue form may take another worker without a round trip.
(function () {
  "use strict";
  function idNumberOK(v) {
    v = v.trim().toUpperCase();
    if (!/^[0-9]{17}[0-9X]$/.test(v)) return false;
    var w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], sum = 0;
    for (var i = 0; i < 17; i++) sum += (v.charCodeAt(i) - 48) * w[i];
    if ("10X98765432".charAt(sum % 11) !== v.charAt(17)) return false;
    var y = +v.substr(6, 4), m = +v.substr(10, 2), d = +v.substr(12, 2);
    var date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }
  function creditCodeOK(v) {
    var chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    v = v.trim().toUpperCase();
    if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(v)) return false;
    var w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28], sum = 0;
    for (var i = 0; i < 17; i++) sum += chars.indexOf(v.charAt(i)) * w[i];
    return chars.charAt((31 - sum % 31) % 31) === v.charAt(17);
  }
  // An employer field takes a name too: only an 18-character code is checked.
  function codeOrName(v) {
    v = v.trim();
    return /^[0-9A-Za-z]{18}$/.test(v) ? creditCodeOK(v) : null;
  }
  var checks = { "id-number": idNumberOK, "credit-code": creditCodeOK, "credit-code-or-name": codeOrName };
  function check(input) {
    var rule = checks[input.getAttribute("data-check")];
    var note = document.getElementById(input.id + "-check");
    if (!rule || !note) return;
    var v = input.value.trim();
    if (!v) { note.textContent = ""; input.removeAttribute("aria-invalid"); return; }
    var ok = rule(v);
    if (ok === null) { note.textContent = ""; input.removeAttribute("aria-invalid"); return; }
    note.textContent = ok ? note.getAttribute("data-ok") : note.getAttribute("data-bad");
    note.className = ok ? "hint ok" : "field-error";
    if (ok) input.removeAttribute("aria-invalid"); else input.setAttribute("aria-invalid", "true");
  }
  document.addEventListener("input", function (e) {
    if (e.target && e.target.hasAttribute && e.target.hasAttribute("data-check")) check(e.target);
  });
  // 3. Before a clue is submitted, ask whether its arrears are already on record, and offer the choice first.
  var clueForm = document.getElementById("clue-form");
  var choice = document.getElementById("duplicate-choice");
  if (clueForm && choice && window.fetch && window.URLSearchParams) {
    clueForm.addEventListener("submit", function (e) {
      if (clueForm.getAttribute("data-checked") === "1" || !choice.hidden) return;
      e.preventDefault();
      var body = new URLSearchParams();
      ["_csrf", "employer", "project"].forEach(function (n) {
        var f = clueForm.elements[n]; if (f) body.append(n, f.value);
      });
      clueForm.querySelectorAll("input[name=id_number]").forEach(function (f) { body.append("id_number", f.value); });
      var go = function () { clueForm.setAttribute("data-checked", "1"); clueForm.submit(); };
      fetch("/clues/check", { method: "POST", body: body, credentials: "same-origin",
                              headers: { "Content-Type": "application/x-www-form-urlencoded" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (answer) {
          var note = document.getElementById("duplicate-note");
          if (answer && answer.message && note) { note.textContent = answer.message; note.hidden = false; }
          if (answer && answer.known) {
            choice.hidden = false;
            clueForm.setAttribute("data-checked", "1");
            var first = choice.querySelector("input"); if (first) first.focus();
          } else { go(); }
        }, go);
    });
  }
  var add = document.getElementById("add-worker");
  if (add) {
    add.hidden = false;
    add.addEventListener("click", function () {
      var rows = document.querySelectorAll("fieldset.worker");
      var last = rows[rows.length - 1], copy = last.cloneNode(true), n = rows.length;
      copy.querySelectorAll("[id]").forEach(function (el) { el.id = el.id.replace(/-\d+(-check)?$/, "-" + n + "$1"); });
      copy.querySelectorAll("label[for]").forEach(function (el) { el.htmlFor = el.htmlFor.replace(/-\d+$/, "-" + n); });
      copy.querySelectorAll("input").forEach(function (el) { el.value = ""; el.removeAttribute("aria-invalid"); });
      copy.querySelectorAll(".field-error, .hint.ok").forEach(function (el) { el.textContent = ""; });
      var legend = copy.querySelector("legend");
      if (legend) legend.textContent = legend.getAttribute("data-label") + " " + (n + 1);
      last.parentNode.insertBefore(copy, last.nextSibling);
      copy.querySelector("input").focus();
    });
  }
})();
