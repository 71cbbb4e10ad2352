// [SECTION] Events and their queue
// [SECTION] DOM handlers
// [SECTION] Per frame
#include "platform/web_input.hpp"

#include "platform/loop.hpp"

#include "imgui.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace gf::platform::web {
namespace {

// -----------------------------------------------------------------------------------------------
// [SECTION] Events and their queue
// -----------------------------------------------------------------------------------------------

constexpr const char* kCanvas = "#canvas";

// Key and text events wait in a queue for the frame (the hold rule needs their order); the mouse
// is state, read once per frame as SDL_GetMouseState was.
struct Event {
    enum Kind { Key, Text, Focus } kind = Key;
    bool down = false;   // Key: down; Focus: gained
    bool repeat = false; // Key: auto-repeat
    int key = -1;        // Key: the ImGuiKey it maps to, or -1
    int code = 0;        // Key: the physical key (an index into Input::codes)
    bool ctrl = false, shift = false, alt = false, super = false;
    unsigned int character = 0; // Text
};

struct Input {
    void (*wake)() = nullptr;
    std::vector<Event> queue;               // since the last frame
    std::vector<Event> held;                // waiting for the next frame
    std::vector<std::string> codes;         // KeyboardEvent.code of every physical key seen
    std::vector<int> down_codes;            // keys down now (a blur releases them)
    bool focused = true;                    // the window has the keyboard (SDL: one window, focused at start)
    int mouse_x = 0, mouse_y = 0;           // last position over the canvas, CSS pixels
    bool buttons[3] = {};                   // held now
    bool pressed[3] = {};                   // pressed since the last frame (a click shorter than a frame)
    float wheel_acc_x = 0, wheel_acc_y = 0; // wheel steps not yet whole
    float wheel_x = 0, wheel_y = 0;         // whole steps since the last frame
    long touch_mouse = -1;                  // the touch that drives the mouse, or -1
    float pinch_spread = -1;                // two fingers down: their distance, touch-device units
    float pinch_wheel = 0;                  // the pinch's zoom since the last frame, wheel steps
    ImGuiMouseCursor cursor = -2;           // the CSS cursor set last (-2: none yet)
    bool interacted = false;                // a key, the mouse, the wheel or a touch has been used
};

Input& input()
{
    static Input in;
    return in;
}

int code_index(const char* code)
{
    std::vector<std::string>& codes = input().codes;
    for (std::size_t i = 0; i < codes.size(); ++i)
        if (codes[i] == code) return int(i);
    codes.emplace_back(code);
    return int(codes.size()) - 1;
}

// KeyboardEvent.code → the keys ImGui 1.86 asks about (the physical key, as SDL's scancodes).
int imgui_key(const char* code)
{
    struct Map {
        const char* code;
        int key;
    };
    static const Map kMap[] = {
        {"Tab", ImGuiKey_Tab},
        {"ArrowLeft", ImGuiKey_LeftArrow},
        {"ArrowRight", ImGuiKey_RightArrow},
        {"ArrowUp", ImGuiKey_UpArrow},
        {"ArrowDown", ImGuiKey_DownArrow},
        {"PageUp", ImGuiKey_PageUp},
        {"PageDown", ImGuiKey_PageDown},
        {"Home", ImGuiKey_Home},
        {"End", ImGuiKey_End},
        {"Insert", ImGuiKey_Insert},
        {"Delete", ImGuiKey_Delete},
        {"Backspace", ImGuiKey_Backspace},
        {"Space", ImGuiKey_Space},
        {"Enter", ImGuiKey_Enter},
        {"Escape", ImGuiKey_Escape},
        {"NumpadEnter", ImGuiKey_KeyPadEnter},
        {"KeyA", ImGuiKey_A},
        {"KeyC", ImGuiKey_C},
        {"KeyV", ImGuiKey_V},
        {"KeyX", ImGuiKey_X},
        {"KeyY", ImGuiKey_Y},
        {"KeyZ", ImGuiKey_Z},
    };
    for (const Map& m : kMap)
        if (std::strcmp(m.code, code) == 0) return m.key;
    return -1;
}

// The keys whose keydown the page keeps from the browser, as SDL did: Backspace and Tab (Chrome
// would navigate), the arrows, F1–F15, and anything with Ctrl. Other keydowns go through so the
// browser makes the keypress that carries the character.
bool is_nav_key(const EmscriptenKeyboardEvent& e)
{
    if (e.ctrlKey) return true;
    static const char* const kNav[] = {"Backspace", "Tab", "ArrowLeft", "ArrowUp", "ArrowRight", "ArrowDown"};
    for (const char* k : kNav)
        if (std::strcmp(e.code, k) == 0) return true;
    if (e.code[0] == 'F' && e.code[1] >= '1' && e.code[1] <= '9') {
        const int n = std::atoi(e.code + 1);
        return n >= 1 && n <= 15;
    }
    return false;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] DOM handlers
// -----------------------------------------------------------------------------------------------

void woke()
{
    if (input().wake) input().wake();
}

// The reader did something (not a focus change or a resize): woke(), and remembered.
void acted()
{
    input().interacted = true;
    woke();
}

void css_size(double& w, double& h)
{
    w = h = 0;
    emscripten_get_element_css_size(kCanvas, &w, &h);
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void*)
{
    Input& in = input();
    if (e->code[0] != '\0') {
        Event ev;
        ev.kind = Event::Key;
        ev.down = type == EMSCRIPTEN_EVENT_KEYDOWN;
        ev.repeat = e->repeat != 0;
        ev.key = imgui_key(e->code);
        ev.code = code_index(e->code);
        ev.ctrl = e->ctrlKey;
        ev.shift = e->shiftKey;
        ev.alt = e->altKey;
        ev.super = e->metaKey;
        in.queue.push_back(ev);
        std::erase(in.down_codes, ev.code);
        if (ev.down) in.down_codes.push_back(ev.code);
        acted();
    }
    // Text input is always on (as SDL's was): a keydown that may make a character goes through.
    return type == EMSCRIPTEN_EVENT_KEYDOWN ? is_nav_key(*e) : EM_TRUE;
}

EM_BOOL on_keypress(int, const EmscriptenKeyboardEvent* e, void*)
{
    // Control characters (Enter's \r, Backspace) are keys, not text, as SDL sends them.
    const unsigned int c = unsigned(e->charCode);
    if (c >= 0x20 && c != 0x7F && c <= 0x10FFFF) {
        Event ev;
        ev.kind = Event::Text;
        ev.character = c;
        input().queue.push_back(ev);
        acted();
    }
    return EM_TRUE;
}

EM_BOOL on_focus(int type, const EmscriptenFocusEvent*, void*)
{
    Input& in = input();
    // Keys released while the window had no focus are never heard: let them go now (SDL_ResetKeyboard).
    if (type == EMSCRIPTEN_EVENT_BLUR) {
        for (int code : in.down_codes) {
            Event up;
            up.kind = Event::Key;
            up.code = code;
            up.key = imgui_key(in.codes[std::size_t(code)].c_str());
            in.queue.push_back(up);
        }
        in.down_codes.clear();
    }
    Event ev;
    ev.kind = Event::Focus;
    ev.down = type == EMSCRIPTEN_EVENT_FOCUS;
    in.queue.push_back(ev);
    woke();
    return EM_TRUE;
}

void move_mouse(long x, long y)
{
    input().mouse_x = int(x);
    input().mouse_y = int(y);
}

EM_BOOL on_mouse_move(int, const EmscriptenMouseEvent* e, void*)
{
    move_mouse(e->targetX, e->targetY);
    acted();
    return EM_FALSE;
}

// Enter and leave: the position where the mouse crossed the edge.
EM_BOOL on_mouse_edge(int, const EmscriptenMouseEvent* e, void*)
{
    move_mouse(e->targetX, e->targetY);
    acted();
    return EM_TRUE;
}

EM_BOOL on_mouse_button(int type, const EmscriptenMouseEvent* e, void*)
{
    static const int kButton[3] = {0, 2, 1}; // DOM: left, middle, right → ImGui: left, right, middle
    if (e->button > 2) return EM_FALSE;
    Input& in = input();
    const int b = kButton[e->button];
    const bool down = type == EMSCRIPTEN_EVENT_MOUSEDOWN;
    in.buttons[b] = down;
    if (down) in.pressed[b] = true;
    acted();
    // The canvas keeps its own clicks; a release outside it (mouseup is heard on the document, so
    // a drag that leaves the canvas ends) is left to the page.
    double w = 0, h = 0;
    css_size(w, h);
    return e->targetX >= 0 && e->targetX < w && e->targetY >= 0 && e->targetY < h;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*)
{
    // A notch is about 100 px or 3 lines; a page is many notches. Fractions (a trackpad's small
    // deltas) add up until they make a step, so slow scrolling still scrolls.
    double dy = e->deltaY;
    switch (e->deltaMode) {
    case DOM_DELTA_PIXEL: dy /= 100.0; break;
    case DOM_DELTA_LINE: dy /= 3.0; break;
    case DOM_DELTA_PAGE: dy *= 80.0; break;
    default: break;
    }
    Input& in = input();
    in.wheel_acc_y += float(-dy);
    in.wheel_acc_x += float(e->deltaX);
    const float steps_y = std::trunc(in.wheel_acc_y), steps_x = std::trunc(in.wheel_acc_x);
    in.wheel_acc_y -= steps_y;
    in.wheel_acc_x -= steps_x;
    // ImGui's SDL backend took one step per wheel event, whatever its size.
    if (steps_y != 0.0f) in.wheel_y += steps_y > 0.0f ? 1.0f : -1.0f;
    if (steps_x != 0.0f) in.wheel_x += steps_x > 0.0f ? 1.0f : -1.0f;
    acted();
    return EM_TRUE;
}

// One finger drives the mouse (a tap clicks, a drag drags), as SDL turned touches into mouse
// events; two fingers pinch-zoom.
EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*)
{
    Input& in = input();
    double w = 0, h = 0;
    css_size(w, h);
    if (w <= 0 || h <= 0) return EM_FALSE;
    bool prevent = false;
    for (int i = 0; i < e->numTouches; ++i) {
        const EmscriptenTouchPoint& t = e->touches[i];
        if (!t.isChanged) continue;
        if (type == EMSCRIPTEN_EVENT_TOUCHSTART) {
            if (in.touch_mouse < 0) {
                in.touch_mouse = t.identifier;
                move_mouse(t.targetX, t.targetY);
                in.buttons[0] = true;
                in.pressed[0] = true;
            }
            prevent = true; // no scrolling or browser zoom over the canvas
        } else if (type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
            if (t.identifier == in.touch_mouse) move_mouse(t.targetX, t.targetY);
        } else {
            if (t.identifier == in.touch_mouse) {
                in.buttons[0] = false;
                in.touch_mouse = -1;
            }
            prevent = true; // no emulated mousedown/mouseup after the touch
        }
    }
    // The pinch: the change in the two fingers' distance (x and y in canvas widths and heights),
    // half of it per finger as SDL's multigesture measured it from their centre.
    int down = 0;
    float px[2] = {}, py[2] = {};
    for (int i = 0; i < e->numTouches && down < 3; ++i) {
        const EmscriptenTouchPoint& t = e->touches[i];
        const bool lifted = t.isChanged && (type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL);
        if (lifted) continue;
        if (down < 2) {
            px[down] = float(double(t.targetX) / w);
            py[down] = float(double(t.targetY) / h);
        }
        ++down;
    }
    if (down == 2) {
        const float spread = std::hypot(px[1] - px[0], py[1] - py[0]);
        if (type == EMSCRIPTEN_EVENT_TOUCHMOVE && in.pinch_spread >= 0.0f)
            in.pinch_wheel += (spread - in.pinch_spread) * 0.5f * kPinchToWheel;
        in.pinch_spread = spread;
    } else {
        in.pinch_spread = -1.0f;
    }
    acted();
    return prevent;
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*)
{
    woke();
    return EM_FALSE;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Per frame
// -----------------------------------------------------------------------------------------------

// clang-format off
EM_JS(void, gf_js_set_cursor, (const char* name), {
    var canvas = document.getElementById('canvas');
    if (canvas) canvas['style']['cursor'] = UTF8ToString(name);
});
// clang-format on

const char* css_cursor(ImGuiMouseCursor c)
{
    switch (c) {
    case ImGuiMouseCursor_None: return "none";
    case ImGuiMouseCursor_TextInput: return "text";
    case ImGuiMouseCursor_ResizeAll: return "move";
    case ImGuiMouseCursor_ResizeNS: return "ns-resize";
    case ImGuiMouseCursor_ResizeEW: return "ew-resize";
    case ImGuiMouseCursor_ResizeNESW: return "nesw-resize";
    case ImGuiMouseCursor_ResizeNWSE: return "nwse-resize";
    case ImGuiMouseCursor_Hand: return "pointer";
    case ImGuiMouseCursor_NotAllowed: return "not-allowed";
    default: return "default";
    }
}

void apply(const Event& e)
{
    ImGuiIO& io = ImGui::GetIO();
    switch (e.kind) {
    case Event::Key:
        if (e.key >= 0) io.KeysDown[e.key] = e.down;
        io.KeyCtrl = e.ctrl;
        io.KeyShift = e.shift;
        io.KeyAlt = e.alt;
        io.KeySuper = e.super;
        break;
    case Event::Text: io.AddInputCharacter(e.character); break;
    case Event::Focus:
        input().focused = e.down;
        io.AddFocusEvent(e.down);
        break;
    }
}

KeyEventView view(const Event& e)
{
    KeyEventView v;
    v.is_key = e.kind == Event::Key;
    v.is_text = e.kind == Event::Text;
    v.is_down = e.down;
    v.repeat = e.repeat;
    v.key = e.code;
    return v;
}

} // namespace

void install_input(void (*wake)())
{
    input().wake = wake;
    ImGuiIO& io = ImGui::GetIO();
    io.BackendPlatformName = "gradflow_html5";
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k; // KeysDown is indexed by ImGuiKey

    const char* const window = EMSCRIPTEN_EVENT_TARGET_WINDOW;
    const char* const document = EMSCRIPTEN_EVENT_TARGET_DOCUMENT;
    emscripten_set_mousemove_callback(kCanvas, nullptr, EM_FALSE, on_mouse_move);
    emscripten_set_mousedown_callback(kCanvas, nullptr, EM_FALSE, on_mouse_button);
    emscripten_set_mouseup_callback(document, nullptr, EM_FALSE, on_mouse_button);
    emscripten_set_mouseenter_callback(kCanvas, nullptr, EM_FALSE, on_mouse_edge);
    emscripten_set_mouseleave_callback(kCanvas, nullptr, EM_FALSE, on_mouse_edge);
    emscripten_set_wheel_callback(kCanvas, nullptr, EM_FALSE, on_wheel);
    emscripten_set_focus_callback(window, nullptr, EM_FALSE, on_focus);
    emscripten_set_blur_callback(window, nullptr, EM_FALSE, on_focus);
    emscripten_set_touchstart_callback(kCanvas, nullptr, EM_FALSE, on_touch);
    emscripten_set_touchend_callback(kCanvas, nullptr, EM_FALSE, on_touch);
    emscripten_set_touchmove_callback(kCanvas, nullptr, EM_FALSE, on_touch);
    emscripten_set_touchcancel_callback(kCanvas, nullptr, EM_FALSE, on_touch);
    emscripten_set_keydown_callback(window, nullptr, EM_FALSE, on_key);
    emscripten_set_keyup_callback(window, nullptr, EM_FALSE, on_key);
    emscripten_set_keypress_callback(window, nullptr, EM_FALSE, on_keypress);
    emscripten_set_resize_callback(window, nullptr, EM_FALSE, on_resize);
}

CanvasSize update_canvas_size()
{
    double css_w = 0, css_h = 0;
    css_size(css_w, css_h);
    const double ratio = emscripten_get_device_pixel_ratio();
    CanvasSize s;
    s.css_w = int(css_w);
    s.css_h = int(css_h);
    s.fb_w = int(css_w * ratio);
    s.fb_h = int(css_h * ratio);
    int now_w = 0, now_h = 0;
    emscripten_get_canvas_element_size(kCanvas, &now_w, &now_h);
    if (now_w != s.fb_w || now_h != s.fb_h) emscripten_set_canvas_element_size(kCanvas, s.fb_w, s.fb_h);
    return s;
}

bool process_events()
{
    Input& in = input();
    std::vector<Event> events;
    events.swap(in.held);
    events.insert(events.end(), in.queue.begin(), in.queue.end());
    in.queue.clear();
    std::vector<int> changed;
    for (const Event& e : events) {
        if (hold_for_next_frame(view(e), changed, !in.held.empty())) {
            in.held.push_back(e);
            continue;
        }
        apply(e);
    }
    return events.size() > in.held.size();
}

bool keys_held() { return !input().held.empty(); }

bool interacted() { return input().interacted; }

void new_frame(const CanvasSize& size, bool hold_input)
{
    Input& in = input();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(size.css_w), float(size.css_h));
    if (size.css_w > 0 && size.css_h > 0)
        io.DisplayFramebufferScale = ImVec2(float(size.fb_w) / float(size.css_w), float(size.fb_h) / float(size.css_h));

    if (hold_input) { // ImGui sees no mouse; presses, wheel steps and the position wait
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        for (bool& down : io.MouseDown) down = false;
        return;
    }
    // A press shorter than a frame still counts as held for this one.
    for (int b = 0; b < 3; ++b) {
        io.MouseDown[b] = in.pressed[b] || in.buttons[b];
        in.pressed[b] = false;
    }
    io.MouseWheel += in.wheel_y + in.pinch_wheel;
    io.MouseWheelH += in.wheel_x;
    in.wheel_x = in.wheel_y = in.pinch_wheel = 0.0f;
    io.MousePos = in.focused ? ImVec2(float(in.mouse_x), float(in.mouse_y)) : ImVec2(-FLT_MAX, -FLT_MAX);

    if (!(io.ConfigFlags & ImGuiConfigFlags_NoMouseCursorChange)) {
        const ImGuiMouseCursor cursor = io.MouseDrawCursor ? ImGuiMouseCursor_None : ImGui::GetMouseCursor();
        if (cursor != in.cursor) {
            in.cursor = cursor;
            gf_js_set_cursor(css_cursor(cursor));
        }
    }
}

} // namespace gf::platform::web
