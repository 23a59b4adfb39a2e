/* Keeping keyboard and screen-reader users in place (loaded on every page by base.html).

   After an htmx swap: focus goes to a notice marked data-focus-first (an edit conflict),
   else to the first field with an error in the new content, or
   else to the control that made the request, found again in the new content by what it
   does (same form address, name, value and label: the "Up" of the item just moved, the
   answer just given), or else to the swapped region itself. What changed is read out by
   live regions that exist from the start (a region inserted by the swap is not announced
   reliably): the page's messages by their own region, else, by the announcer, the notes
   and errors the swap brought or what the swapped part says it did ("Your answer:
   Tentative. Saved.", or a pager's place marked data-announce).

   One voice per change. The messages region (#messages) stays on the page and only its
   content is swapped, so it reads out each message itself; the announcer (#a11y-announcer)
   then says nothing else. An alert (role="alert") that arrives with a swap is read out by
   every screen reader as it appears, so the announcer does not repeat its words. Other live
   regions that arrive with a swap (a status note, a region marked aria-live) are read on
   insertion by some screen readers and not by others: they are quieted as they are
   inserted, before the accessibility tree sees them, and the announcer says their words
   once instead. Regions that stay on the page carry data-keep-live.

   Glossary tooltips: shown on hover, keyboard focus and a first touch (a second touch
   follows the link); Escape hides the one shown. */
(function () {
  "use strict";

  var announcer = null;
  var lastTrigger = null;

  var quieted = [];  // what the status notes quieted during the current swap said
  var alerted = [];  // what the alerts inserted by the current swap say themselves

  function words(el) { return (el.textContent || "").replace(/\s+/g, " ").trim(); }

  function quiet(root) {
    if (!root || !root.querySelectorAll) return;
    var found = [root].concat(Array.prototype.slice.call(
      root.querySelectorAll("[role=alert], [role=status], [role=log], [aria-live]")));
    found.forEach(function (el) {
      if (el.hasAttribute("data-keep-live")) return;
      var role = el.getAttribute("role");
      var live = el.getAttribute("aria-live");
      if (role === "alert") { alerted.push(words(el)); return; }
      if (role !== "status" && role !== "log" && !(live && live !== "off")) return;
      if (role) {
        el.removeAttribute("role");
        el.dataset.quietedRole = role;
        // A region that only wraps other content (aria-live alone) is not words to say.
        quieted.push(words(el));
      }
      if (live) el.setAttribute("aria-live", "off");
    });
  }
  // Both run in the same task as the insertion, so no live region is ever seen by the
  // accessibility tree.
  document.addEventListener("htmx:afterSwap", function (event) { quiet(event.target); });
  document.addEventListener("htmx:oobAfterSwap", function (event) { quiet(event.target); });

  function ensureAnnouncer() {
    if (announcer && document.body.contains(announcer)) return announcer;
    // base.html has it from the start; pages that do not extend it (the admin) get one.
    announcer = document.getElementById("a11y-announcer");
    if (announcer) return announcer;
    announcer = document.createElement("div");
    announcer.id = "a11y-announcer";
    announcer.className = "visually-hidden";
    announcer.setAttribute("role", "status");
    announcer.setAttribute("aria-live", "polite");
    document.body.appendChild(announcer);
    return announcer;
  }

  function announce(text) {
    var region = ensureAnnouncer();
    region.textContent = "";
    if (!text) return;
    // A fresh text node a moment later: read out even when the words repeat.
    window.setTimeout(function () { region.textContent = text; }, 100);
  }

  function keyOf(el) {
    if (!el || !el.tagName) return null;
    var form = el.form || el.closest("form");
    return [
      el.tagName,
      form ? form.getAttribute("action") || "" : "",
      el.getAttribute("hx-post") || el.getAttribute("hx-get") || el.getAttribute("href") || "",
      el.getAttribute("name") || "",
      el.getAttribute("value") || "",
      (el.textContent || "").trim(),
    ].join("\u0001");
  }

  function findByKey(root, key) {
    if (!key) return null;
    var candidates = root.querySelectorAll("button, a[href], input, select, textarea");
    for (var i = 0; i < candidates.length; i++) {
      if (keyOf(candidates[i]) === key && !candidates[i].disabled) return candidates[i];
    }
    return null;
  }

  function focusRegion(el) {
    if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
    el.focus({ preventScroll: false });
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    quieted = [];
    alerted = [];
    var elt = event.detail.elt;
    var active = document.activeElement;
    // A form submitted by a button: the button pressed is the place to come back to.
    var trigger = active && active !== document.body && elt.contains(active) ? active : elt;
    var form = trigger.form || trigger.closest("form");
    lastTrigger = {
      el: trigger,
      key: keyOf(trigger),
      id: trigger.id || "",
      action: form ? form.getAttribute("action") : "",
    };
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    // Out-of-band parts (the messages) settle too: the request's own swap moves focus once.
    if (!lastTrigger) return;
    var trigger = lastTrigger;
    lastTrigger = null;
    var target = event.detail.target || event.detail.elt;
    if (target && !document.body.contains(target)) {
      // Swapped outerHTML: the new element carries the old one's id.
      target = (target.id && document.getElementById(target.id)) || null;
    }
    if (!target) target = document.getElementById("main") || document.body;
    var errorList = target.querySelector(".errorlist, .field-errors, .form-errors");
    // A notice to read before acting again (a colleague's version saved meanwhile: pressing
    // Save once more would overwrite it) takes focus before any field.
    var place = target.querySelector("[data-focus-first]") ||
      target.querySelector("[aria-invalid='true']");
    if (!place && errorList) {
      var field = errorList.closest(".field, p, div");
      place = field ? field.querySelector("input:not([type=hidden]), select, textarea") : null;
    }
    if (!place && document.body.contains(trigger.el)) {
      // The control was not replaced (a search box typed into): leave focus where it is.
      announce(messageText(errorList, target));
      return;
    }
    if (!place) {
      place = (trigger.id && document.getElementById(trigger.id)) || findByKey(target, trigger.key);
    }
    if (!place && trigger.action) {
      // The same control is gone (an item moved to the top has no "Up"): another control
      // of the same thing, such as its "Down".
      var forms = target.querySelectorAll("form");
      for (var i = 0; i < forms.length && !place; i++) {
        if (forms[i].getAttribute("action") === trigger.action) {
          place = forms[i].querySelector("button:not([disabled]), input:not([type=hidden])");
        }
      }
    }
    if (place) place.focus();
    else focusRegion(target);
    announce(messageText(errorList, target, place ? describedBy(place) : ""));
  });

  // What a screen reader reads with a field when it gets focus: its description, which
  // holds its errors (aria-describedby); the announcer does not say those words again.
  function describedBy(el) {
    return (el.getAttribute("aria-describedby") || "").split(/\s+/).map(function (id) {
      var described = id && document.getElementById(id);
      return described ? words(described) : "";
    }).join(" ");
  }

  function messageText(errorList, target, heard) {
    var notes = quieted;
    var alerts = alerted.join(" ");
    quieted = [];
    alerted = [];
    // Words an alert of the swap says itself are not said again.
    function fresh(text) { return !!text && alerts.indexOf(text) === -1; }
    // The messages region reads its own messages out.
    var messages = document.getElementById("messages");
    if (messages && words(messages)) return "";
    // No message came with the swap: its status notes, then the errors next to the fields,
    // else what the swapped part itself says it did.
    var parts = notes.filter(fresh);
    var errors = errorList ? words(errorList) : "";
    var heardOnFocus = !!errors && !!heard && heard.indexOf(errors) !== -1;
    if (fresh(errors) && !heardOnFocus && parts.join(" ").indexOf(errors) === -1) {
      parts.push(errors);
    }
    if (!parts.length && !alerts) {
      // An answer just given, or where a pager now stands ("Invitations 26 to 50 of 150").
      var now = target.querySelector(".answer-now, [data-announce]");
      if (now) parts.push(words(now));
    }
    return parts.join(" ");
  }

  /* --- Tables that scroll sideways on a phone (static/css/app.css) ------------------- */
  function reachableTables() {
    document.querySelectorAll("main table").forEach(function (table) {
      var scrolls = table.scrollWidth > table.clientWidth + 1;
      if (scrolls && !table.hasAttribute("tabindex")) {
        table.setAttribute("tabindex", "0");
        table.dataset.scrollFocus = "1";
      } else if (!scrolls && table.dataset.scrollFocus) {
        table.removeAttribute("tabindex");
        delete table.dataset.scrollFocus;
      }
    });
  }
  document.addEventListener("DOMContentLoaded", reachableTables);
  document.addEventListener("htmx:afterSettle", reachableTables);
  window.addEventListener("resize", reachableTables);

  /* --- Glossary tooltips ------------------------------------------------------------- */
  var touched = false;
  document.addEventListener("pointerdown", function (event) { touched = event.pointerType === "touch"; }, true);

  function closeTips(except) {
    document.querySelectorAll(".glossary-term.tip-open").forEach(function (term) {
      if (term !== except) term.classList.remove("tip-open");
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".glossary-term > .glossary-link") : null;
    if (!link) { closeTips(null); return; }
    var term = link.parentNode;
    if (touched && !term.classList.contains("tip-open")) {
      event.preventDefault();
      closeTips(term);
      term.classList.remove("tip-dismissed");
      term.classList.add("tip-open");
      link.focus();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var shown = document.querySelectorAll(".glossary-term.tip-open, .glossary-term:hover, .glossary-term:focus-within");
    shown.forEach(function (term) {
      term.classList.remove("tip-open");
      term.classList.add("tip-dismissed");
    });
  });

  document.addEventListener("focusout", function (event) {
    var term = event.target.closest ? event.target.closest(".glossary-term") : null;
    if (term) { term.classList.remove("tip-dismissed"); term.classList.remove("tip-open"); }
  });
  document.addEventListener("mouseout", function (event) {
    var term = event.target.closest ? event.target.closest(".glossary-term") : null;
    if (term && !term.contains(event.relatedTarget)) term.classList.remove("tip-dismissed");
  });
})();
