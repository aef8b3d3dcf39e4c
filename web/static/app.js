// Progressive enhancements: copy-citation buttons and compact filters on small screens.
// Everything works without this file: citations are selectable text, filters are links.
(function () {
  "use strict";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copyText(source, button, label) {
    var text = source.textContent.trim();
    var done = function () {
      button.textContent = "Copied";
      button.classList.add("copied");
      window.setTimeout(function () {
        button.innerHTML = label;
        button.classList.remove("copied");
      }, 1600);
    };
    var fallback = function () {
      selectText(source);
      try { if (document.execCommand("copy")) { done(); } } catch (error) { /* selected */ }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  function setUpCopyButtons() {
    var buttons = document.querySelectorAll("button.copy[data-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) { return; }
      var label = button.innerHTML;
      button.hidden = false;
      button.addEventListener("click", function () { copyText(source, button, label); });
    });
  }

  function compactFilters() {
    var panel = document.getElementById("filters");
    if (!panel || !window.matchMedia) { return; }
    if (window.matchMedia("(max-width: 46rem)").matches && !panel.querySelector(".on")) {
      panel.open = false;
    }
  }

  function revealTarget() {
    // Open the cite tools of a passage reached by #chunk-N (no ?chunk= on the URL).
    var id = window.location.hash.slice(1);
    if (!/^chunk-\d+$/.test(id)) { return; }
    var passage = document.getElementById(id);
    if (!passage) { return; }
    var tools = passage.querySelector("details.passage-tools");
    if (tools) { tools.open = true; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpCopyButtons();
    compactFilters();
    revealTarget();
  });
  window.addEventListener("hashchange", revealTarget);
}());
