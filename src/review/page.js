"use strict";
// The review queue: drafts come from the JSON block and are rendered a screen at a
// time as the reader scrolls. Filters choose which; the choice is kept in the address
// (#tier=hot&q=acme), so a filtered view can be bookmarked and survives the watch
// page's reloads. Every value goes into the page as text (textContent); only a
// Markdown body is HTML, made and escaped by leadplay.
(function () {
  const body = document.body;
  const form = document.getElementById("filters");
  const data = document.getElementById("queue-data");
  if (form && data) {
    const drafts = JSON.parse(data.textContent);
    // Contents come in blocks of CHUNK drafts, each parsed the first time it is needed.
    const CHUNK = 100;
    const blocks = Array.from(document.querySelectorAll("script.queue-chunk"));
    const parsed = [];
    const content = (i) => {
      const b = Math.floor(i / CHUNK);
      if (!parsed[b]) parsed[b] = JSON.parse(blocks[b].textContent);
      return parsed[b][i % CHUNK];
    };
    const list = document.getElementById("drafts");
    const more = document.getElementById("more");
    const shown = document.getElementById("shown");
    const keys = ["tier", "channel", "template", "team"];
    const PAGE = 40;
    let texts = null; // lower-cased text of each draft, made on the first search
    let matching = [];
    let rendered = 0;
    let group = null;

    const el = (tag, className, text) => {
      const e = document.createElement(tag);
      if (className) e.className = className;
      if (text !== undefined) e.textContent = text;
      return e;
    };
    const searchable = (d, c) => [d.lead, d.tier, d.channel, d.template, d.team, d.path,
      ...(c.headers || []).map((h) => h[1]), c.text || "",
      (c.html || "").replace(/<[^>]*>/g, " ")].join("\n").toLowerCase();

    const renderDraft = (d, c) => {
      const a = el("article", "draft");
      for (const k of ["lead", "tier", "channel", "template", "team"]) a.dataset[k] = d[k];
      const h = el("h4");
      h.append(el("span", "tier", d.tier), el("span", "channel", d.channel),
        el("span", "lead", d.lead), el("code", "", d.template));
      const link = el("a", "file", d.path);
      link.setAttribute("href", d.href);
      h.append(link);
      if (!d.written) h.append(el("em", "pending", "not written yet"));
      a.append(h);
      if (!c.headers) {
        a.append(el("p", "warn", "the draft file could not be read"));
      } else {
        if (c.headers.length) {
          const dl = el("dl", "headers");
          for (const [name, value] of c.headers) dl.append(el("dt", "", name), el("dd", "", value));
          a.append(dl);
        }
        if (c.html !== null) {
          const div = el("div", "body md");
          div.innerHTML = c.html;
          a.append(div);
        } else {
          a.append(el("pre", "body", c.text || ""));
        }
      }
      if (c.explain) {
        const details = el("details", "explain");
        const summary = el("summary", "", "why: ");
        summary.append(el("code", "", "leadplay explain"));
        details.append(summary, el("pre", "", c.explain));
        a.append(details);
      }
      return a;
    };

    const renderMore = () => {
      const end = Math.min(rendered + PAGE, matching.length);
      for (; rendered < end; rendered += 1) {
        const i = matching[rendered];
        const d = drafts[i];
        if (!group || group.dataset.team !== d.team) {
          group = el("section", "group");
          group.dataset.team = d.team;
          const title = el("h3", "", d.team || "(no team)");
          const small = el("small");
          const count = matching.filter((i) => drafts[i].team === d.team).length;
          small.append(el("span", "count", String(count)), count === 1 ? " draft" : " drafts");
          title.append(" ", small);
          group.append(title);
          list.append(group);
        }
        group.append(renderDraft(d, content(i)));
      }
      more.textContent = rendered < matching.length
        ? `${matching.length - rendered} more below…` : "";
    };

    const apply = () => {
      const want = {};
      for (const k of keys) want[k] = form.elements[k].value;
      const q = form.elements.q.value.trim().toLowerCase();
      if (q && !texts) texts = drafts.map((d, i) => searchable(d, content(i)));
      matching = [];
      drafts.forEach((d, i) => {
        if (keys.every((k) => !want[k] || d[k] === want[k]) && (!q || texts[i].includes(q))) {
          matching.push(i);
        }
      });
      list.replaceChildren();
      rendered = 0;
      group = null;
      renderMore();
      shown.textContent = `showing ${matching.length} of ${drafts.length} drafts`;
      shown.dataset.shown = String(matching.length);
      const params = new URLSearchParams();
      for (const e of form.elements) if (e.name && e.value) params.set(e.name, e.value);
      const hash = params.toString();
      if (hash || filtered) {
        history.replaceState(null, "", hash ? `#${hash}` : location.pathname);
        filtered = hash !== "";
      }
    };

    // Only a hash with `=` holds filters; `#queue` is a plain link to a section.
    let filtered = false;
    const readHash = () => {
      filtered = location.hash.includes("=");
      if (!filtered) return false;
      const params = new URLSearchParams(location.hash.slice(1));
      for (const e of form.elements) {
        if (e.name) e.value = params.get(e.name) || "";
      }
      return true;
    };
    readHash();
    // An address edited by hand, or a filtered link followed from this page.
    window.addEventListener("hashchange", () => {
      if (readHash()) {
        apply();
        document.getElementById("queue").scrollIntoView();
      }
    });
    new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) renderMore();
    }, { rootMargin: "1500px" }).observe(more);
    form.hidden = false;
    form.addEventListener("input", apply);
    form.addEventListener("submit", (e) => e.preventDefault());
    apply();
    // A filtered link is a link to the queue.
    if (filtered) document.getElementById("queue").scrollIntoView();
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
