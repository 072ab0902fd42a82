// Runs before the page is drawn (a classic script at the top of <head>), so that nothing the
// app changes later shows first:
//
// 1. the theme the user chose in the app, kept in localStorage; or, embedded in another site
//    (`#/embed/...?theme=light|dark|auto`), the theme the address asks for, never stored;
// 2. an app address for a guide or cause entry on the app's index.html (`#/guides/<slug>`, with
//    an optional heading) goes to that document's own page, which the build pre-rendered and
//    which shows its text at once; the app takes that page over (src/ui/takeover.rs);
// 3. any other app address (`#/analyze`) hides the pre-rendered home page until the app runs;
// 4. embedded and framed, the page tells its parent how tall it is whenever that changes, as
//    `{kubetriage: 1, type: "height", height: <px>}`, for embed/embed.js to size the frame.
(function () {
  // The body's height (styles/app.css keeps its children's margins inside it when embedded),
  // posted once the app has drawn something and again whenever it changes size. A browser
  // may hold back a frame out of view until it is scrolled near: its height follows then.
  function reportHeight() {
    if (typeof ResizeObserver !== "function") return;
    var last = -1;
    function post() {
      var height = Math.ceil(document.body.getBoundingClientRect().height);
      if (height === last || height === 0) return;
      last = height;
      window.parent.postMessage({ kubetriage: 1, type: "height", height: height }, "*");
    }
    document.addEventListener("DOMContentLoaded", function () {
      new ResizeObserver(post).observe(document.body);
    });
  }

  var root = document.documentElement;
  var hash = location.hash;
  var embed = /^#\/embed(?:[/?]|$)/.test(hash);
  if (embed) {
    root.setAttribute("data-embed", "");
    var asked = /[?&]theme=(light|dark)(?:&|$)/.exec(hash);
    if (asked) root.setAttribute("data-theme", asked[1]);
    if (window.parent !== window) reportHeight();
  } else {
    try {
      var theme = localStorage.getItem("kubetriage.theme");
      if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
    } catch (e) {
      // Storage refused (a private window, a sandboxed frame): the system theme applies.
    }
  }
  if (hash.indexOf("#/") !== 0 || hash === "#/") return;
  var pages = document.querySelector('meta[name="kubetriage-pages"]');
  var known = pages ? " " + pages.getAttribute("content") + " " : "";
  var doc = /^#\/((?:guides|causes)\/[a-z0-9-]+)(?:\/([A-Za-z0-9_-]+))?\/?$/.exec(hash);
  if (doc && known.indexOf(" " + doc[1] + " ") >= 0) {
    location.replace(doc[1] + ".html" + (doc[2] ? "#" + doc[2] : ""));
    return;
  }
  root.setAttribute("data-app-route", "");
})();
