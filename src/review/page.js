"use strict";
// Filters for the review queue. The drafts are plain HTML; this only hides the ones
// that do not match, and keeps the choice in the address (#tier=hot&q=acme) so a
// filtered view can be bookmarked and survives the watch page's reloads.
(function () {
  const body = document.body;
  const form = document.getElementById("filters");
  if (form) {
    const drafts = Array.from(document.querySelectorAll("article.draft"));
    const groups = Array.from(document.querySelectorAll("section.group"));
    const shown = document.getElementById("shown");
    const keys = ["tier", "channel", "template", "team"];
    let texts = null; // lower-cased text of each draft, made on the first search
    // Only a hash with `=` holds filters; `#queue` is a plain link to a section.
    let filtered = location.hash.includes("=");
    const read = () => {
      if (!filtered) return;
      const params = new URLSearchParams(location.hash.slice(1));
      for (const el of form.elements) {
        if (el.name && params.has(el.name)) el.value = params.get(el.name);
      }
    };
    const apply = () => {
      const want = {};
      for (const k of keys) want[k] = form.elements[k].value;
      const q = form.elements.q.value.trim().toLowerCase();
      if (q && !texts) texts = drafts.map((d) => d.textContent.toLowerCase());
      let count = 0;
      drafts.forEach((d, i) => {
        const ok = keys.every((k) => !want[k] || d.dataset[k] === want[k]) &&
          (!q || texts[i].includes(q));
        d.hidden = !ok;
        if (ok) count += 1;
      });
      for (const g of groups) {
        const n = g.querySelectorAll("article.draft:not([hidden])").length;
        g.hidden = n === 0;
        g.querySelector(".count").textContent = String(n);
      }
      shown.textContent = `showing ${count} of ${drafts.length} drafts`;
      shown.dataset.shown = String(count);
      const params = new URLSearchParams();
      for (const el of form.elements) if (el.name && el.value) params.set(el.name, el.value);
      const hash = params.toString();
      if (hash || filtered) {
        history.replaceState(null, "", hash ? `#${hash}` : location.pathname);
        filtered = hash !== "";
      }
    };
    form.hidden = false;
    form.addEventListener("input", apply);
    form.addEventListener("submit", (e) => e.preventDefault());
    read();
    apply();
  }
  // The watch page asks for version.js beside it every second and reloads when the
  // preview it names is no longer the one on screen.
  if (body.dataset.kind === "watch") {
    setInterval(() => {
      const s = document.createElement("script");
      s.src = `version.js?${Date.now()}`;
      s.onload = () => {
        s.remove();
        if (window.leadplayVersion && window.leadplayVersion !== body.dataset.version) {
          location.reload();
        }
      };
      s.onerror = () => s.remove();
      document.head.appendChild(s);
    }, 1000);
  }
})();
