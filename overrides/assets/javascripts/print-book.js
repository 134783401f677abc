// Signals tools/pdf.py that print/book.html is ready to print. Diagrams are inline SVG, drawn at
// build time (hooks/diagrams.py), so there is nothing to draw here.
(function () {
  "use strict";
  window.confidantBook = {
    ready: true,
    diagrams: document.querySelectorAll(".confidant-diagram svg").length,
    error: null,
  };
})();
