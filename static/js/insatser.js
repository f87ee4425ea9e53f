// Progressive enhancement of the insats form: show only the inriktningar of the chosen typ and only the fields that
// apply to it. Without JavaScript every field is shown and the server checks the rules.
(function () {
  "use strict";
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
