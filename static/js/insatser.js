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
  // Same rule as insatser.rules: [fran, till] overlaps [start, slut] (an open end overlaps everything later) and the
  // class still applies at the insats's end (an insats running into 2023 needs a class of Uppföljning Finsam; its SUS
  // class is kept for the years up to 2022 in the field below).
  function validDuring(option, from, to) {
    if (!from) return true;
    var fran = option.getAttribute("data-fran"), till = option.getAttribute("data-till");
    return (!fran || !to || fran <= to) && (!till || (to !== "" && till >= to));
  }
  // An inriktning is never cleared because of the dates: when the dates typed no longer fit it, it stays chosen and
  // a message under the list says why ("… gäller inte under datumen du skrivit (Uppföljning Finsam, från 2023)");
  // the server refuses it with the same words if it is saved so. One of the other typ is cleared, as the typ says.
  var note = null;
  if (select) {
    note = document.createElement("p");
    note.className = "help";
    note.id = "id_inriktning_passar_inte";
    note.setAttribute("aria-live", "polite");
    note.hidden = true;
    select.parentNode.appendChild(note);
  }
  function explain(option, fits) {
    if (!note) return;
    var describedby = (select.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
      return id && id !== note.id;
    });
    if (fits || !option || option.value === "") {
      note.hidden = true;
      note.textContent = "";
    } else {
      note.textContent = (select.getAttribute("data-passar-inte") || "")
        .replace("%(inriktning)s", option.textContent.trim())
        .replace("%(giltighet)s", option.getAttribute("data-giltighet") || "");
      note.hidden = false;
      describedby.push(note.id);
    }
    if (describedby.length) select.setAttribute("aria-describedby", describedby.join(" "));
    else select.removeAttribute("aria-describedby");
  }
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
          var chosen = option.selected && option.value !== "";
          var show = (typMatch && (validDuring(option, from, to) || chosen)) || (initial && chosen);
          option.hidden = !show;
          option.disabled = !show;
          any = any || show;
        });
        group.hidden = !any;
        group.disabled = !any;
      });
      var chosen = select.options[select.selectedIndex];
      if (chosen && chosen.disabled) select.value = "";  // it belongs to the other typ
      chosen = select.options[select.selectedIndex];
      explain(chosen, !chosen || chosen.value === "" || validDuring(chosen, from, to));
    }
    if (!checked) return;
    var individ = checked.value === "individinriktad";
    var m = fieldOf(malgrupper);
    if (m) m.hidden = !individ;
    var u = fieldOf(uppfoljning);
    if (u) u.hidden = individ;
  }
  Array.prototype.forEach.call(radios, function (r) { r.addEventListener("change", update); });
  [start, slut].forEach(function (input) {
    if (!input) return;
    input.addEventListener("change", update);
    input.addEventListener("input", function () { if (!input.value || iso.test(input.value)) update({}); });
  });
  if (select) select.addEventListener("change", update);
  update(null);
})();
