/* The reception screen (/man-hinh/): slides advance on their own, and the page reloads on a
   schedule to pick up new posts, but only after the site has answered a HEAD request: when the
   network is down the screen keeps showing what it has, and tries again at the next turn.
   `?che-do=led` (or `screen.led: true`) is the LED board's mode: larger type, slower slides. */
(function () {
  "use strict";
  var root = document.documentElement;
  var mode = new URLSearchParams(window.location.search).get("che-do");
  var led = mode === "led" || (mode !== "thuong" && root.getAttribute("data-led") === "true");
  var seconds = Number(root.getAttribute(led ? "data-led-seconds" : "data-seconds")) || 12;
  var reloadSeconds = Number(root.getAttribute("data-reload-seconds")) || 600;
  var slides = Array.prototype.slice.call(document.querySelectorAll(".cchc-slide"));
  var counter = document.querySelector(".cchc-screen__count");
  var progress = document.querySelector(".cchc-screen__progress");
  var current = 0;

  root.classList.add("cchc-screen--js");
  root.classList.toggle("cchc-screen--led", led);
  root.style.setProperty("--cchc-slide-seconds", seconds + "s");

  function show(index, entering) {
    current = index;
    slides.forEach(function (slide, i) {
      slide.hidden = i !== index;
      // Fades in when it replaces another; the first slide is there at once.
      slide.classList.toggle("cchc-slide--enter", entering && i === index);
    });
    if (counter) {
      counter.textContent = index + 1 + "/" + slides.length;
    }
    if (progress) {
      // Restart the bar's fill: remove the class, force a style flush, add it again.
      progress.classList.remove("cchc-screen__progress--run");
      void progress.offsetWidth;
      progress.classList.add("cchc-screen__progress--run");
    }
  }

  function reloadWhenOnline() {
    fetch(window.location.href, { method: "HEAD", cache: "no-store" })
      .then(function (response) {
        if (response.ok) {
          window.location.reload();
        }
      })
      .catch(function () {
        /* Offline: keep the slides, try again at the next turn. */
      });
  }

  show(0, false);
  window.setInterval(function () {
    show((current + 1) % slides.length, true);
  }, seconds * 1000);
  window.setInterval(reloadWhenOnline, reloadSeconds * 1000);
})();
