/* The built site's only script: copy buttons on code blocks, the theme toggle, the search box, closing open
   pickers, and the landing pages' "more" buttons and card filters.
   Plain browser JavaScript, no libraries, nothing loaded from elsewhere. */
(function () {
  "use strict";

  // -- copy buttons: <button class="js-btn-copy" data-clipboard-text="..."> ---------------------------------
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // older browsers and plain-http hosts: a hidden textarea and the copy command
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".js-btn-copy");
    if (!button) { return; }
    var text = button.getAttribute("data-clipboard-text") || "";
    var label = button.getAttribute("aria-label") || "";
    copyText(text).then(function () {
      button.classList.add("copied");
      button.setAttribute("data-copied-label", "Copied!");
      button.setAttribute("aria-label", "Copied!");
      setTimeout(function () {
        button.classList.remove("copied");
        button.setAttribute("aria-label", label);
      }, 2000);
    }, function () {
      button.setAttribute("aria-label", "Press Ctrl+C to copy");
    });
  });

  // -- theme: the header's toggle; the choice is kept in localStorage and applied in <head> before first paint --
  var root = document.documentElement;
  var toggle = document.querySelector(".js-theme-toggle");
  var systemDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function isDark() {
    var chosen = root.getAttribute("data-theme");
    return chosen ? chosen === "dark" : !!(systemDark && systemDark.matches);
  }
  function showTheme() { if (toggle) { toggle.setAttribute("aria-pressed", isDark() ? "true" : "false"); } }

  if (toggle) {
    showTheme();
    toggle.addEventListener("click", function () {
      var theme = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", theme);
      try { localStorage.setItem("docs-theme", theme); } catch (e) { /* private mode: this page only */ }
      showTheme();
    });
    // with no choice made, the page follows the system; so does the toggle's state
    if (systemDark && systemDark.addEventListener) { systemDark.addEventListener("change", showTheme); }
  }

  // -- code blocks and tables wider than the page: focusable, so a keyboard can scroll them sideways -----------
  function scrollersFocusable() {
    document.querySelectorAll(".markdown-body pre, .markdown-body table").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth) { el.setAttribute("tabindex", "0"); } else { el.removeAttribute("tabindex"); }
    });
  }
  scrollersFocusable();
  window.addEventListener("resize", scrollersFocusable);

  // -- pickers: one open at a time, closed by a click elsewhere or Escape --------------------------------
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.picker[open]").forEach(function (d) {
      if (!d.contains(event.target)) { d.removeAttribute("open"); }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      document.querySelectorAll("details.picker[open]").forEach(function (d) { d.removeAttribute("open"); });
    }
  });

  // the sidebar starts closed on phones, where it sits above the article
  if (window.matchMedia && window.matchMedia("(max-width: 760px)").matches) {
    document.querySelectorAll("details.sidebar-toggle").forEach(function (d) { d.removeAttribute("open"); });
  }

  // -- search: the JSON index of this language and version, loaded on first use ------------------------
  var input = document.querySelector(".js-search");
  var list = document.querySelector(".js-search-results");
  var indexUrl = document.body.getAttribute("data-search-index");
  var entries = null;
  var loading = null;

  function load() {
    if (!loading) {
      loading = fetch(indexUrl).then(function (r) { return r.ok ? r.json() : []; })
        .catch(function () { return []; })
        .then(function (data) { entries = data; return data; });
    }
    return loading;
  }

  function score(entry, words) {
    var total = 0;
    var title = entry.title.toLowerCase();
    var heads = entry.headings.join(" ").toLowerCase();
    var body = (entry.intro + " " + entry.text).toLowerCase();
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      var s = 0;
      if (title.indexOf(w) >= 0) { s += 10; }
      if (heads.indexOf(w) >= 0) { s += 4; }
      if (body.indexOf(w) >= 0) { s += 1; }
      if (!s) { return 0; }
      total += s;
    }
    return total;
  }

  // Each text shown with the words searched for marked; built as DOM nodes, never as HTML (titles are text).
  function marked(text, words) {
    var frag = document.createDocumentFragment();
    var lower = text.toLowerCase();
    var pos = 0;
    while (pos < text.length) {
      var at = -1, len = 0;
      for (var i = 0; i < words.length; i++) {
        var j = lower.indexOf(words[i], pos);
        if (j >= 0 && (at < 0 || j < at)) { at = j; len = words[i].length; }
      }
      if (at < 0) { break; }
      if (at > pos) { frag.appendChild(document.createTextNode(text.slice(pos, at))); }
      var mark = document.createElement("mark");
      mark.textContent = text.slice(at, at + len);
      frag.appendChild(mark);
      pos = at + len;
    }
    if (pos < text.length) { frag.appendChild(document.createTextNode(text.slice(pos))); }
    return frag;
  }

  function show(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    list.innerHTML = "";
    if (!words.length) { list.hidden = true; return; }
    var hits = (entries || []).map(function (e, i) { return { e: e, s: score(e, words), i: i }; })
      .filter(function (h) { return h.s > 0; })
      .sort(function (a, b) { return b.s - a.s || a.i - b.i; })
      .slice(0, 10);
    if (!hits.length) {
      var none = document.createElement("li");
      none.textContent = input.getAttribute("data-no-results");
      list.appendChild(none);
    }
    // grouped by product, the products in the order of their best result
    var groups = [];
    var byProduct = {};
    hits.forEach(function (h) {
      var name = h.e.product || "";
      if (!byProduct.hasOwnProperty(name)) { byProduct[name] = []; groups.push(name); }
      byProduct[name].push(h);
    });
    groups.forEach(function (name) {
      var into = list;
      if (name) {  // a list item of its own: the product's name over a list of its results
        var group = document.createElement("li");
        group.className = "search-group";
        var label = document.createElement("span");
        label.className = "search-group-name";
        label.textContent = name;
        into = document.createElement("ol");
        group.appendChild(label);
        group.appendChild(into);
        list.appendChild(group);
      }
      byProduct[name].forEach(function (h) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = h.e.url;
        a.appendChild(marked(h.e.title, words));
        var small = document.createElement("small");
        small.appendChild(marked(h.e.intro, words));
        li.appendChild(a);
        li.appendChild(small);
        into.appendChild(li);
      });
    });
    list.hidden = false;
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

  function close() { list.hidden = true; input.focus(); }

  if (input && list && indexUrl) {
    input.addEventListener("focus", load);
    input.addEventListener("input", function () {
      var q = input.value;
      load().then(function () { if (input.value === q) { show(q); } });
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden && input.value && (event.key === "ArrowDown" || event.key === "Enter")) { show(input.value); }
      var found = links();
      if (event.key === "Escape") { input.value = ""; show(""); }
      else if (event.key === "ArrowDown" && found.length) { event.preventDefault(); found[0].focus(); }
      else if (event.key === "Enter" && found.length) { event.preventDefault(); window.location.href = found[0].href; }
    });
    // arrow keys move through the results, Escape goes back to the box
    list.addEventListener("keydown", function (event) {
      var found = links();
      var i = found.indexOf(document.activeElement);
      if (i < 0) { return; }
      if (event.key === "ArrowDown" && i + 1 < found.length) { event.preventDefault(); found[i + 1].focus(); }
      else if (event.key === "ArrowUp") { event.preventDefault(); (i ? found[i - 1] : input).focus(); }
      else if (event.key === "Escape") { event.preventDefault(); close(); }
    });
    // "/" anywhere but in a field puts the cursor in the search box, as on most docs sites
    document.addEventListener("keydown", function (event) {
      var t = event.target;
      var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        input.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (!input.form.contains(event.target)) { list.hidden = true; }
    });
  }

  // -- landing pages (templates/landing.html): "more" buttons and card filters ----------------------------
  // A list's items past the first few carry "more-item", hidden only where this script runs (html.js); the
  // button shows them. Filters (a search box, type and topic selects) hide the cards that do not match.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".js-show-more");
    if (!button) { return; }
    var box = button.closest(".js-more-container, .js-filter-cards");
    if (!box) { return; }
    var items = box.querySelectorAll(".more-item");
    for (var i = 0; i < items.length; i++) { items[i].classList.remove("more-item"); }
    var next = items.length && items[0].querySelector("a");
    (button.closest("p.more") || button).remove();
    if (next) { next.focus(); }
  });

  function filterCards(box) {
    var text = box.querySelector(".js-filter-input");
    var words = text ? text.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
    var selects = box.querySelectorAll(".js-filter-select");
    var cards = box.querySelectorAll(".js-filter-card");
    var filtering = words.length > 0;
    for (var s = 0; s < selects.length; s++) { filtering = filtering || selects[s].value !== ""; }
    var shown = 0;
    for (var i = 0; i < cards.length; i++) {
      var card = cards[i];
      var ok = words.every(function (w) { return (card.getAttribute("data-filter-text") || "").indexOf(w) >= 0; });
      for (var j = 0; j < selects.length && ok; j++) {
        var want = selects[j].value;
        var have = (card.getAttribute("data-" + selects[j].getAttribute("data-filter")) || "").split("|");
        ok = !want || have.indexOf(want) >= 0;
      }
      card.hidden = !ok;
      if (ok) { shown++; }
      if (filtering) { card.classList.remove("more-item"); }  // a filter searches every card, not the first few
    }
    var more = box.querySelector(".more");
    if (more && filtering) { more.remove(); }
    var none = box.querySelector(".js-filter-none");
    if (none) { none.hidden = shown > 0; }
  }

  document.addEventListener("input", function (event) {
    var t = event.target;
    if (t.matches && t.matches(".js-filter-input, .js-filter-select")) { filterCards(t.closest(".js-filter-cards")); }
  });
  document.addEventListener("change", function (event) {
    var t = event.target;
    if (t.matches && t.matches(".js-filter-select")) { filterCards(t.closest(".js-filter-cards")); }
  });

  // -- the platform picker (templates/page.html): an article with {% mac %}, {% windows %}, {% linux %} blocks
  // shows one platform's at a time, as GitHub's 2021 site did: the page's defaultPlatform, else the reader's
  // system, else the first; the reader's choice is remembered. Without scripts every block shows.
  var picker = document.querySelector(".js-platform-picker");
  if (picker) {
    var buttons = Array.prototype.slice.call(picker.querySelectorAll("button[data-platform]"));
    var names = buttons.map(function (b) { return b.getAttribute("data-platform"); });
    var showPlatform = function (name) {
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", b.getAttribute("data-platform") === name ? "true" : "false"); });
      names.forEach(function (n) {
        var blocks = document.querySelectorAll(".extended-markdown." + n);
        for (var i = 0; i < blocks.length; i++) { blocks[i].hidden = n !== name; }
      });
    };
    var ua = navigator.userAgent || "";
    var system = /Mac|iPhone|iPad/.test(ua) ? "mac" : /Win/.test(ua) ? "windows" : /Linux|X11/.test(ua) ? "linux" : "";
    var chosen = null;
    try { chosen = localStorage.getItem("docs-platform"); } catch (e) { chosen = null; }
    var first = [picker.getAttribute("data-default"), chosen, system, names[0]].filter(function (n) {
      return n && names.indexOf(n) >= 0;
    })[0];
    showPlatform(first);
    picker.addEventListener("click", function (event) {
      var b = event.target.closest && event.target.closest("button[data-platform]");
      if (!b) { return; }
      var name = b.getAttribute("data-platform");
      showPlatform(name);
      try { localStorage.setItem("docs-platform", name); } catch (e) { /* private mode: not remembered */ }
    });
  }
})();
