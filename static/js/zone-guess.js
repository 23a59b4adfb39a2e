// Fill an empty time-zone box marked data-guess-zone with the zone the browser runs in,
// so a new participant only confirms it. Without JavaScript the box stays empty (UTC).
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone) return;
  document.querySelectorAll("input[data-guess-zone]").forEach(function (input) {
    if (!input.value) input.value = zone;
  });
})();
