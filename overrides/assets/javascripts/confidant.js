// Confidant: small behaviours on top of Material.
//
// Glossary terms on touch screens: there is no hover, so the first tap on a term shows its
// definition (by focusing the link, which opens Material's tooltip) and a second tap on the same
// term opens its glossary entry.
(function () {
  "use strict";
  var noHover = window.matchMedia("(hover: none)");
  var armed = null;

  document.addEventListener(
    "click",
    function (event) {
      var term = event.target.closest && event.target.closest("a.glossary-term");
      if (!term || !noHover.matches) {
        armed = null;
        return;
      }
      if (armed === term) {
        armed = null;
        return; // second tap: follow the link to the glossary entry
      }
      event.preventDefault();
      armed = term;
      term.focus();
    },
    true
  );
})();
