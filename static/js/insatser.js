// Progressive enhancement of the insats forms. Without JavaScript every field is shown and the server checks the
// rules; with it, the error summary gets focus and the insats form shows only what applies to the chosen typ.
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
  function fieldOf(el) { return el ? el.closest(".field") : null; }
  function update() {
    var checked = form.querySelector("input[name=typ]:checked");
    if (!checked) return;
    var typLabel = checked.parentElement.textContent.trim();
    if (select) {
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        var match = group.label.indexOf(typLabel) === 0;
        group.hidden = !match;
        group.disabled = !match;
      });
      var chosen = select.options[select.selectedIndex];
      if (chosen && chosen.parentElement.disabled) select.value = "";
    }
    var individ = checked.value === "individinriktad";
    var m = fieldOf(malgrupper);
    if (m) m.hidden = !individ;
    var u = fieldOf(uppfoljning);
    if (u) u.hidden = individ;
  }
  Array.prototype.forEach.call(radios, function (r) { r.addEventListener("change", update); });
  update();
})();
