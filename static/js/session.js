// Warns before an idle session ends and lets the person keep it (WCAG 2.2.1). The page is told how many seconds
// the session has left (data-sekunder); every tab shares the latest end it knows (localStorage), so one busy tab
// keeps the others quiet. Focus moves to the button only when the person is not typing in a field.
(function () {
  "use strict";
  var box = document.getElementById("session-varning");
  if (!box) return;
  var warn = parseInt(box.getAttribute("data-varning"), 10) * 1000;
  var message = document.getElementById("session-meddelande");
  var button = document.getElementById("session-fortsatt");
  var KEY = "finsam-session-slut";
  var state = "lugn";
  var own = 0;

  function extend(seconds) {
    own = Date.now() + seconds * 1000;
    try {
      if (own > (parseInt(localStorage.getItem(KEY), 10) || 0)) localStorage.setItem(KEY, String(own));
    } catch (e) { /* storage blocked: this tab only */ }
  }
  function end() {
    var shared = 0;
    try { shared = parseInt(localStorage.getItem(KEY), 10) || 0; } catch (e) { shared = 0; }
    return Math.max(own, shared);
  }
  function typing() {
    var el = document.activeElement;
    return el && /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);
  }
  function show(next, text, withButton) {
    if (state === next) return;
    state = next;
    box.classList.toggle("aktiv", next !== "lugn");
    message.textContent = text;
    button.hidden = !withButton;
    if (withButton && !typing()) button.focus();
  }
  function check() {
    var left = end() - Date.now();
    if (left <= 0) show("utloggad", box.getAttribute("data-text-utloggad"), false);
    else if (left <= warn) show("varning", box.getAttribute("data-text-varning"), true);
    else if (state !== "fortsatt") show("lugn", "", false);
  }
  button.addEventListener("click", function () {
    // The CSRF cookie is current even after a login in another tab; the page's token may not be.
    var cookie = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    var field = document.querySelector("form.logout input[name=csrfmiddlewaretoken]");
    var token = cookie ? decodeURIComponent(cookie[1]) : (field ? field.value : "");
    fetch(box.getAttribute("data-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "X-Requested-With": "fetch" }
    }).then(function (response) {
      if (response.redirected || response.status === 401 || response.status === 403) {
        show("utloggad", box.getAttribute("data-text-utloggad"), false);
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (data) {
      if (!data) return;
      extend(data.sekunder);
      show("fortsatt", box.getAttribute("data-text-fortsatt"), false);
      window.setTimeout(function () { if (state === "fortsatt") show("lugn", "", false); }, 5000);
    }).catch(function () {
      message.textContent = box.getAttribute("data-text-fel");
    });
  });
  extend(parseInt(box.getAttribute("data-sekunder"), 10));
  window.setInterval(check, 1000);
  window.addEventListener("storage", function (event) { if (event.key === KEY) check(); });
})();
