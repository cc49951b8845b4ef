/* One tooltip for every link to a glossary entry.
 *
 * The build (hooks/tooltips.py) gives each such link the class gl-term and aria-describedby
 * pointing to a hidden description: the entry's summary and its term in the other language.
 * Screen readers read that description without this script. Here the same text is shown:
 *
 * - on mouse hover and on keyboard focus, below the link (above it when there is no room
 *   below), never over the link's own text; the pointer may move onto it (WCAG 1.4.13);
 * - Escape hides it;
 * - a touch shows nothing: a tap follows the link at once (no "first tap shows the tooltip").
 */
(function () {
  "use strict";
  var SELECTOR = "a.gl-term[aria-describedby]";
  var GAP = 6;
  var tip = null;
  var current = null;
  var timer = 0;

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "gl-tooltip";
      tip.hidden = true;
      tip.setAttribute("aria-hidden", "true"); // the link's description already says it
      tip.addEventListener("pointerenter", function () { clearTimeout(timer); });
      tip.addEventListener("pointerleave", hideSoon);
      document.body.appendChild(tip);
    }
    return tip;
  }

  function description(link) {
    var ids = (link.getAttribute("aria-describedby") || "").split(/\s+/);
    for (var i = 0; i < ids.length; i++) {
      if (ids[i].indexOf("gl-tip-") === 0) {
        var found = document.getElementById(ids[i]);
        if (found) return found;
      }
    }
    return null;
  }

  function show(link) {
    var source = description(link);
    if (!source) return;
    clearTimeout(timer);
    var box = tooltip();
    if (current !== link) {
      box.replaceChildren.apply(box, Array.prototype.map.call(source.childNodes, function (node) {
        return node.cloneNode(true);
      }));
    }
    current = link;
    box.hidden = false;
    place(link);
  }

  function place(link) {
    var box = tooltip();
    var view = document.documentElement.clientWidth;
    box.style.maxWidth = Math.min(320, view - 2 * GAP) + "px";
    box.style.left = "0px";
    box.style.top = "0px";
    var size = box.getBoundingClientRect();
    var rect = link.getBoundingClientRect();
    var left = Math.max(GAP, Math.min(rect.left, view - size.width - GAP));
    var top = rect.bottom + GAP;
    if (top + size.height > window.innerHeight && rect.top - GAP - size.height >= 0) {
      top = rect.top - GAP - size.height; // above: never over the link itself
    }
    box.style.left = left + window.scrollX + "px";
    box.style.top = top + window.scrollY + "px";
  }

  function hide() {
    clearTimeout(timer);
    if (tip) tip.hidden = true;
    current = null;
  }

  function hideSoon() {
    clearTimeout(timer);
    timer = setTimeout(hide, 300);
  }

  function termLink(target) {
    return target && target.closest ? target.closest(SELECTOR) : null;
  }

  function byMouse(event) {
    return event.pointerType === "mouse" || event.pointerType === "pen";
  }

  document.addEventListener("pointerover", function (event) {
    var link = termLink(event.target);
    if (link && byMouse(event)) show(link);
  });
  document.addEventListener("pointerout", function (event) {
    var link = termLink(event.target);
    if (link && link === current && !link.contains(event.relatedTarget)) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var link = termLink(event.target);
    if (link && link.matches(":focus-visible")) show(link);
  });
  document.addEventListener("focusout", function (event) {
    if (termLink(event.target) === current) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) hide();
  });
  window.addEventListener("resize", function () { if (current) place(current); });
})();
