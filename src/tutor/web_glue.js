// Appended to gradflow-tutor.js (--extern-post-js, cmake/Emscripten.cmake): what checkWorking
// does once the tutor module is here — the checks on its arguments, the copy into the module's
// heap and the call to gf_tutor_check (src/tutor/web_entry.cpp). It travels with the module so
// the page (web/gradflow-api.js) carries only the loader.
//
//   GradflowTutor.check(M, text, options, getConfig) → the report as JSON text; throws in words.
//   getConfig() gives the page's config now; its samples[0] is the one the page shows.
'use strict';
GradflowTutor.check = function (M, text, options, getConfig) {
  const kindOf = (v) => v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' :
                        typeof v === 'string' ? 'a string' : typeof v === 'number' ? 'a number' : typeof v;
  if (typeof text !== 'string')
    throw new Error('checkWorking(text): the working must be a string, one quantity per line ' +
                    '(e.g. "a_12 = 0.3*2 + 0.2*5"), not ' + kindOf(text));
  let tolerance = 1e-3;
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object' || Array.isArray(options))
      throw new Error('checkWorking(text, options): options must be an object like {tolerance: 0.001}, not ' + kindOf(options));
    if (options.tolerance !== undefined) tolerance = options.tolerance;
  }
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance <= 0 || tolerance >= 1)
    throw new Error('checkWorking(): tolerance must be a relative tolerance, a number above 0 and below 1 ' +
                    '(e.g. 0.001 for 0.1%), not ' + (typeof tolerance === 'number' ? String(tolerance) : kindOf(tolerance)));
  // Measured before anything is copied into the module's memory.
  const bytes = M.lengthBytesUTF8(text);
  const maxBytes = M._gf_tutor_max_text_bytes();
  if (bytes > maxBytes)
    throw new Error('checkWorking(): the working is ' + bytes.toLocaleString('en') + ' bytes; the limit is ' +
                    maxBytes.toLocaleString('en') + ' (64 KiB): check a part of it at a time');
  const heap = (s) => {
    const n = M.lengthBytesUTF8(s) + 1;
    const p = M._malloc(n);
    if (p) M.stringToUTF8(s, p, n);
    return p;
  };
  const pc = heap(JSON.stringify(getConfig()));
  const pt = heap(text);
  try {
    if (!pc || !pt) throw new Error('checkWorking(): the tutor could not set aside memory for this network; reload the page');
    const r = M._gf_tutor_check(pc, 0, pt, tolerance);
    if (!r) throw new Error('checkWorking(): the tutor ran out of memory; reload the page');
    const reply = M.UTF8ToString(r);
    M._free(r);
    if (reply.startsWith('{"error":')) throw new Error('checkWorking(): ' + JSON.parse(reply).error);
    return reply;
  } finally {
    if (pc) M._free(pc);
    if (pt) M._free(pt);
  }
};
