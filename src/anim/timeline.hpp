// [SECTION] Timing and options
// [SECTION] Events
// [SECTION] Timeline
// [SECTION] Frame: what the renderer reads
// [SECTION] Building, sampling, stepping
//
// Time in, what is visible out. A Timeline is built once from a network and its Trace (and
// optionally the network after one SGD step and a focused node's PathSet); sample(timeline, t)
// is then a pure function of (timeline, t), so scrubbing and stepping back are exact. Time is
// seconds at speed 1; the app owns the clock and passes t in (see transport.hpp).
//
// The story, in order (each section optional, see TimelineOptions):
//   inputs     x is shown
//   forward    layer by layer: pulses along every weight edge carry w·h to the target, which
//              reveals a = Σ w·h + b, then h = f(a); then a_L → ŷ (the Jacobian edges for
//              softmax), then ŷ → L and the loss
//   backward   L → ŷ carries ∂L/∂ŷ; ŷ_i → a_Lk carries ∂L/∂ŷ_i · ∂ŷ_i/∂a_Lk and a_L reveals
//              ∂L/∂a; then layer by layer from the top, each weight edge carries ∂L/∂a_lj · w_ljk
//              back toward h_{l-1,k} and settles into showing ∂L/∂w_ljk; the sources reveal
//              ∂L/∂h, then ∂L/∂a (inputs reveal ∂L/∂x)
//   walk       each listed path of the focus in turn, hop by hop, the running product revealed
//              after each hop, then the sum of the paths
//   update     weights and biases move old → new (−η·dW), then the loss after the step
#pragma once

#include "anim/graph.hpp"
#include "core/paths.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gf::anim {

// -----------------------------------------------------------------------------------------------
// [SECTION] Timing and options
// -----------------------------------------------------------------------------------------------

struct Timing {
    double intro = 0.5;   // inputs alone on screen before the first pulse
    double travel = 0.8;  // a pulse crossing one gap
    double linger = 0.25; // a pulse fading out at its target
    double reveal = 0.5;  // window in which one column reveals one value, neuron by neuron
    double fade = 0.15;   // a revealed value fading in (0 with reduced motion)
    double pause = 0.2;   // breath between steps
    double hop = 0.6;     // one hop of a path walk
    double update = 1.2;  // weights moving old → new
};

struct TimelineOptions {
    Timing timing;
    bool forward = true;
    bool backward = true;          // needs forward's values on screen, so forward is implied
    bool walk = true;              // only when a focus PathSet is given
    bool update = true;            // only when a next network is given
    int max_walk_paths = 16;       // paths walked (the PathSet lists the largest first)
    int max_visible = kMaxVisible; // see graph.hpp
};

// What a timeline is built from. Everything is copied; the pointers need only live during
// make_timeline().
struct TimelineInput {
    const Network* net = nullptr;     // required
    const Trace* trace = nullptr;     // required: forward_backward(*net, sample)
    const Network* next = nullptr;    // after one SGD step: enables the update section
    std::optional<double> loss_after; // the loss of *next on the sample; computed when unset
    const PathSet* focus = nullptr;   // a focused node's paths: highlights and the walk
};

// -----------------------------------------------------------------------------------------------
// [SECTION] Events
// -----------------------------------------------------------------------------------------------

enum class Section : std::uint8_t { none, inputs, forward, backward, walk, update, done };

struct Event {
    std::string name;   // "forward layer 1", "a_21 revealed", "loss", "update"
    double start = 0.0; // seconds
    double end = 0.0;   // == start for an instant (a value revealed)
    Section section = Section::none;
    bool major = false; // a phase (coarse stepping, phase_at) rather than one reveal/hop
    int layer = -1;     // the 0-based layer it concerns, -1 when none
};

// -----------------------------------------------------------------------------------------------
// [SECTION] Timeline
// -----------------------------------------------------------------------------------------------
// Public so that tests and the renderer can read the schedule; build it with make_timeline().

// Per node: its values and when each is revealed (+inf: never).
struct NodeTrack {
    double a = 0, h = 0, da = 0, dh = 0;                         // values; see NodeFrame for which apply
    double b_old = 0, b_new = 0;                                 // neurons' bias before/after the update
    double t_a = 1e300, t_h = 1e300, t_da = 1e300, t_dh = 1e300; // reveal times
};

// Per edge: the values it carries and shows. Its pulse times are per gap (GapTrack).
struct EdgeTrack {
    double value_old = 0; // weight (weight edges), ∂ŷ_i/∂a_Lk (activation), ∂L/∂ŷ_i (loss)
    double value_new = 0; // after the update (= value_old for non-weight edges)
    double grad = 0;      // ∂L/∂w (weight), ∂L/∂ŷ_i·∂ŷ_i/∂a_Lk (activation), ∂L/∂ŷ_i (loss)
    double fwd_carry = 0; // forward pulse value: w·h, a_Lk, ŷ_i
    double bwd_carry = 0; // backward pulse value: ∂L/∂a_lj·w_ljk, = grad for the others
    int gap = 0;
};

struct GapTrack {
    double fwd_start = 1e300; // forward pulses leave the sources
    double bwd_start = 1e300; // backward pulses leave the targets; edges settle at +travel
};

// One hop of a walked path.
struct WalkHop {
    int edge = -1;        // edge traversed (source → target), -1 for a hop inside a node
    int node = -1;        // node reached
    double running = 0.0; // product of the path's local derivatives up to this hop
    double start = 0.0;
};
struct WalkPath {
    std::vector<WalkHop> hops;
    int start_edge = -1;  // the path's start when it is a weight (an edge)
    int start_node = -1;  // … or a node
    double product = 0.0; // = hops.back().running = PathSet's product
    double start = 0.0, end = 0.0;
};

struct Timeline {
    Graph graph;
    std::vector<Event> events;     // sorted by start (then by end)
    std::vector<int> major_events; // indices of the major ones, in order
    double duration = 0.0;
    bool reduced_motion = false; // pulses jump, fades are steps; set freely
    Timing timing;

    std::vector<NodeTrack> node_tracks; // per graph node
    std::vector<EdgeTrack> edge_tracks; // per graph edge
    std::vector<GapTrack> gap_tracks;   // per gap

    double loss_before = 0.0;
    double loss_after = 0.0;
    double update_start = 1e300, update_end = 1e300; // no update: never
    double t_loss_after = 1e300;

    bool has_focus = false;
    NodeRef focus;
    std::vector<float> focus_node; // per node: 1 the focus, 0.35 on a listed path, else 0
    std::vector<float> focus_edge; // per edge: likewise (a weight focus is an edge)
    std::vector<WalkPath> walk;    // walked paths in order
    double walk_sum = 0.0;         // Σ product over walked paths, in order
    double t_walk_sum = 1e300;
};

// -----------------------------------------------------------------------------------------------
// [SECTION] Frame: what the renderer reads
// -----------------------------------------------------------------------------------------------

// Which fields apply by role:
//   input    h = x_k,  dh = ∂L/∂x_k
//   neuron   a, h, da, dh, b (hidden); output-layer neurons a, da, b only (their h is the ŷ node)
//   output   h = ŷ_i,  dh = ∂L/∂ŷ_i
//   loss     h = L (before the update; Frame::loss_after after it)
struct NodeFrame {
    double a = 0, h = 0, da = 0, dh = 0; // values; read one only where its show_* > 0
    double b = 0;                        // bias, moving during the update
    float show_a = 0, show_h = 0;        // 0 hidden … 1 shown (a fade-in in between)
    float show_da = 0, show_dh = 0;
    float highlight = 0; // 0 … 1: on a focus path 0.35; the focus, the walked path 1
};

struct Pulse {
    float pos = 0;       // 0 at the source node … 1 at the target, along the edge
    float alpha = 0;     // 0: no pulse on this edge
    std::int8_t dir = 0; // +1 forward (source → target), -1 backward
    double value = 0;    // what it carries
};

enum class EdgeShows : std::uint8_t {
    value,    // EdgeFrame::value: the weight (or the local derivative for non-weight edges)
    gradient, // EdgeFrame::grad: settled after the backward pulse arrived
};

struct EdgeFrame {
    double value = 0;    // displayed weight, old → new during the update
    double grad = 0;     // see EdgeTrack::grad
    Pulse pulse;         // at most one pulse per edge at any t
    float highlight = 0; // as NodeFrame::highlight
    EdgeShows shows = EdgeShows::value;
};

struct WalkFrame {
    int path = -1;                  // path being walked (index into Timeline::walk), -1 none
    int hop = -1;                   // hop in progress on that path
    float hop_progress = 0;         // 0 … 1
    std::vector<int> hops_revealed; // per walked path: running products shown so far
    int paths_done = 0;             // paths whose product is shown
    double partial_sum = 0;         // Σ of those products
    bool sum_revealed = false;      // the total (Timeline::walk_sum) is shown
};

struct Frame {
    double t = 0;
    int phase = -1; // index of the major event in effect, -1 before
    Section section = Section::none;
    std::vector<NodeFrame> nodes; // per graph node
    std::vector<EdgeFrame> edges; // per graph edge
    double loss_before = 0;
    double loss_after = 0;
    float show_loss = 0; // the loss node's h, as NodeFrame::show_h
    float show_loss_after = 0;
    float update_progress = 0; // 0 before … 1 after the weights moved
    WalkFrame walk;
};

// -----------------------------------------------------------------------------------------------
// [SECTION] Building, sampling, stepping
// -----------------------------------------------------------------------------------------------

// Asserts on a missing net/trace. The trace must come from forward_backward(*in.net, …).
Timeline make_timeline(const TimelineInput& in, const TimelineOptions& opt = {});

// Fills `out`, reusing its buffers: no allocation once `out` has been sampled from this timeline.
// t is clamped to [0, duration].
void sample(const Timeline& tl, double t, Frame& out);
Frame sample(const Timeline& tl, double t);

// Start of the first event after t (duration when none): step forward. major_only: phases only.
double next_event_time(const Timeline& tl, double t, bool major_only = false);
// Start of the last event before t (0 when none): step back.
double prev_event_time(const Timeline& tl, double t, bool major_only = false);
inline double duration(const Timeline& tl) { return tl.duration; }
// Index into tl.events of the major event in effect at t (the last one started), -1 before any.
int phase_index(const Timeline& tl, double t);
// Its name, "" before any.
std::string_view phase_at(const Timeline& tl, double t);
// Index of the first event whose name is `name`, -1 when none (tests, deep links).
int find_event(const Timeline& tl, std::string_view name);

} // namespace gf::anim
