// Prepares print/book.html for Chromium's PDF printer: draws the diagrams, then signals readiness.
(function () {
  "use strict";
  async function drawDiagrams() {
    const blocks = Array.from(document.querySelectorAll("pre.mermaid"));
    const nodes = blocks.map(function (pre) {
      const div = document.createElement("div");
      div.className = "mermaid";
      div.textContent = pre.textContent;
      pre.replaceWith(div);
      return div;
    });
    if (nodes.length && window.mermaid) {
      window.mermaid.initialize({ startOnLoad: false, theme: "neutral", securityLevel: "strict" });
      await window.mermaid.run({ nodes: nodes });
    }
    return nodes.length;
  }
  drawDiagrams()
    .then(function (count) { window.confidantBook = { ready: true, diagrams: count, error: null }; })
    .catch(function (error) { window.confidantBook = { ready: true, diagrams: 0, error: String(error) }; });
})();
