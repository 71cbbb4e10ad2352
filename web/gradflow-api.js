// window.gradflow: the page's JavaScript API, same-origin and over postMessage.
//
// Same origin (the page itself, or a parent that can reach iframe.contentWindow):
//   await gradflow.ready;                  // {problems: [...], embed, highContrast, reducedMotion, preset}
//   gradflow.getState()                    // loss, a, h, output, dW, db, W_next, b_next, loss_next, t, phase, focus …
//   gradflow.setConfig(config)             // {ok: true} | {ok: false, error}; the old network stays on error
//   gradflow.play() / pause() / step() / seek(t) / focus(name) / derivation(name, format)
//   gradflow.nodePositions()               // {x_1: [x, y], …, w_212: [x, y] (middle of the edge)} CSS px
//   gradflow.layout()                      // canvas, node and label boxes, buttons, sheet: what was drawn (CSS px)
//   gradflow.shareUrl() / embedSnippet()
//   gradflow.on('phase' | 'focus', fn)     // fn(event)
//   gradflow.checkWorking(text, {tolerance})  // Promise of the tutor's report on the network shown now
//                                          // (README "Check my working"); the first call loads
//                                          // gradflow-tutor.js + .wasm. Rejects in words on bad input
//   gradflowTutor.check(text)              // the app's panel: Promise<string>, the report or {"error"} as JSON
// Cross origin (an LMS page embedding gradflow in an <iframe>):
//   iframe.contentWindow.postMessage({type: 'gradflow', id: 1, method: 'seek', args: [2]}, '*')
//   ← {type: 'gradflow', id: 1, result: …} or {type: 'gradflow', id: 1, error: '…'}
//   ← {type: 'gradflow', event: 'ready' | 'phase' | 'focus', …} without being asked
//   method 'checkWorking' (args [text, {tolerance}]) answers later, with the report as its result
// Every request, from either side, goes through one C++ function (gradflow_api, src/embed/api.cpp)
// which checks it completely before anything changes; this file only carries messages — measured
// against the C++ limit before anything is copied, then through the wasm heap, never the stack.
// checkWorking is the one method answered here rather than in C++: the tutor is its own module
// (src/tutor/web_entry.cpp), asked with the config getConfig gives, over the same heap rules.
// Once gradflow cannot answer (it failed to start, or the module trapped), every request, waiting
// or new, is answered with an error that says so and what to do.
// Most answers come from the module's second part, gradflow.rest.wasm (web/split_module.py), which
// a page that is only watched never fetches: awaiting gradflow.ready, listening with on(), or a
// postMessage request fetches it first, without blocking; a same-origin call made before that
// loads it on the spot.
'use strict';
(function () {
  let wasm = null;                 // {Module, maxBytes} once the module runs
  let stopped = null;              // why nothing can be answered any more, once that is so
  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
  ready.catch(() => {});   // a page that never awaits it must not see an "unhandled rejection"
  const listeners = { ready: [], phase: [], focus: [] };
  const early = [];                // postMessage requests that arrived before the module was ready
  const MAX_EARLY = 64;
  const embedded = window.parent !== window;
  // gradflow-api.js sits beside gradflow.js and gradflow-tutor.js; inlined (the standalone file)
  // it has no address of its own and the page's stands in.
  const here = (document.currentScript && document.currentScript.src) || location.href;

  // The id a reply may echo, as src/embed/api.cpp's usable_id(): the sender matches replies by it.
  function replyId(id) {
    return (typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id.length <= 256) ? id : null;
  }
  const errorReply = (id, error) => ({ type: 'gradflow', id: replyId(id), error });

  // JSON has no NaN or Infinity: JSON.stringify would send null, and the answer would complain of
  // a null nobody sent. Where the first one sits, in the words of the request.
  function nonFinitePlace(message, value) {
    const method = message && typeof message.method === 'string' && message.method.length <= 40 ? message.method + '()' : 'the request';
    const path = (v, depth) => {
      if (typeof v === 'number') return Number.isFinite(v) ? null : '';
      if (!v || typeof v !== 'object' || depth > 64) return null;
      for (const k of Object.keys(v)) {
        const p = path(v[k], depth + 1);
        if (p !== null) return (Array.isArray(v) ? '[' + k + ']' : '.' + k) + p;
      }
      return null;
    };
    const sayWhat = String(value) + ', which JSON (what requests travel as) cannot carry: it would arrive as null. Send a finite number';
    const args = message && message.args;
    if (Array.isArray(args)) {
      for (let i = 0; i < args.length; ++i) {
        const p = path(args[i], 0);
        if (p === '') return method + ': argument ' + (i + 1) + ' is ' + sayWhat;
        if (p !== null) return method + ': argument ' + (i + 1) + ' holds ' + (p.startsWith('.') ? p.slice(1) : p) + ' = ' + sayWhat;
      }
    }
    const p = path(message, 0);
    return method + ': ' + (p ? (p.startsWith('.') ? p.slice(1) : p) + ' is ' : '') + sayWhat;
  }

  // A request as JSON text, or {error} when it cannot be one.
  function encode(message) {
    let bad;
    let text;
    try {
      text = JSON.stringify(message === undefined ? null : message);
      // Only text with a null in it can hide a non-finite number; a replacer costs 40× more, so
      // the second pass runs only then.
      if (typeof text === 'string' && text.includes('null')) {
        JSON.stringify(message, function (key, value) {
          if (bad === undefined && typeof value === 'number' && !Number.isFinite(value)) bad = value;
          return value;
        });
      }
    } catch (err) {
      return { error: 'the message cannot be read as JSON (' + (/BigInt/i.test(String(err)) ? 'it holds a BigInt' : 'it refers to itself') +
                      "): send plain data, {type: 'gradflow', id, method, args}" };
    }
    if (bad !== undefined) {
      try { return { error: nonFinitePlace(message, bad) }; } catch (err) { return { error: 'the request holds ' + String(bad) + ', which JSON cannot carry; send finite numbers' }; }
    }
    if (typeof text !== 'string') return { error: 'the message cannot be read as JSON' };
    return { text };
  }

  // Calls an exported C function with a string in the wasm heap (freed after) and returns the
  // reply it leaves in wasm memory, parsed. The module trapping is not a reply: it stops the page.
  function exchange(fn, text) {
    const M = wasm.Module;
    const n = M.lengthBytesUTF8(text) + 1;
    const p = M._malloc(n);
    if (!p) return null;
    M.stringToUTF8(text, p, n);
    const reply = M.UTF8ToString(fn(p));   // a trap throws past the _free: nothing more is called
    M._free(p);
    return JSON.parse(reply);
  }

  // One request through the C++ dispatcher: message → reply object. Never throws, never hangs.
  function handle(message) {
    const id = message && typeof message === 'object' ? message.id : null;
    if (stopped) return errorReply(id, stopped);
    if (!wasm) return errorReply(id, 'gradflow is still loading: wait for gradflow.ready (or the "ready" event)');
    const encoded = encode(message);
    if ('error' in encoded) return errorReply(id, encoded.error);
    const M = wasm.Module;
    try {
      // Measured before anything is copied: a request over the limit is refused in C++'s words
      // from its size and id alone.
      const bytes = M.lengthBytesUTF8(encoded.text);
      if (bytes > wasm.maxBytes) {
        const idJson = (typeof id === 'number' || typeof id === 'string') && String(id).length <= 1024 ? JSON.stringify(id) : 'null';
        return exchange((p) => M._gradflow_api_oversize(bytes, p), idJson);
      }
      const reply = exchange(M._gradflow_api, encoded.text);
      return reply || errorReply(id, 'the page could not set aside ' + (bytes / 1048576).toFixed(1) +
                                     ' MB of memory for this request; close other tabs or reload the page');
    } catch (err) {
      stop(err);
      return errorReply(id, stopped);
    }
  }

  function request(method, args) {
    if (!wasm && !stopped) throw new Error('gradflow is still loading: await gradflow.ready first');
    const reply = handle({ type: 'gradflow', id: 0, method, args });
    if ('error' in reply) throw new Error(reply.error);
    return reply.result;
  }

  function emit(event) {
    for (const fn of listeners[event.event] || []) {
      try { fn(event); } catch (err) { console.error(err); }
    }
    // Events are not secret (a phase name, a weight's name), so any embedding page may hear them.
    if (embedded) window.parent.postMessage(event, '*');
  }

  function post(event, reply) {
    if (event.source && typeof event.source.postMessage === 'function')
      event.source.postMessage(reply, event.origin && event.origin !== 'null' ? event.origin : '*');
  }
  const ours = (data) => !(data && typeof data === 'object' &&
                           (('type' in data && data.type !== 'gradflow') || ('event' in data && !('method' in data))));

  // Answers one postMessage request. Messages typed for someone else (browser extensions, the
  // LMS's own widgets) and our own events are left alone; everything else is answered, malformed
  // ones with an error.
  function answer(event) {
    if (!ours(event.data)) return;
    const data = event.data;
    if (data && typeof data === 'object' && data.method === 'checkWorking') {
      const id = replyId(data.id);
      const args = data.args === undefined ? [] : data.args;
      const done = Array.isArray(args) && args.length <= 2
        ? checkWorking(args[0], args[1])
        : Promise.reject(new Error("checkWorking: args must be an array, [text] or [text, {tolerance: 0.001}]"));
      done.then((result) => post(event, { type: 'gradflow', id, result }),
                (err) => post(event, errorReply(id, String(err && err.message || err))));
      return;
    }
    // A module that stopped or never ran answers with why, at once.
    if (wasm && !stopped) rest().then(() => post(event, handle(data)));
    else post(event, handle(data));
  }

  window.addEventListener('message', (event) => {
    if (event.source === window || !ours(event.data)) return;
    if (wasm || stopped) answer(event);
    else if (early.length < MAX_EARLY) early.push(event);
    else post(event, errorReply(event.data && event.data.id, 'gradflow is still loading and already holds ' + MAX_EARLY +
                                " requests: wait for its 'ready' event, then send this again"));
  });

  // The end: the module trapped (memory access out of bounds, abort), could not start, or lost its
  // graphics. Said once on the page (web/shell.html's overlay), to the embedding page, and in
  // answer to every request waiting or still to come.
  function stop(err) {
    if (stopped) return;
    const detail = String(err && err.stack || err);
    // The shell shows its overlay and calls fail() below with its own words.
    if (window.gradflowPage && window.gradflowPage.stopped) window.gradflowPage.stopped(detail);
    if (!stopped) bridge.fail('gradflow stopped unexpectedly (' + String(err && err.message || err).slice(0, 120) +
                              '). Reload the page to start it again.');
  }


  // "Check my working": the tutor module is fetched when first asked for, then kept; a failed
  // load is forgotten, so the next call tries again.
  let tutor = null;   // Promise of the module

  function tutorFailed(what) {
    return new Error('the tutor (' + what + ') could not be loaded: check the connection and call checkWorking ' +
                     'again; if it keeps failing, the site is missing files — gradflow-tutor.js and ' +
                     'gradflow-tutor.wasm belong beside gradflow.js (all of build/web/)');
  }

  function loadTutor() {
    if (tutor) return tutor;
    const src = new URL('gradflow-tutor.js', here).href;
    tutor = (async () => {
      if (window.GRADFLOW_STANDALONE)   // web/standalone.py: no room for it within 1 MB
        throw new Error('checking working needs the hosted page: this single file has no room for the tutor ' +
                        'module. Open gradflow from a web server (the build/web folder) to use checkWorking');
      if (typeof window.GradflowTutor !== 'function') {
        await new Promise((resolve, reject) => {
          const script = document.createElement('script');
          script.src = src;
          script.async = true;
          script.onload = resolve;
          script.onerror = () => { script.remove(); reject(tutorFailed('gradflow-tutor.js')); };
          document.head.appendChild(script);
        });
        if (typeof window.GradflowTutor !== 'function') throw tutorFailed('gradflow-tutor.js');
      }
      const options = { locateFile: (path) => new URL(path, src).href, printErr: (t) => console.warn(t) };
      let M;
      try {
        M = await window.GradflowTutor(options);
      } catch (err) {
        console.warn('gradflow: the tutor module failed:', err);
        throw tutorFailed('gradflow-tutor.wasm');
      }
      return M;
    })();
    tutor.catch(() => { tutor = null; });
    return tutor;
  }

  // The report as JSON text for `text` on the network and sample shown now; the checks and the
  // call are the module's (src/tutor/web_glue.js). Throws in words.
  async function checkText(text, options) {
    await ready;   // the config comes from the page's module
    if (stopped) throw new Error(stopped);
    const M = await loadTutor();
    return window.GradflowTutor.check(M, text, options, () => request('getConfig', []));
  }

  function checkWorking(text, options) {
    return checkText(text, options).then((reply) => JSON.parse(reply));
  }

  // The module's second part (web/shell.html: gradflowRest, web/split_module.py) answers most
  // requests. A script that awaits gradflow.ready or listens for events is about to ask: the rest
  // is fetched then, and ready waits for it too. A call that comes first still works (the rest is
  // then loaded synchronously, once).
  const rest = () => (window.gradflowRest ? window.gradflowRest['load']() : Promise.resolve());
  let readyAll = null;
  const api = {
    get ready() {
      if (!readyAll) {
        readyAll = ready.then((info) => rest().then(() => info));
        readyAll.catch(() => {});
      }
      return readyAll;
    },
    problems: [],
    getState: () => request('getState', []),
    getConfig: () => request('getConfig', []),
    setConfig: (config) => request('setConfig', [config]),
    play: () => request('play', []),
    pause: () => request('pause', []),
    step: () => request('step', []),
    seek: (t) => request('seek', [t]),
    train: (on) => request('train', [on]), // issue 8: training over the dataset by epochs
    focus: (name) => request('focus', [name === undefined ? null : name]),
    derivation: (name, format) => request('derivation', format === undefined ? [name] : [name, format]),
    nodePositions: () => request('nodePositions', []),
    layout: () => request('layout', []),
    shareUrl: () => request('shareUrl', []),
    embedSnippet: () => request('embedSnippet', []),
    checkWorking,
    on(name, fn) {
      ready.then(rest, () => {});
      (listeners[name] || (listeners[name] = [])).push(fn);
      return () => api.off(name, fn);
    },
    off(name, fn) { const l = listeners[name] || []; const i = l.indexOf(fn); if (i >= 0) l.splice(i, 1); },
  };
  window.gradflow = api;
  // The app's "Check my working" panel (src/platform/web_api.cpp) calls this: always a string.
  window.gradflowTutor = {
    check: (text) => checkText(text).catch((err) => JSON.stringify({ error: String(err && err.message || err) })),
  };

  // Called from C++ (src/platform/web_api.cpp, EM_JS) once the link's state is applied.
  const bridge = {
    ready(Module, info) {
      if (stopped) return;
      wasm = { Module, maxBytes: Module._gradflow_api_max_request_bytes() };
      api.problems = info.problems || [];
      if (window.gradflowPage) window.gradflowPage.started(info);
      resolveReady(info);
      emit({ type: 'gradflow', event: 'ready', problems: api.problems });
      for (const event of early.splice(0)) answer(event);
    },
    emit(events) { if (!stopped) for (const e of events) emit(e); },
    // Called by the page shell when gradflow cannot run here (no WebGL 2, download failed, the
    // module trapped, …): from now on every request is answered with this message.
    fail(message) {
      if (stopped) return;
      stopped = message;
      rejectReady(new Error(message));
      if (embedded) window.parent.postMessage({ type: 'gradflow', event: 'error', error: message }, '*');
      for (const event of early.splice(0)) answer(event);
    },
  };
  window.gradflowBridge = bridge;
})();
