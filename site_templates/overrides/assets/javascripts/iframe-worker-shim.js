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
 * When the build embedded the worker's source (offline-search-sources.js,
 * written by generator/mkdocs_hooks.py from the installed theme), a real
 * worker is started from that text instead: it runs off the page's thread
 * and starts indexing as soon as the page has loaded, so a reader who
 * pauses before searching gets results at once. Material itself waits for
 * the first search on file:// pages, because its iframe worker would
 * freeze the page while indexing. Without the embedded source, the iframe
 * stand-in below is used.
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

  /* Message types of Material's search worker protocol. */
  var SETUP = 0
  var READY = 1

  var shim = document.currentScript
  var siteRoot = shim ? new URL("../../", shim.src).href : null

  /* Source text -> a real worker whose importScripts reads embedded text. */
  function workerFromSources(sources) {
    var scripts = {}
    Object.keys(sources).forEach(function (name) {
      if (name !== "worker") scripts[name] = sources[name]
    })
    /* Each embedded script is imported from a blob: URL of its text, not
       eval'ed, so the site's Content-Security-Policy needs no
       'unsafe-eval' (blob: workers inherit the page's policy). */
    var prelude =
      "var __embedded = " + JSON.stringify(scripts) + ";\n" +
      "var __importScripts = self.importScripts.bind(self);\n" +
      "self.importScripts = function () {\n" +
      "  for (var i = 0; i < arguments.length; i++) {\n" +
      "    var url = String(arguments[i]);\n" +
      "    var name = Object.keys(__embedded).find(function (n) { return url.endsWith(n) });\n" +
      "    if (!name) throw new Error('offline search: no embedded script for ' + url);\n" +
      "    var blob = new Blob([__embedded[name]], { type: 'text/javascript' });\n" +
      "    var blobUrl = URL.createObjectURL(blob);\n" +
      "    try { __importScripts(blobUrl) } finally { URL.revokeObjectURL(blobUrl) }\n" +
      "  }\n" +
      "};\n"
    var blob = new Blob([prelude, sources.worker], { type: "text/javascript" })
    return new window.__NativeWorker(URL.createObjectURL(blob))
  }

  /* The options Material sends with its own setup message. */
  function searchOptions() {
    var config = document.getElementById("__config")
    var features = config ? JSON.parse(config.textContent).features || [] : []
    return { suggest: features.indexOf("search.suggest") !== -1 }
  }

  class OfflineWorker extends EventTarget {
    constructor(url) {
      super()
      this.onmessage = null
      this.onerror = null
      this._inner = null
      this._pending = []
      this._early = false       /* we sent the setup message ourselves */
      this._indexReady = false  /* the worker answered our setup */
      this._awaitingReady = false  /* Material sent its setup and waits */
      this._materialSetup = false

      var worker = this
      var sources = siteRoot && siteRoot + "assets/javascripts/offline-search-sources.js"
      var started = sources
        ? loadScript(document, sources).then(function () {
            return workerFromSources(window.__factsheetsSearchSources)
          })
        : Promise.reject(new Error("no embedded worker source"))
      started.catch(function () {
        return new IFrameWorker(url)
      }).then(function (inner) {
        worker._inner = inner
        inner.addEventListener("message", function (event) { worker._fromWorker(event.data) })
        inner.addEventListener("error", function (event) { worker._emit("error", event.error || event.message) })
        var queued = worker._pending
        worker._pending = []
        queued.forEach(function (data) { worker.postMessage(data) })
        if (!(inner instanceof IFrameWorker)) worker._setupEarly()
      })
    }

    /* Index as soon as the page has loaded, before anyone searches. */
    _setupEarly() {
      var worker = this
      var start = function () {
        if (worker._materialSetup) return
        var send = function () {
          if (worker._materialSetup || typeof __index === "undefined") return
          worker._early = true
          worker._status("indexing")
          worker._inner.postMessage({
            type: SETUP,
            data: { config: __index.config, docs: __index.docs, options: searchOptions() }
          })
        }
        if (typeof __index !== "undefined") send()
        else loadScript(document, siteRoot + "search/search_index.js").then(send, function () {})
      }
      if (document.readyState === "complete") setTimeout(start, 0)
      else window.addEventListener("load", function () { setTimeout(start, 0) })
    }

    postMessage(data) {
      if (!this._inner) {
        this._pending.push(data)
        return
      }
      if (data && data.type === SETUP) {
        this._materialSetup = true
        if (this._early) {
          /* Already indexing the same data: answer when it is done. */
          this._awaitingReady = true
          if (this._indexReady) this._emit("message", { type: READY })
          return
        }
      }
      this._inner.postMessage(data)
    }

    _fromWorker(data) {
      if (data && data.type === READY && this._early) {
        this._indexReady = true
        this._status("ready")
        if (!this._awaitingReady) return
      }
      this._emit("message", data)
    }

    /* Visible state, for readers' tools and the tests: data-offline-search. */
    _status(state) {
      document.documentElement.setAttribute("data-offline-search", state)
    }

    terminate() {
      if (this._inner) this._inner.terminate()
      this._pending = []
    }
  }
  OfflineWorker.prototype._emit = IFrameWorker.prototype._emit

  window.__NativeWorker = window.Worker
  window.IFrameWorker = IFrameWorker
  window.Worker = OfflineWorker
})()
