// Citation markers: a click highlights the cited span inside its report. The span is
// found by its offsets (data-start/data-end on the marker, data-s/data-e on the pieces
// of the report's text), never by searching for the words. Without this script a
// marker is a plain link to the piece where the span starts.
"use strict";
(function () {
  let back = null;

  function clear() {
    for (const el of document.querySelectorAll(".text .hl")) el.classList.remove("hl");
    for (const el of document.querySelectorAll("a.cite.active")) el.classList.remove("active");
    for (const el of document.querySelectorAll(".text.focus")) el.classList.remove("focus");
    if (back) { back.remove(); back = null; }
  }

  function pieces(doc, start, end) {
    const text = document.querySelector('.text[data-doc="' + doc + '"]');
    if (!text) return [];
    return Array.from(text.querySelectorAll("[data-s]")).filter(function (p) {
      const s = Number(p.dataset.s), e = Number(p.dataset.e);
      return s >= start && e <= end && (e > s || start === end);
    });
  }

  function backLink(marker, report) {
    const a = document.createElement("a");
    a.href = "#";
    a.className = "back";
    a.textContent = "↩ back to the citation";
    a.addEventListener("click", function (ev) {
      ev.preventDefault();
      marker.scrollIntoView({ block: "center" });
      marker.focus();
    });
    const text = report.querySelector(".text");
    report.insertBefore(a, text);
    return a;
  }

  document.addEventListener("click", function (ev) {
    const marker = ev.target.closest ? ev.target.closest("a.cite") : null;
    if (!marker) return;
    const found = pieces(marker.dataset.doc, Number(marker.dataset.start), Number(marker.dataset.end));
    if (!found.length) return; // leave it to the plain link
    ev.preventDefault();
    clear();
    marker.classList.add("active");
    for (const p of found) p.classList.add("hl");
    found[0].closest(".text").classList.add("focus");
    const report = found[0].closest("article.report");
    if (report) back = backLink(marker, report);
    found[0].scrollIntoView({ block: "center" });
    if (history.replaceState) history.replaceState(null, "", marker.getAttribute("href"));
  });
})();
