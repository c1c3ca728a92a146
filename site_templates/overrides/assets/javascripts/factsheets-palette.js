/*
 * Applies the reader's saved colour scheme before the page is painted
 * (this script is loaded, synchronously, right after the palette toggle).
 * Material does this in an inline script, which the site's
 * Content-Security-Policy forbids; this is the project's own version.
 */
(function () {
  "use strict"

  var saved = window.__md_get && window.__md_get("__palette")
  if (!saved || !saved.color)
    return
  var color = saved.color

  /* "Follow the system" is stored as a media query: resolve it now. */
  if (color.media === "(prefers-color-scheme)") {
    var light = window.matchMedia("(prefers-color-scheme: light)").matches
    var wanted = light ? "(prefers-color-scheme: light)" : "(prefers-color-scheme: dark)"
    var inputs = document.querySelectorAll("[data-md-color-media]")
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].getAttribute("data-md-color-media") !== wanted)
        continue
      color.media = wanted
      color.scheme = inputs[i].getAttribute("data-md-color-scheme")
      color.primary = inputs[i].getAttribute("data-md-color-primary")
      color.accent = inputs[i].getAttribute("data-md-color-accent")
    }
  }

  Object.keys(color).forEach(function (key) {
    if (typeof color[key] === "string")
      document.body.setAttribute("data-md-color-" + key, color[key])
  })
})()
