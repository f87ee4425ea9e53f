// Progressive enhancement of the insats forms. Without JavaScript every field is shown and the server checks the
// rules; with it, the error summary gets focus and the insats form shows only what applies to the chosen typ and,
// once a startdatum is given, only the inriktningar valid during the insats's period (data-fran/data-till).
(function () {
  "use strict";
  var summary = document.getElementById("felsammanfattning");
  if (summary) summary.focus();

  var form = document.querySelector("form.form");
  if (!form) return;
  var select = form.querySelector("#id_inriktning");
  var radios = form.querySelectorAll("input[name=typ]");
  var malgrupper = form.querySelector("#id_malgrupper");
  var uppfoljning = form.querySelector("#id_deltagaruppfoljning");
  var start = form.querySelector("#id_startdatum");
  var slut = form.querySelector("#id_slutdatum");
  var iso = /^\d{4}-\d{2}-\d{2}$/;
  function fieldOf(el) { return el ? el.closest(".field") : null; }
  function dateOf(input) { return input && iso.test(input.value) ? input.value : ""; }
  // Same rule as Inriktning.valid_during: [fran, till] overlaps [start, slut] (an open end overlaps everything later).
  function validDuring(option, from, to) {
    if (!from) return true;
    var fran = option.getAttribute("data-fran"), till = option.getAttribute("data-till");
    return (!fran || !to || fran <= to) && (!till || till >= from);
  }
  // On load the saved (or submitted) choice stays visible even if it does not fit, so the server's message about it
  // still points at something; after a change of typ or dates a choice that no longer fits is cleared.
  function update(event) {
    var initial = !event;
    var checked = form.querySelector("input[name=typ]:checked");
    var typLabel = checked ? checked.parentElement.textContent.trim() : "";
    if (select) {
      var from = dateOf(start), to = dateOf(slut);
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        var typMatch = !checked || group.label.indexOf(typLabel) === 0;
        var any = false;
        Array.prototype.forEach.call(group.querySelectorAll("option"), function (option) {
          var show = (typMatch && validDuring(option, from, to)) || (initial && option.selected && option.value !== "");
          option.hidden = !show;
          option.disabled = !show;
          any = any || show;
        });
        group.hidden = !any;
        group.disabled = !any;
      });
      var chosen = select.options[select.selectedIndex];
      if (chosen && chosen.disabled) select.value = "";
    }
    if (!checked) return;
    var individ = checked.value === "individinriktad";
    var m = fieldOf(malgrupper);
    if (m) m.hidden = !individ;
    var u = fieldOf(uppfoljning);
    if (u) u.hidden = individ;
  }
  Array.prototype.forEach.call(radios, function (r) { r.addEventListener("change", update); });
  [start, slut].forEach(function (input) { if (input) input.addEventListener("change", update); });
  update(null);
})();
