// Confidant: the site-wide search index (hundreds of KB) downloads only when the reader opens search.
// Material requests search/search_index.json with XMLHttpRequest as soon as a page starts; this
// script (deferred in <head>, so it runs before Material's deferred bundle) holds that one request back until the search
// field gets focus: a click or tap on search, or Material's keyboard shortcuts (/, s, f).
(function () {
  "use strict";
  var INDEX = /(^|\/)search\/search_index\.json(\?|#|$)/;
  var release;
  var opened = new Promise(function (resolve) { release = resolve; });
  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.classList && event.target.classList.contains("md-search__input")) release();
  });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  });
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.confidantHeldBack = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.confidantHeldBack) return send.apply(request, args);
    opened.then(function () { send.apply(request, args); });
  };
})();
