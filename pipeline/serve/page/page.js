// The page of copydesk serve: sends the story to POST v1/html, shows the
// changes as the HTML report marks them, lets the reader reject or accept
// each, and builds the clean text from the decisions. Nothing is stored.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var form = $("form"), input = $("text"), report = $("report"), status = $("status");
  var result = $("result"), clean = $("clean"), copied = $("copied");
  var enc = new TextEncoder(), dec = new TextDecoder();
  var seq = 0;        // the number of the latest request
  var sent = null;    // the UTF-8 bytes of the text the report is of
  var changes = [];   // the report's change elements, in text order
  var timer = 0;

  function options() {
    return {
      quotes: $("quotes").value,
      lang: $("lang").value,
      dedupe: $("dedupe").value,
      "apply-suggestions": $("apply-suggestions").checked
    };
  }

  function check() {
    clearTimeout(timer);
    var text = input.value, my = ++seq;
    if (text === "") {
      report.textContent = "";
      result.hidden = true;
      status.textContent = "";
      return;
    }
    status.textContent = "Checking…";
    fetch("v1/html", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: text, format: $("format").value, name: "story", options: options() })
    }).then(function (r) {
      if (!r.ok) {
        return r.json().then(function (e) { throw new Error(e.error || r.statusText); },
          function () { throw new Error(r.status + " " + r.statusText); });
      }
      return r.text();
    }).then(function (html) {
      if (my === seq) { show(text, html); }
    }).catch(function (e) {
      if (my === seq) { status.textContent = "Error: " + e.message; }
    });
  }

  // show puts the report of text in the page. The fragment is the
  // server's html/template output: every text in it is escaped.
  function show(text, html) {
    sent = enc.encode(text);
    report.innerHTML = html;
    changes = Array.prototype.slice.call(report.querySelectorAll(".chg[data-start]"));
    changes.forEach(function (c) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "decide";
      b.addEventListener("click", function () { decide(c, !c.classList.contains("rejected")); });
      (c.querySelector(".note") || c).appendChild(b);
      decide(c, false);
    });
    var summary = report.querySelector(".summary");
    status.textContent = summary ? summary.textContent : "";
    result.hidden = false;
    copied.textContent = "";
  }

  // decide rejects change c (or accepts it again).
  function decide(c, reject) {
    c.classList.toggle("rejected", reject);
    var b = c.querySelector("button.decide");
    if (b) {
      b.textContent = reject ? "Accept" : "Reject";
      b.setAttribute("aria-pressed", String(reject));
      b.title = reject ? "keep the change" : "keep the original text here";
    }
    update();
  }

  function bytesText(from, to) { return dec.decode(sent.subarray(from, to)); }

  // update writes the clean text: the original with the changes that
  // are not rejected.
  function update() {
    if (!sent) { return; }
    var out = [], last = 0;
    changes.forEach(function (c) {
      var s = Number(c.getAttribute("data-start")), e = Number(c.getAttribute("data-end"));
      out.push(bytesText(last, s));
      out.push(c.classList.contains("rejected") ? bytesText(s, e) : c.getAttribute("data-new"));
      last = e;
    });
    out.push(bytesText(last, sent.length));
    clean.value = out.join("");
  }

  function copy() {
    var text = clean.value;
    var done = function () { copied.textContent = "Copied."; };
    var fallback = function () {
      clean.focus();
      clean.select();
      try { document.execCommand("copy"); done(); } catch (e) { copied.textContent = "Select the clean text and copy it."; }
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  form.addEventListener("submit", function (ev) { ev.preventDefault(); check(); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(check, 600); });
  ["format", "quotes", "lang", "dedupe", "apply-suggestions"].forEach(function (id) {
    $(id).addEventListener("change", check);
  });
  $("accept-all").addEventListener("click", function () { changes.forEach(function (c) { decide(c, false); }); });
  $("reject-all").addEventListener("click", function () { changes.forEach(function (c) { decide(c, true); }); });
  $("copy").addEventListener("click", copy);
  document.documentElement.setAttribute("data-copydesk-ready", "1");
})();
