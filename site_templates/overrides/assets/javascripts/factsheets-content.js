/*
 * After the content: when the URL's fragment names a content tab's radio
 * input, select that tab, so a link to a tab opens it. Material does this
 * in an inline script, which the site's Content-Security-Policy forbids.
 */
(function () {
  "use strict"

  var id = window.location.hash.slice(1)
  var target = id && document.getElementById(id)
  if (target && target.name && target.name.indexOf("__tabbed_") === 0)
    target.checked = true
})()
