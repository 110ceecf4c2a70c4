(function (stem, statusUrl, version) {
  // Inlined into every page the preview serves (see briefing/serve/pages.py), called
  // with the page's brief (null for the index), its status URL and its version.
  // A reconnected stream may have missed events: ask once whether the page is stale.
  function checkStale() {
    fetch(statusUrl, {cache: "no-store"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) { if (!s || s.version !== version) location.reload(); })
      .catch(function () {});
  }
  var events = new EventSource("/events");
  events.onopen = checkStale;
  events.onmessage = function (e) {
    if (stem === null || e.data === stem) location.reload();
  };
})
