// The page's Dear ImGui platform backend, on Emscripten's html5 API (no SDL): mouse, touch,
// wheel, keys and text, focus, the canvas's size and devicePixelRatio, and CSS cursors. It
// reproduces what SDL2's Emscripten port and ImGui 1.86's SDL backend did together, so the page
// behaves as before: the same events are listened for on the same targets, the same ones have
// their default prevented, touches drive the mouse as SDL's did, and a pinch zooms.
#pragma once

namespace gf::platform::web {

// Listens on #canvas, the document and the window. `wake` is called from inside every DOM event
// handler, so a paused loop resumes before the browser's next animation frame.
void install_input(void (*wake)());

// The canvas's size in CSS pixels (ImGui's display size) and in device pixels (the drawing
// buffer, resized here to follow the CSS size and devicePixelRatio).
struct CanvasSize {
    int css_w = 0, css_h = 0;
    int fb_w = 0, fb_h = 0;
};
CanvasSize update_canvas_size();

// Hands the events that came since the last frame to ImGui — at most one change per key per
// frame (loop.hpp: hold_for_next_frame); the rest wait. True when any event was handed over.
bool process_events();
bool keys_held(); // some key events wait for the next frame
// The reader has used a key, the mouse, the wheel or a touch since the page started.
bool interacted();

// Before ImGui::NewFrame: display size and scale, mouse position and buttons, the cursor. With
// `hold_input` ImGui sees no mouse this frame; what came waits for a frame without it.
void new_frame(const CanvasSize& size, bool hold_input = false);

} // namespace gf::platform::web
