/*
 * Storage helpers that Material's bundle calls as globals: __md_scope,
 * __md_hash, __md_get and __md_set. Material defines them in an inline
 * script; the site's Content-Security-Policy allows no inline code, so
 * this project's own file defines them instead, with the same meaning:
 *
 *   __md_scope       the site's root URL; stored keys are prefixed with
 *                    its path, so two sites on one host do not mix
 *   __md_hash(s)     a small 32-bit string hash (Material keys state by it)
 *   __md_get(k)      the JSON value stored under k, or null
 *   __md_set(k, v)   store v as JSON under k; a full or blocked storage
 *                    is ignored, as the theme expects
 *
 * The scope comes from this script tag's data-scope attribute (the page's
 * relative path to the site root), so no value is written into code.
 */
(function () {
  "use strict"

  var tag = document.currentScript
  var relative = (tag && tag.getAttribute("data-scope")) || "."
  var scope = new URL(relative, window.location.href)

  function hash(text) {
    var value = 0
    for (var i = 0; i < text.length; i++)
      value = ((value << 5) - value + text.charCodeAt(i)) | 0
    return value
  }

  function get(key, storage, base) {
    storage = storage || window.localStorage
    base = base || scope
    return JSON.parse(storage.getItem(base.pathname + "." + key))
  }

  function set(key, value, storage, base) {
    storage = storage || window.localStorage
    base = base || scope
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value))
    } catch (error) {
      /* Storage full or disabled: the reader loses a preference, nothing else. */
    }
  }

  window.__md_scope = scope
  window.__md_hash = hash
  window.__md_get = get
  window.__md_set = set
})()
