// Confidant: tooltips for every element with a title in the page content (glossary terms, the
// links to each section), drawn with Material's own tooltip styles.
//
// Why not Material's `content.tooltips`: it sets up a tooltip component (observers and a timer)
// for every titled element when the page loads. A chapter links about 180 glossary terms and the
// glossary has a link per entry, so on a mid-range phone that set-up blocked the page for one to
// two seconds (Lighthouse total blocking time). Here one listener per event serves the whole
// page, and a tooltip is built only for the element the reader points at or focuses.
//
// Behaviour kept from Material: the tooltip shows on hover and on keyboard focus, below the
// element; while it shows, the element's title moves into the tooltip (no second, native
// tooltip) and the element points at it with aria-describedby. Added (WCAG 1.4.13): the pointer
// can move onto the tooltip without losing it, and Escape dismisses it.
(function () {
  "use strict";
  var HOST = ".md-content [title], .md-content [data-confidant-title]";
  var HIDE_DELAY = 250; // ms: time to move the pointer from the element onto its tooltip
  var tooltip = null;
  var inner = null;
  var host = null;
  var hideTimer = 0;

  function build() {
    tooltip = document.createElement("div");
    tooltip.className = "md-tooltip2 md-tooltip2--bottom";
    tooltip.id = "confidant-tooltip";
    tooltip.setAttribute("role", "tooltip");
    inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    tooltip.appendChild(inner);
    tooltip.addEventListener("mouseenter", cancelHide);
    tooltip.addEventListener("mouseleave", scheduleHide);
  }

  function place(element) {
    var box = element.getBoundingClientRect();
    // Relative to the box the tooltip is positioned in (the page, unless an ancestor is positioned).
    var frame = tooltip.offsetParent && tooltip.offsetParent !== document.body
      ? tooltip.offsetParent.getBoundingClientRect()
      : { left: -window.scrollX, top: -window.scrollY };
    tooltip.style.setProperty("--md-tooltip-host-x", box.left - frame.left + "px");
    tooltip.style.setProperty("--md-tooltip-host-y", box.top - frame.top + "px");
    tooltip.style.setProperty("--md-tooltip-x", box.width / 2 + "px");
    tooltip.style.setProperty("--md-tooltip-y", 8 + box.height + "px");
    tooltip.style.setProperty("--md-tooltip-tail", "0px");
    tooltip.style.setProperty("--md-tooltip-width", inner.getBoundingClientRect().width + "px");
  }

  function show(element) {
    cancelHide();
    if (element === host) return;
    hide();
    var text = element.getAttribute("title");
    if (!text) return;
    if (!tooltip) build();
    host = element;
    host.setAttribute("data-confidant-title", text);
    host.removeAttribute("title");
    host.setAttribute("aria-describedby", tooltip.id);
    inner.textContent = text;
    // Inside the main landmark, so its text is never outside every landmark (axe: region).
    (document.querySelector("main") || document.body).appendChild(tooltip);
    place(host);
    // On the next frame, so that Material's fade-in transition runs.
    window.requestAnimationFrame(function () {
      if (host === element) tooltip.classList.add("md-tooltip2--active");
    });
  }

  function hide() {
    cancelHide();
    if (!host) return;
    host.setAttribute("title", host.getAttribute("data-confidant-title"));
    host.removeAttribute("data-confidant-title");
    host.removeAttribute("aria-describedby");
    host = null;
    // Out of the page while hidden, as Material does.
    tooltip.classList.remove("md-tooltip2--active");
    tooltip.remove();
  }

  function scheduleHide() {
    cancelHide();
    hideTimer = window.setTimeout(hide, HIDE_DELAY);
  }

  function cancelHide() {
    window.clearTimeout(hideTimer);
    hideTimer = 0;
  }

  function hostOf(target) {
    return target && target.closest ? target.closest(HOST) : null;
  }

  document.addEventListener("mouseover", function (event) {
    var element = hostOf(event.target);
    if (element) show(element);
  });
  document.addEventListener("mouseout", function (event) {
    var element = hostOf(event.target);
    if (element && element === host && element !== document.activeElement && !element.contains(event.relatedTarget)) {
      scheduleHide();
    }
  });
  document.addEventListener("focusin", function (event) {
    var element = hostOf(event.target);
    if (element) show(element);
    else if (host) hide();
  });
  document.addEventListener("focusout", function (event) {
    if (host && event.target === host) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && host) hide();
  });
  window.addEventListener("resize", function () {
    if (host) place(host);
  });
})();
