// App::State: everything the visualizer knows, in one struct with nested parts (model, focus,
// anim, view, edit, train, panels), plus the functions that change it (model.cpp) and the
// panels that draw it (canvas.cpp, inspector.cpp, editor.cpp, transport_bar.cpp).
//
// The model is the only source of numbers: the core's Config/Trace/Derivation and the anim
// Timeline built from them. Panels read those; they never recompute the math. Everything that
// changes the network goes through the operations in model.cpp, so an edit, a pasted config,
// a training step and a future JS bridge all take the same road (validate → rebuild).
#pragma once

#include "ui/app.hpp"

#include "anim/timeline.hpp"
#include "anim/transport.hpp"
#include "core/config.hpp"
#include "core/derive.hpp"
#include "view/color.hpp"
#include "view/layout.hpp"

#include "imgui.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gf::ui {

// What an edge's colour and thickness stand for.
enum class ViewMode { weights, contributions, gradients };

struct App::State {
    struct Model {
        Config        config;              // the network shown; always valid
        std::string   preset;              // preset it came from ("" for a pasted/loaded config)
        Config        base;                // what "Reset" returns to
        Trace         trace;               // forward_backward(config.net, config.sample())
        Network       next;                // config.net after one training step (the update section)
        bool          next_ok = false;     // false: that step diverged, the timeline has no update
        std::string   next_message;        // why it diverged
        std::uint64_t revision = 0;        // bumps on every change of the network
    } model;

    struct Focus {
        bool        active = false;
        NodeRef     ref;
        std::string name;                  // node_name(ref)
        Derivation  deriv;                 // derive(): paths, factored chain, finite difference
        std::string text, markdown, latex; // format_derivation() in each format
        bool        show_shortcut = false; // "the notes' one-path shortcut" (diagonal_only_sum)
        std::string error;                 // the last focus() that was refused
    } focus;

    struct Anim {
        anim::Timeline  timeline;
        anim::Frame     frame;             // sample(timeline, transport.t), refreshed each frame
        anim::Transport transport;
        double          last_now = -1.0;   // FrameInput::now_s of the previous frame
        bool            pending_step = false;  // "Step" is animating; commit `next` when it ends
    } anim;

    struct View {
        ViewMode            mode = ViewMode::weights;
        view::Palette       palette = view::Palette::standard;
        view::Layout        layout;            // world = canvas-local pixels
        std::vector<int>    layout_key;        // sizes + softmax flag the layout was made for
        ImVec2              layout_size{0, 0}; // canvas size the layout was made for
        view::ViewTransform user;              // pan/zoom on top of the layout (identity = fit)
        ImVec2              canvas_min{0, 0}, canvas_max{0, 0};  // last frame's canvas, screen px
        view::Hit           hover;
        double              scale[3][3] = {};  // colour scale by [ViewMode][anim::EdgeRole]
        double              pulse_scale[2][3] = {};  // pulses: [0 forward, 1 backward][EdgeRole]
        std::vector<std::string> name_top, name_bottom;  // per graph node: "a_21" / "h_21" (or "" )
        bool                dragging = false;  // panning with the left button from empty space
        bool                glow = true;       // draw pulses' glow when the GPU pass is available
    } view;

    struct Edit {
        std::string json;                  // the "paste a config" box
        std::string path = "gradflow-config.json";  // native load/save
        int         seed = 1;              // for "Randomise weights"
        int         layer = 0;             // layer picked in the structure/parameter editors
        std::string message;               // the last refusal or confirmation, shown in the panel
        bool        message_is_error = false;
        int         param_filter = -1;     // parameter table: -1 all layers, else one layer
        std::string focus_pick;            // "Focus a parameter" combo's text
    } edit;

    struct Train {
        int                 steps = 200;   // "Train N steps"
        int                 remaining = 0; // > 0 while training runs, a chunk per frame
        std::vector<float>  history;       // loss before each step (for the plot)
        bool                diverged = false;
        std::string         message;
        std::optional<Config> restore;     // the network before this training run
    } train;

    struct Panels {
        bool  side_open = true;
        bool  inspector_open = true;
        bool  narrow = false;              // the window is too small for both side panels
        float dpi_scale = 1.0f;
        ImVec2 force_size{0, 0};           // dev: lay out as if the window were this size (GRADFLOW_DEMO size=)
    } panels;

    struct Share {
        std::function<std::string(bool)> provider;  // App::set_share_provider; empty natively
        std::string text;                  // the link or snippet last copied, shown in the popup
        bool        embed = false;         // which of the two `text` is
    } share;

    bool quit = false;
};

using State = App::State;

// --- model.cpp: the operations (each returns "" when done, else the reason it was refused) ----

std::string apply_config(State& s, Config c, std::string preset_name);   // validate + rebuild
std::string apply_config_edit(State& s, Config c);                      // keeps preset/base
std::string apply_network_edit(State& s, const Network& net);           // keeps samples etc.
std::string apply_sample_edit(State& s, const Sample& sample);
void        rebuild(State& s);                  // trace, next, derivation, timeline, scales
std::string set_focus(State& s, std::string_view name);
void        clear_focus(State& s);
std::string commit_step(State& s);              // config.net = next
void        start_step_animation(State& s);     // play the update section, then commit
std::string train_now(State& s, int steps);     // synchronous; divergence kept in s.train
void        train_tick(State& s);               // one chunk of a running "Train N steps"
bool        restore_training(State& s);
std::string apply_demo(State& s, std::string_view spec);
double      walk_start(const State& s);         // start of the path walk, -1 when none

// --- panels -------------------------------------------------------------------------------------

void draw_canvas(State& s, const FrameInput& in);        // canvas.cpp (child window: input + draw)
void draw_inspector(State& s);                            // inspector.cpp
void draw_editor(State& s);                               // editor.cpp
void draw_transport(State& s);                            // transport_bar.cpp

// --- small shared helpers (widgets.cpp) --------------------------------------------------------

ImU32       to_imu32(const view::Rgba& c, float alpha_scale = 1.0f);
std::string fmt(double v, int sig = 4);                   // format_number with a real minus sign
bool        input_text_multiline(const char* label, std::string& text, ImVec2 size, ImGuiInputTextFlags flags = 0);
bool        input_text(const char* label, std::string& text, ImGuiInputTextFlags flags = 0);
void        help_marker(const char* text);
void        same_line_if_fits(const char* next_label);  // SameLine() unless the next button would be cut off

} // namespace gf::ui
