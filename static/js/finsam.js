// Shared by every page (no inline scripts: the Content-Security-Policy allows only our static files).
// A form's error summary gets focus, so a screen reader user hears what to correct first.
(function () {
  "use strict";
  var summary = document.getElementById("felsammanfattning");
  if (summary && document.activeElement !== summary) summary.focus();
})();
