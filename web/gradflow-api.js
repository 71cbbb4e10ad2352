// window.gradflow: the page's JavaScript API, same-origin and over postMessage.
//
// Same origin (the page itself, or a parent that can reach iframe.contentWindow):
//   await gradflow.ready;                  // {problems: [...], embed, highContrast, reducedMotion, preset}
//   gradflow.getState()                    // loss, a, h, output, dW, db, W_next, b_next, loss_next, t, phase, focus …
//   gradflow.setConfig(config)             // {ok: true} | {ok: false, error}; the old network stays on error
//   gradflow.play() / pause() / step() / seek(t) / focus(name) / derivation(name, format)
//   gradflow.nodePositions()               // {x_1: [x, y], …, w_212: [x, y] (middle of the edge)} CSS px
//   gradflow.shareUrl() / embedSnippet()
//   gradflow.on('phase' | 'focus', fn)     // fn(event)
// Cross origin (an LMS page embedding gradflow in an <iframe>):
//   iframe.contentWindow.postMessage({type: 'gradflow', id: 1, method: 'seek', args: [2]}, '*')
//   ← {type: 'gradflow', id: 1, result: …} or {type: 'gradflow', id: 1, error: '…'}
//   ← {type: 'gradflow', event: 'ready' | 'phase' | 'focus', …} without being asked
// Every request, from either side, goes through one C++ function (gradflow_api, src/embed/api.cpp)
// which checks it completely before anything changes; this file only carries messages.
'use strict';
(function () {
  let call = null;                 // cwrap'd gradflow_api once the module runs
  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
  ready.catch(() => {});   // a page that never awaits it must not see an "unhandled rejection"
  const listeners = { ready: [], phase: [], focus: [] };
  const early = [];                // postMessage requests that arrived before the module was ready
  let failure = null;              // why gradflow cannot run here, once the page has given up
  const MAX_EARLY = 64;
  const embedded = window.parent !== window;

  function request(method, args) {
    if (failure) throw new Error(failure);
    if (!call) throw new Error('gradflow is still loading: await gradflow.ready first');
    const reply = JSON.parse(call(JSON.stringify({ type: 'gradflow', id: 0, method, args })));
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

  // Messages typed for someone else (browser extensions, the LMS's own widgets) are left alone;
  // everything else is answered, malformed and unreadable ones with an error.
  function ours(data) {
    if (data && typeof data === 'object' && 'type' in data && data.type !== 'gradflow') return false;
    if (data && typeof data === 'object' && 'event' in data && !('method' in data)) return false;   // our own events
    return true;
  }
  // Answers one postMessage request through the C++ dispatcher.
  function answer(event) {
    const data = event.data;
    let text;
    try { text = JSON.stringify(data === undefined ? null : data); } catch (err) {
      refuse(event, 'the message cannot be read as JSON (' + (/BigInt/i.test(String(err)) ? 'it holds a BigInt' : 'it refers to itself') +
                    "): send plain data, {type: 'gradflow', id, method, args}");
      return;
    }
    send(event, JSON.parse(call(text)));
  }

  function send(event, reply) {
    if (event.source && typeof event.source.postMessage === 'function')
      event.source.postMessage(reply, event.origin && event.origin !== 'null' ? event.origin : '*');
  }
  // An error reply the C++ side never saw; it keeps the request's id when there is a usable one.
  function refuse(event, error) {
    const data = event.data;
    const id = data && typeof data === 'object' && (typeof data.id === 'number' || typeof data.id === 'string') ? data.id : null;
    send(event, { type: 'gradflow', id, error });
  }

  window.addEventListener('message', (event) => {
    if (event.source === window || !ours(event.data)) return;
    if (failure) refuse(event, failure);
    else if (call) answer(event);
    else if (early.length < MAX_EARLY) early.push(event);
    else refuse(event, 'gradflow is still loading and already holds ' + MAX_EARLY + " requests: wait for its 'ready' event, then send this again");
  });

  const api = {
    ready,
    problems: [],
    getState: () => request('getState', []),
    getConfig: () => request('getConfig', []),
    setConfig: (config) => request('setConfig', [config]),
    play: () => request('play', []),
    pause: () => request('pause', []),
    step: () => request('step', []),
    seek: (t) => request('seek', [t]),
    focus: (name) => request('focus', [name === undefined ? null : name]),
    derivation: (name, format) => request('derivation', format === undefined ? [name] : [name, format]),
    nodePositions: () => request('nodePositions', []),
    shareUrl: () => request('shareUrl', []),
    embedSnippet: () => request('embedSnippet', []),
    on(name, fn) { (listeners[name] || (listeners[name] = [])).push(fn); return () => api.off(name, fn); },
    off(name, fn) { const l = listeners[name] || []; const i = l.indexOf(fn); if (i >= 0) l.splice(i, 1); },
  };
  window.gradflow = api;

  // Called from C++ (src/platform/web_api.cpp, EM_JS) once the link's state is applied.
  window.gradflowBridge = {
    ready(Module, info) {
      call = Module.cwrap('gradflow_api', 'string', ['string']);
      api.problems = info.problems || [];
      if (window.gradflowPage) window.gradflowPage.started(info);
      resolveReady(info);
      emit({ type: 'gradflow', event: 'ready', problems: api.problems });
      for (const event of early.splice(0)) answer(event);
    },
    emit(events) { for (const e of events) emit(e); },
    // Called by the page shell when gradflow cannot run here (no WebGL 2, download failed, …).
    fail(message) {
      failure = message;
      rejectReady(new Error(message));
      for (const event of early.splice(0)) refuse(event, message);
      if (embedded) window.parent.postMessage({ type: 'gradflow', event: 'error', error: message }, '*');
    },
  };
})();
