// Accessible names for two widgets of Django's admin that render without one, fixed where
// they are built (in the browser) whenever they appear, inline rows added later included.
// - The search icon of a "filter horizontal" box (SelectFilter2.js) names the search input
//   through an aria-label on a bare <span>, which ARIA forbids on an element without a
//   role: as an image, the icon keeps its name and the input its label.
// - Autocomplete boxes (select2 4.0) are labelled only by the value they show, so an empty
//   one has no name: each is labelled by its field's label (or, in a table row, by the
//   field name the row's select carries) followed by its value.
// - Inline tables head their first column (the row's object) and, without the right to
//   delete, their last one with an empty <th>: a header that names nothing becomes a plain
//   cell, so a screen reader does not announce an empty column header for each row.
(function () {
  "use strict";

  function nameSearchIcons(root) {
    root.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function fieldName(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    var text = select.getAttribute("aria-label") || (label ? label.textContent : "");
    return text.trim().replace(/:$/, "");
  }

  function nameAutocomplete(select) {
    var container = select.nextElementSibling;
    if (!container || !container.classList.contains("select2-container")) return;
    var selection = container.querySelector(".select2-selection");
    var rendered = container.querySelector(".select2-selection__rendered");
    if (!selection || !rendered || !rendered.id) return;
    var nameId = rendered.id + "-name";
    if (!document.getElementById(nameId)) {
      var name = document.createElement("span");
      name.id = nameId;
      name.hidden = true;
      name.textContent = fieldName(select);
      container.appendChild(name);
    }
    selection.setAttribute("aria-labelledby", nameId + " " + rendered.id);
    rendered.setAttribute("aria-labelledby", nameId);
  }

  function unheadEmptyColumns(root) {
    root.querySelectorAll(".inline-related.tabular thead th").forEach(function (th) {
      if (th.textContent.trim() || th.querySelector("img, svg, input")) return;
      var cell = document.createElement("td");
      cell.className = th.className;
      th.replaceWith(cell);
    });
  }

  function nameAll(root) {
    nameSearchIcons(root);
    unheadEmptyColumns(root);
    root.querySelectorAll("select.admin-autocomplete").forEach(nameAutocomplete);
  }

  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      mutation.addedNodes.forEach(function (node) {
        if (node.nodeType === Node.ELEMENT_NODE && node.parentElement) {
          nameAll(node.parentElement);
        }
      });
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  // Deferred: the page is parsed by now, and its tables were not seen being inserted.
  unheadEmptyColumns(document);
})();
