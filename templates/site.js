/* dossier: theme switch and note previews. Loaded in <head> so the saved
   theme applies before the first paint; the rest waits for the page. */
(function () {
  "use strict";
  var KEY = "dossier-theme";
  var root = document.documentElement;
  function saved() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function systemDark() {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }
  function current() {
    var t = root.getAttribute("data-theme");
    return t || (systemDark() ? "dark" : "light");
  }
  var initial = saved();
  if (initial === "light" || initial === "dark") root.setAttribute("data-theme", initial);

  function setupTheme() {
    var button = document.getElementById("theme-toggle");
    if (!button) return;
    function label() {
      var next = current() === "dark" ? "light" : "dark";
      button.setAttribute("aria-label", "Switch to the " + next + " theme");
      button.setAttribute("title", "Switch to the " + next + " theme");
    }
    button.hidden = false;
    label();
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem(KEY, next); } catch (e) { /* private mode: not kept */ }
      label();
    });
  }

  // A note reference shows its note in a small card on hover or keyboard
  // focus; a tap on a touch screen shows the card instead of jumping away.
  function setupNotes() {
    var refs = document.querySelectorAll("a[role='doc-noteref']");
    if (!refs.length) return;
    var card = document.createElement("div");
    card.className = "note-card";
    card.id = "note-card";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    document.body.appendChild(card);
    var hideTimer = null;
    function show(ref) {
      var id = decodeURIComponent(ref.getAttribute("href").slice(1));
      var note = document.getElementById(id);
      if (!note) return;
      var text = note.querySelector(".note-text");
      card.textContent = "";
      var num = document.createElement("span");
      num.className = "note-card-number";
      num.textContent = ref.textContent + " ";
      card.appendChild(num);
      card.appendChild((text || note).cloneNode(true));
      var go = document.createElement("a");
      go.href = "#" + id;
      go.className = "note-card-link";
      go.textContent = "Go to note";
      card.appendChild(document.createTextNode(" "));
      card.appendChild(go);
      card.hidden = false;
      var r = ref.getBoundingClientRect();
      var width = Math.min(360, document.documentElement.clientWidth - 24);
      card.style.width = width + "px";
      var left = Math.max(12, Math.min(r.left + window.scrollX - width / 2,
        window.scrollX + document.documentElement.clientWidth - width - 12));
      card.style.left = left + "px";
      card.style.top = (r.bottom + window.scrollY + 8) + "px";
      ref.setAttribute("aria-describedby", "note-card");
    }
    function hide() {
      card.hidden = true;
    }
    function hideSoon() {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hide, 250);
    }
    card.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    card.addEventListener("mouseleave", hideSoon);
    Array.prototype.forEach.call(refs, function (ref) {
      ref.addEventListener("mouseenter", function () { clearTimeout(hideTimer); show(ref); });
      ref.addEventListener("mouseleave", hideSoon);
      ref.addEventListener("focus", function () { show(ref); });
      ref.addEventListener("blur", hideSoon);
      ref.addEventListener("pointerup", function (e) {
        if (e.pointerType === "touch" && card.hidden) {
          ref.dataset.tapped = "1";
        }
      });
      ref.addEventListener("click", function (e) {
        if (ref.dataset.tapped === "1") {
          delete ref.dataset.tapped;
          e.preventDefault();
          show(ref);
        }
      });
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape") hide();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupTheme();
    setupNotes();
  });
})();
