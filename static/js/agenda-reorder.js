/* Drag and drop for the agenda builder: an enhancement of the Up and Down buttons.
   Dropping an item puts the agenda's item ids, in their new order, into the reorder form
   and submits it (htmx posts it and swaps the agenda). Listeners sit on the document, so
   they keep working after htmx replaces the agenda. */
(function () {
  "use strict";

  var dragged = null;

  function itemOf(target) {
    return target instanceof Element ? target.closest("ol[data-reorder-form] > li[data-item-id]") : null;
  }

  document.addEventListener("dragstart", function (event) {
    var item = itemOf(event.target);
    if (!item) return;
    dragged = item;
    item.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.itemId);
  });

  document.addEventListener("dragover", function (event) {
    var over = itemOf(event.target);
    if (!dragged || !over || over.parentNode !== dragged.parentNode) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (over === dragged) return;
    var box = over.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    over.parentNode.insertBefore(dragged, after ? over.nextSibling : over);
  });

  document.addEventListener("drop", function (event) {
    if (!dragged || !itemOf(event.target)) return;
    event.preventDefault();
    submitOrder(dragged.parentNode);
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("is-dragging");
    dragged = null;
  });

  function submitOrder(list) {
    var form = document.getElementById(list.dataset.reorderForm);
    if (!form) return;
    var ids = Array.prototype.map.call(list.querySelectorAll(":scope > li[data-item-id]"), function (li) {
      return li.dataset.itemId;
    });
    var current = Array.prototype.map.call(form.querySelectorAll("input[name=item]"), function (input) {
      return input.value;
    });
    if (ids.join() === current.join()) return;
    form.querySelectorAll("input[name=item]").forEach(function (input) { input.remove(); });
    ids.forEach(function (id) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "item";
      input.value = id;
      form.appendChild(input);
    });
    form.requestSubmit();
  }
})();
