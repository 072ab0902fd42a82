// Runs before the page is drawn (a classic script at the top of <head>), so that nothing the
// app changes later shows first:
//
// 1. the theme the user chose in the app, kept in localStorage;
// 2. an app address for a guide or cause entry on the app's index.html (`#/guides/<slug>`, with
//    an optional heading) goes to that document's own page, which the build pre-rendered and
//    which shows its text at once; the app takes that page over (src/ui/takeover.rs);
// 3. any other app address (`#/analyze`) hides the pre-rendered home page until the app runs.
(function () {
  var root = document.documentElement;
  try {
    var theme = localStorage.getItem("kubetriage.theme");
    if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
  } catch (e) {
    // Storage refused (a private window, a sandboxed frame): the system theme applies.
  }
  var hash = location.hash;
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
