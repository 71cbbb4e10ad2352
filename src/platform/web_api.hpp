// The page's side door into the app: the link's state at start-up, the JavaScript API
// (window.gradflow and postMessage, web/gradflow-api.js) and its events.
//
// All logic lives in src/embed (pure, tested natively); this file only adapts gf::ui::App and its
// Session to gf::embed::ApiTarget and moves strings across the JS/wasm boundary. Natively the
// calls do nothing.
#pragma once

#include <string>

namespace gf {
class PlaneEvaluator;
}
namespace gf::ui {
class App;
}

namespace gf::web {

// Reads location.search / location.hash and prefers-reduced-motion, applies them to the app,
// shows any problems with the link on the page, and resolves window.gradflow.ready.
void start(gf::ui::App& app);

// Once per frame after App::frame(): sends phase/focus change events to JS listeners and the
// embedding page.
void after_frame();

// Called after every request through gradflow_api (window.gradflow, postMessage): the platform
// wakes its loop, since the request may have changed what is shown. Null: nothing is called.
void set_wake(void (*wake)());

// The GPU plane evaluator the platform made (null: none, `why` says why), for the page's test hook
// gradflow_test_plane, which compares it with the CPU whichever of them the Session uses.
void set_plane_evaluator(PlaneEvaluator* gpu, std::string why);

} // namespace gf::web
