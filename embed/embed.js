/*
 * kubetriage embed: put the analyzer or a guide into any page that allows a script.
 *
 *   <script src="https://host/tools/kubetriage/embed.js"
 *           data-kubetriage="analyze" data-theme="auto"></script>
 *
 * data-kubetriage is `analyze`, `guides/<slug>` or `causes/<id>`; data-theme is `light`, `dark` or `auto`
 * (the default: follow the reader's system). The script replaces its own tag with an iframe of
 * `<the folder of this script>/index.html#/embed/<what>?theme=<theme>`, 100% wide and at least
 * 320px, lazy-loaded, with no extra permissions.
 *
 * The page in the iframe reports its height with
 *   parent.postMessage({kubetriage: 1, type: "height", height: <px>}, "*")
 * and the iframe follows it, within [MIN_HEIGHT, MAX_HEIGHT]. A message counts only when it
 * comes from that iframe's window and from the origin of the iframe's URL; everything else is
 * ignored. Each tag makes its own iframe; several on one page work independently.
 *
 * No dependencies, no build step, nothing sent anywhere.
 */
(function () {
  "use strict";

  var MIN_HEIGHT = 200;
  var MAX_HEIGHT = 20000;
  var START_HEIGHT = 640;
  var THEMES = { light: 1, dark: 1, auto: 1 };
  var DOC = /^(?:guides|causes)\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

  // The iframes this copy of the script made, with the origin each may hear from.
  var frames = [];

  function route(what) {
    what = String(what || "").trim().replace(/^\/+|\/+$/g, "");
    if (what === "" || what === "analyze") return "analyze";
    return DOC.test(what) ? what : null;
  }

  function title(what) {
    if (what === "analyze") return "kubetriage: why did this Kubernetes Job fail?";
    var parts = what.split("/");
    return (parts[0] === "guides" ? "kubetriage guide: " : "kubetriage cause: ") + parts[1];
  }

  function embed(script) {
    script.setAttribute("data-kubetriage-done", "");
    var what = route(script.getAttribute("data-kubetriage"));
    if (!what) {
      if (window.console) {
        console.warn(
          "kubetriage embed: data-kubetriage must be `analyze`, `guides/<slug>` or `causes/<id>`"
        );
      }
      return;
    }
    var theme = script.getAttribute("data-theme") || "auto";
    if (!THEMES.hasOwnProperty(theme)) theme = "auto";
    var url = new URL("index.html", script.src);
    url.hash = "#/embed/" + what + "?theme=" + theme;

    var frame = document.createElement("iframe");
    frame.src = url.href;
    frame.title = title(what);
    frame.loading = "lazy";
    frame.referrerPolicy = "no-referrer";
    frame.className = "kubetriage-embed";
    frame.style.cssText =
      "display:block;width:100%;min-width:320px;height:" + START_HEIGHT + "px;border:0;";
    frames.push({ frame: frame, origin: url.origin });
    script.parentNode.replaceChild(frame, script);
  }

  function onMessage(event) {
    var data = event.data;
    if (!data || typeof data !== "object" || data.kubetriage !== 1 || data.type !== "height") {
      return;
    }
    var height = data.height;
    if (typeof height !== "number" || !isFinite(height)) return;
    for (var i = 0; i < frames.length; i++) {
      var entry = frames[i];
      if (event.source === entry.frame.contentWindow && event.origin === entry.origin) {
        var px = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.round(height)));
        entry.frame.style.height = px + "px";
        return;
      }
    }
  }

  // The tag running now, and any that a loader added without running them one by one.
  var scripts = document.querySelectorAll("script[data-kubetriage]:not([data-kubetriage-done])");
  var mine = document.currentScript;
  if (mine && mine.hasAttribute("data-kubetriage") && !mine.hasAttribute("data-kubetriage-done")) {
    embed(mine);
  }
  for (var i = 0; i < scripts.length; i++) {
    if (!scripts[i].hasAttribute("data-kubetriage-done") && /embed\.js(?:[?#]|$)/.test(scripts[i].src)) {
      embed(scripts[i]);
    }
  }
  if (frames.length) window.addEventListener("message", onMessage);
})();
