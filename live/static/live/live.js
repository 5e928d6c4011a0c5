// Live coverage and the breaking-news banner, on every public page.
//
// Both read small answers the page cache keeps for every reader alike: the
// banner per time bucket, a story's updates until the next change. Without
// this script the page is complete: a plain list of entries, newest first,
// in pages; the banner is the one thing it then does not show.
(function () {
  "use strict";

  var BANNER_POLL_MS = 4000;
  var BANNER_BUCKET_S = 10;
  var UPDATES_POLL_MS = 3000;

  function visible() {
    return document.visibilityState !== "hidden";
  }

  function getJSON(url, done) {
    // The browser revalidates with the ETag; an unchanged answer is a 304.
    fetch(url, { credentials: "omit", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) { done(data); } })
      .catch(function () { /* the next poll tries again */ });
  }

  // The breaking-news banner ------------------------------------------------

  function startBanner(box) {
    var src = box.getAttribute("data-banner-src");
    var label = box.getAttribute("data-banner-label");
    var shown = null;

    function draw(banners) {
      var now = Date.now();
      var up = banners.filter(function (b) { return Date.parse(b.ends_at) > now; })[0] || null;
      var key = up ? up.text + "|" + up.url + "|" + up.ends_at : null;
      if (key === shown) { return; }
      shown = key;
      box.textContent = "";
      if (!up) { box.hidden = true; return; }
      var strong = document.createElement("strong");
      strong.className = "breaking__label";
      strong.textContent = label;
      var link = document.createElement("a");
      link.className = "breaking__link";
      link.href = up.url;
      link.textContent = up.text;
      box.appendChild(strong);
      box.appendChild(document.createTextNode(" "));
      box.appendChild(link);
      box.hidden = false;
    }

    var last = [];
    function poll() {
      if (visible()) {
        var bucket = Math.floor(Date.now() / 1000 / BANNER_BUCKET_S);
        getJSON(src + "?at=" + bucket, function (data) { last = data.banners || []; draw(last); });
      } else {
        draw(last); // an end time passes while the tab is hidden too
      }
    }
    poll();
    window.setInterval(poll, BANNER_POLL_MS);
  }

  // A live story's updates ---------------------------------------------------

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function insertByTime(list, item) {
    var posted = item.getAttribute("data-posted");
    var children = list.querySelectorAll(":scope > .live-entry");
    for (var i = 0; i < children.length; i++) {
      if (Date.parse(children[i].getAttribute("data-posted")) < Date.parse(posted)) {
        list.insertBefore(item, children[i]);
        return;
      }
    }
    list.appendChild(item);
  }

  function startUpdates(section) {
    var url = section.getAttribute("data-live-updates");
    var version = parseInt(section.getAttribute("data-live-version"), 10) || 0;
    var entries = section.querySelector("[data-live-entries]");
    var pinned = section.querySelector("[data-live-pinned]");
    var keyEvents = section.querySelector("[data-live-key-events]");
    var button = section.querySelector("[data-live-new]");
    var labelsNode = document.getElementById("live-new-update-labels");
    var labels = labelsNode ? JSON.parse(labelsNode.textContent) : [];
    var waiting = {}; // new entries held back until the reader asks for them, by id
    var timer = null;

    function place(change) {
      var item = fragment(change.html);
      if (change.pinned) {
        pinned.hidden = false;
        pinned.insertBefore(item, pinned.firstElementChild);
      } else {
        insertByTime(entries, item);
      }
      var empty = entries.querySelector("[data-live-empty]");
      if (empty) { empty.remove(); }
    }

    function label() {
      var count = Object.keys(waiting).length;
      if (!count) { button.hidden = true; return; }
      button.textContent = labels[Math.min(count, labels.length) - 1] || String(count);
      button.hidden = false;
    }

    function apply(data) {
      if (data.version <= version) { return; }
      if (version < data.since) { window.location.reload(); return; }
      data.changes.forEach(function (change) {
        if (change.version <= version) { return; }
        var existing = document.getElementById("entry-" + change.id);
        if (!change.shown) {
          if (existing) { existing.remove(); }
          delete waiting[change.id];
          return;
        }
        if (existing) {
          // Edited, pinned or unpinned: changed where it is, without a jump for new text.
          existing.remove();
          place(change);
        } else {
          waiting[change.id] = change;
        }
      });
      keyEvents.innerHTML = data.key_events;
      version = data.version;
      label();
      if (!data.open && timer) {
        window.clearInterval(timer);
      }
    }

    button.addEventListener("click", function () {
      Object.keys(waiting)
        .map(function (id) { return waiting[id]; })
        .sort(function (a, b) { return Date.parse(a.posted_at) - Date.parse(b.posted_at); })
        .forEach(place);
      waiting = {};
      label();
      entries.scrollIntoView({ block: "start" });
      var first = entries.querySelector(".live-entry a");
      if (first) { first.focus({ preventScroll: true }); }
    });

    timer = window.setInterval(function () {
      if (visible()) { getJSON(url, apply); }
    }, UPDATES_POLL_MS);
  }

  function start() {
    var box = document.querySelector("[data-banner-src]");
    if (box) { startBanner(box); }
    var section = document.querySelector("[data-live-updates]");
    if (section) { startUpdates(section); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
