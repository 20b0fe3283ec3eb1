/* The CCHC section's only script, from the site itself; every page works without it.
 * - "Sao chép liên kết": copies the post's address from its read-only field (shown without the script).
 * - Videos from YouTube or Facebook: a plain link until the reader clicks; only then is the player
 *   loaded (YouTube from youtube-nocookie.com). Before the click the page asks nothing of either site. */
(function () {
  "use strict";
  // The players we build ourselves (outputs/media.py); any other address in the markup is ignored.
  var PLAYERS = ["https://www.youtube-nocookie.com/embed/", "https://www.facebook.com/plugins/video.php?"];

  function copyLink(button) {
    var field = document.getElementById(button.getAttribute("data-cchc-copy"));
    var status = button.parentNode.querySelector(".cchc-share__status");
    if (!field) return;
    var say = function (key) { if (status) status.textContent = button.getAttribute(key) || ""; };
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { say("data-cchc-copied"); },
        function () { say("data-cchc-failed"); });
    } else {
      try { say(document.execCommand("copy") ? "data-cchc-copied" : "data-cchc-failed"); }
      catch (e) { say("data-cchc-failed"); }
    }
  }

  function play(figure) {
    var src = figure.getAttribute("data-cchc-embed") || "";
    var allowed = PLAYERS.some(function (prefix) { return src.indexOf(prefix) === 0; });
    if (!allowed) return false;
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = figure.getAttribute("data-cchc-title") || "";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.setAttribute("allowfullscreen", "");
    frame.className = "cchc-embed__frame";
    var holder = figure.querySelector(".cchc-embed__box");
    holder.replaceChildren(frame);
    frame.focus();
    return true;
  }

  function init() {
    document.querySelectorAll("[data-cchc-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copyLink(button); });
    });
    document.querySelectorAll("[data-cchc-embed]").forEach(function (figure) {
      var link = figure.querySelector(".cchc-embed__link");
      if (!link) return;
      figure.classList.add("cchc-embed--ready");
      link.addEventListener("click", function (event) {
        if (play(figure)) event.preventDefault();
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
