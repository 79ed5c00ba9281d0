(function () {
  "use strict";
  var toggle = document.querySelector(".toggle");
  var changes = document.getElementById("show-changes");
  var clean = document.getElementById("show-clean");
  function show(isClean) {
    document.body.classList.toggle("clean", isClean);
    changes.setAttribute("aria-pressed", String(!isClean));
    clean.setAttribute("aria-pressed", String(isClean));
  }
  changes.addEventListener("click", function () { show(false); });
  clean.addEventListener("click", function () { show(true); });
  toggle.hidden = false;
  var links = document.querySelectorAll("ol.findings a[href^='#']");
  for (var i = 0; i < links.length; i++) {
    (function (a) {
      var target = document.getElementById(a.getAttribute("href").slice(1));
      if (!target) { return; }
      a.addEventListener("mouseenter", function () { target.classList.add("hl"); });
      a.addEventListener("mouseleave", function () { target.classList.remove("hl"); });
    })(links[i]);
  }
  // Print every group of findings open.
  window.addEventListener("beforeprint", function () {
    var groups = document.querySelectorAll("details.group:not([open])");
    for (var i = 0; i < groups.length; i++) {
      groups[i].setAttribute("open", "");
      groups[i].setAttribute("data-print-opened", "");
    }
  });
  window.addEventListener("afterprint", function () {
    var groups = document.querySelectorAll("details[data-print-opened]");
    for (var i = 0; i < groups.length; i++) {
      groups[i].removeAttribute("open");
      groups[i].removeAttribute("data-print-opened");
    }
  });
  document.documentElement.setAttribute("data-copydesk-ready", "1");
})();
