/*
 * Offline search for pages opened from disk (file://).
 *
 * Browsers refuse `new Worker()` on file:// pages, so Material's search
 * worker never starts and the search box stays at "Initializing search".
 * This stand-in runs the worker script in a hidden same-origin iframe and
 * passes messages across, the way Material's worker expects when it finds
 * `IFrameWorker` on its parent (see Material's search worker, which also
 * awaits `importScripts` for this case).
 *
 * Written for this project, so no third-party code is copied in, and it
 * loads nothing from the network. Over http(s) it does nothing: real
 * workers run there.
 */
(function () {
  "use strict"

  if (window.location.protocol !== "file:" || "IFrameWorker" in window)
    return

  /* Load one classic script into the iframe's document, in order. */
  function loadScript(doc, url) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script")
      script.src = url
      script.onload = function () { resolve() }
      script.onerror = function () {
        reject(new Error("Could not load worker script " + url))
      }
      doc.head.appendChild(script)
    })
  }

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super()
      this.onmessage = null
      this.onerror = null
      this._pending = []
      this._ready = false

      var frame = document.createElement("iframe")
      frame.hidden = true
      frame.setAttribute("aria-hidden", "true")
      frame.setAttribute("title", "search worker")
      frame.tabIndex = -1
      ;(document.body || document.documentElement).appendChild(frame)
      this._frame = frame

      var scope = frame.contentWindow
      var doc = scope.document
      var worker = this
      var base = document.baseURI

      /* The worker's globals: messages go to this object, not to itself. */
      scope.postMessage = function (data) { worker._emit("message", data) }
      scope.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments)
        return urls.reduce(function (chain, next) {
          return chain.then(function () {
            return loadScript(doc, new URL(next, base).href)
          })
        }, Promise.resolve())
      }
      scope.close = function () { worker.terminate() }
      scope.addEventListener("error", function (event) {
        worker._emit("error", event.error || event.message)
      })

      loadScript(doc, new URL(url, base).href).then(function () {
        worker._ready = true
        var queued = worker._pending
        worker._pending = []
        queued.forEach(function (data) { worker.postMessage(data) })
      }, function (error) {
        worker._emit("error", error)
      })
    }

    /* Main page -> worker: delivered asynchronously, as a worker would. */
    postMessage(data) {
      if (!this._ready) {
        this._pending.push(data)
        return
      }
      var scope = this._frame.contentWindow
      setTimeout(function () {
        scope.dispatchEvent(new scope.MessageEvent("message", { data: data }))
      }, 0)
    }

    terminate() {
      this._ready = false
      this._pending = []
      this._frame.remove()
    }

    /* Worker -> main page. */
    _emit(type, data) {
      var worker = this
      setTimeout(function () {
        var event = type === "message"
          ? new MessageEvent("message", { data: data })
          : new ErrorEvent("error", { error: data, message: String(data) })
        worker.dispatchEvent(event)
        var handler = worker["on" + type]
        if (typeof handler === "function")
          handler.call(worker, event)
      }, 0)
    }
  }

  window.IFrameWorker = IFrameWorker
  window.Worker = IFrameWorker
})()
