// wirelens pages work without this file. It adds one keyboard shortcut: "/" focuses search.
"use strict";
document.addEventListener("keydown", function (event) {
  var target = event.target;
  var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" ||
    target.tagName === "SELECT" || target.isContentEditable);
  if (event.key === "/" && !typing) {
    var box = document.getElementById("home-q") || document.getElementById("top-q");
    if (box) { event.preventDefault(); box.focus(); }
  }
});
