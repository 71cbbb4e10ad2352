// [SECTION] Training by epochs: this frame's share
// [SECTION] The input plane: heatmap, points, a click picks the sample
// [SECTION] Controls: play, step, reset, epoch, loss curves
// [SECTION] The dataset's settings and CSV
// [SECTION] draw_data_panel
//
// The data panel (issue 8): Playground's heart beside the diagram. The plane shows the output over
// the input plane behind the data points; a click on a point makes it the sample the animation and
// every derivation use. Training runs whole epochs, time-boxed per frame, through the Session.
#include "ui/state.hpp"
#include "ui/theme.hpp"

#include "core/reshape.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace gf::ui {

namespace {

void say(State& s, std::string msg, bool error)
{
    s.edit.message = std::move(msg);
    s.edit.message_is_error = error;
}

view::Rgba mix(const view::Rgba& a, const view::Rgba& b, float t)
{
    return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t, 1.0f};
}

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] Training by epochs: this frame's share
// -----------------------------------------------------------------------------------------------

// While ▶ a frame trains at least as long as it draws (training gets half the time or more), and
// when drawing is quick it fills the frame up to a 30 frames/s period (on a real GPU the drawing
// takes a few ms, so ~85 % of the time trains). No frame trains longer than kMaxBudget, so a click
// on ⏸ waits at most that. (A software renderer drawing 1280×800 in ~50 ms now trains 50 ms a
// frame: 10 frames/s and twice the epochs of the old "half of a 30 ms cap".)
double training_budget_s(double draw_s)
{
    constexpr double kPeriod = 1.0 / 30.0, kMinBudget = 0.010, kMaxBudget = 0.050;
    if (!(draw_s >= 0.0)) return kMinBudget; // the first frame (no measurement yet) or a clock step back
    return std::clamp(std::max(kPeriod - draw_s, draw_s), kMinBudget, kMaxBudget);
}

// The one place besides the platform's frame clock that reads time: training is time-boxed by
// wall time (a fast machine trains more epochs per frame, a slow one stays responsive), which no
// frame clock can measure from inside the work.
void train_data_frame(State& s, double now_s)
{
    DataUi& d = s.data;
    if (!s.session.data_run().running) {
        d.window_start = -1;
        d.last_frame_at = -1;
        return;
    }
    using Clock = std::chrono::steady_clock;
    const auto clock = [] { return std::chrono::duration<double>(Clock::now().time_since_epoch()).count(); };
    // The last frame's time on everything but training (negative: no last frame, see the rule).
    const double draw_s = d.last_frame_at < 0 ? -1.0 : now_s - d.last_frame_at - d.train_budget_s;
    d.train_budget_s = training_budget_s(draw_s);
    d.last_frame_at = now_s;
    const int epochs = s.session.train_for(d.train_budget_s, clock);
    if (d.window_start < 0) d.window_start = now_s, d.epochs_window = 0;
    d.epochs_window += epochs;
    if (now_s - d.window_start >= 1.0) {
        d.epochs_per_s = d.epochs_window / (now_s - d.window_start);
        d.window_start = now_s;
        d.epochs_window = 0;
    }
    const DataRun& r = s.session.data_run();
    if (r.diverged) say(s, r.message, true);
}

namespace {

// -----------------------------------------------------------------------------------------------
// [SECTION] The input plane: heatmap, points, a click picks the sample
// -----------------------------------------------------------------------------------------------

view::Rgba heat_color(float v, double scale, const State& s, view::Theme theme)
{
    // Discretised: classification as its two classes (the sign of the score), regression in eight
    // flat bands of the scale, so the boundary is an edge rather than a gradient.
    if (s.settings.discretize) {
        if (scale == 1.0 && s.session.data_run().classification)
            v = v > 0 ? 1.0f : v < 0 ? -1.0f : 0.0f;
        else {
            constexpr double kBands = 8.0;
            const double t = std::clamp(double(v) / scale, -1.0, 1.0);
            v = float(scale * (std::floor(t * kBands * 0.5) + 0.5) / (kBands * 0.5));
        }
    }
    // Muted towards the canvas so the points (full colour) stand out on it.
    const view::Rgba c = view::color_for(v, scale, s.settings.palette, theme);
    return mix(view::theme_colors(theme).canvas_bg, c, 0.6f);
}

// The plane's header: what it shows, "output" or the focused parameter's "∂L/∂w_212". The choice
// is the person's: focusing a weight never switches it, but once on the gradient it follows the
// focus. Without a focused weight or bias the gradient button says what to do.
void plane_mode_selector(State& s)
{
    const Focus& f = s.session.focus();
    const bool param = f.active && f.ref.is_param();
    const std::string grad_label = "∂L/∂" + (param ? f.name : std::string("w")) + "##plane mode";
    ImGui::TextDisabled("plane:");
    ImGui::SameLine();
    if (ImGui::RadioButton("output##plane mode", !s.data.plane_gradient)) s.data.plane_gradient = false;
    note_widget(s, "plane output");
    ImGui::SameLine();
    if (ImGui::RadioButton(grad_label.c_str(), s.data.plane_gradient)) s.data.plane_gradient = true;
    note_widget(s, "plane gradient");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", param ? "Where in the data this parameter is pushed up or down: ∂L/∂ at every input"
                                      : "Focus a weight or bias on the diagram first");
}

// Under the gradient plane: its scale and target rule, and the next batch's gradient as the mean
// of its points' — the number the next step multiplies by η.
void grad_legend(State& s, const GradPlane& g)
{
    const Config& c = s.session.config();
    const bool classification = s.session.data().problem == Problem::classification;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("∂L/∂%s per input, colour scale ±%s (%d %% of the |∂L/∂%s| shown lie within it; larger ones "
                        "saturate; 0 neutral). A cell's target: the nearest training point's %s; each point uses its "
                        "own. A step moves %s by −η·∂L/∂%s.",
                        g.name.c_str(), fmt(g.scale, 3).c_str(), int(std::lround(kGradScalePercentile * 100)),
                        g.name.c_str(), classification ? "label" : "target", g.name.c_str(), g.name.c_str());
    // The number first: wrapped text may break after a '.', and a number split across two lines
    // ("−0." / "001034") misreads.
    const bool penalty = g.param.kind == NodeKind::weight && c.regularization != Regularization::none;
    std::string line = "batch gradient ∂J/∂" + g.name + " = " + fmt(penalty ? g.step_gradient : g.batch_mean) +
                       ": the mean of these " + std::to_string(g.batch.size()) +
                       (g.batch.size() == 1 ? " point's" : " points'") + " ∂L/∂" + g.name + " (squares)";
    if (penalty) line += ", " + fmt(g.batch_mean) + ", + λ·∂R/∂" + g.name + ", " + fmt(g.penalty);
    if (g.param.kind == NodeKind::bias && !c.train_biases) line += " (biases are not trained: no step)";
    ImGui::TextUnformatted(line.c_str());
    ImGui::PopTextWrapPos();
    note_widget(s, "batch gradient");
    s.data.batch_line = line;
}

void draw_plane(State& s, float side)
{
    Session& m = s.session;
    const bool refresh = plane_refresh_due(s, s.data.plane_at);
    plane_mode_selector(s);
    // The gradient view when asked for and a weight or bias is focused; else the output. It keeps
    // its own refresh clock: the canvas's neuron maps may have taken this frame's plane refresh.
    const GradPlane* grad = nullptr;
    if (s.data.plane_gradient) {
        const GradPlane& g = m.grad_plane(plane_refresh_due(s, s.data.grad_plane_at));
        if (g.ok) grad = &g;
    }
    const Plane& p = m.plane(refresh); // the neuron maps come from its passes, in either view
    const std::vector<float>& cells = grad ? grad->value : p.value;
    const double cell_scale = grad ? grad->scale : p.scale;
    const std::uint64_t cells_version = grad ? grad->version : p.version;
    const view::Theme theme = resolve_theme(s.settings.theme, s.settings.system_dark);
    const view::ThemeColors& tc = view::theme_colors(theme);
    const ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##plane", ImVec2(side, side));
    note_widget(s, "plane");
    const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 b(a.x + side, a.y + side);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    s.data.plane = view::Rect{{a.x, a.y}, {b.x, b.y}};
    if (!p.ok) {
        dl->AddRectFilled(a, b, to_imu32(tc.canvas_bg));
        const char* why = "This data is not a plane (it has more than two inputs).";
        ImGui::SetCursorScreenPos(ImVec2(a.x + 6, a.y + 6));
        ImGui::PushTextWrapPos(b.x - 6);
        ImGui::TextWrapped("%s", why);
        ImGui::PopTextWrapPos();
        ImGui::SetCursorScreenPos(ImVec2(a.x, b.y + ImGui::GetStyle().ItemSpacing.y));
        return;
    }

    // The heatmap: one texture, refilled when the weights (Plane::version) or the colours changed.
    DataUi& d = s.data;
    const bool stale = d.texture_of != cells_version || d.texture_gradient != (grad != nullptr) ||
                       d.texture_theme != theme || d.texture_palette != s.settings.palette ||
                       d.texture_discrete != s.settings.discretize;
    if (stale) {
        d.pixels.resize(std::size_t(p.n) * std::size_t(p.n) * 4);
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const view::Rgba c = heat_color(cells[i], cell_scale, s, theme);
            d.pixels[4 * i + 0] = (unsigned char)std::lround(c.r * 255.0f);
            d.pixels[4 * i + 1] = (unsigned char)std::lround(c.g * 255.0f);
            d.pixels[4 * i + 2] = (unsigned char)std::lround(c.b * 255.0f);
            d.pixels[4 * i + 3] = 255;
        }
        d.texture_of = cells_version;
        d.texture_gradient = grad != nullptr;
        d.texture_theme = theme;
        d.texture_palette = s.settings.palette;
        d.texture_discrete = s.settings.discretize;
        if (s.textures) d.texture = s.textures->update(d.texture, p.n, p.n, d.pixels.data());
    }
    if (s.textures && d.texture) {
        dl->AddImage(d.texture, a, b);
    } else { // no texture: the same cells as rectangles
        const float cell = side / float(p.n);
        for (int r = 0; r < p.n; ++r)
            for (int c = 0; c < p.n; ++c) {
                const unsigned char* px = &d.pixels[(std::size_t(r) * std::size_t(p.n) + std::size_t(c)) * 4];
                dl->AddRectFilled(ImVec2(a.x + c * cell, a.y + r * cell),
                                  ImVec2(a.x + (c + 1) * cell, a.y + (r + 1) * cell),
                                  IM_COL32(px[0], px[1], px[2], 255));
            }
    }
    dl->AddRect(a, b, to_imu32(tc.node_rim));

    // The points: training points filled, test points outlined, the chosen one ringed in the
    // focus colour. Their colour is their label (classification) or target (regression).
    const Dataset& data = m.data();
    const DataRun& run = m.data_run();
    const float rad = std::clamp(side / 90.0f, 2.0f, 4.0f);
    const auto to_screen = [&](double x1, double x2) {
        return ImVec2(a.x + float((x1 - p.x_min) / (p.x_max - p.x_min)) * side,
                      a.y + float((p.y_max - x2) / (p.y_max - p.y_min)) * side);
    };
    // Train points are filled dots, test points rings (shape, not only colour, tells them apart).
    // Each carries a thin outline in the canvas colour (dark on dark, white on white: never a heavy
    // black line on a light page), so a point stays visible on its own class's region.
    const ImU32 rim = to_imu32(tc.canvas_bg, 0.9f);
    const std::size_t tn = std::size_t(data.targets);
    std::size_t nearest = std::numeric_limits<std::size_t>::max();
    float nearest_d2 = 10.0f * 10.0f; // a click within 10 px picks a point
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    dl->PushClipRect(a, b, true);
    for (std::size_t i = 0; i < data.size(); ++i) {
        const ImVec2 at = to_screen(data.x[2 * i], data.x[2 * i + 1]);
        const bool train = i < data.train_count;
        const double shade = grad ? grad->point[i] : data.t[i * tn];
        const ImU32 col = to_imu32(view::color_for(shade, cell_scale, s.settings.palette, theme));
        if (train) {
            dl->AddCircleFilled(at, rad, col, 12);
            dl->AddCircle(at, rad, rim, 12, 1.0f);
        } else {
            dl->AddCircle(at, rad + 0.3f, rim, 12, 3.0f);
            dl->AddCircle(at, rad + 0.3f, col, 12, 1.5f);
        }
        const bool chosen = run.point_chosen && run.point == i;
        s.data.points.push_back({i, chosen ? "chosen" : train ? "train" : "test", {at.x, at.y}});
        const float dx = at.x - mouse.x, dy = at.y - mouse.y;
        if (dx * dx + dy * dy < nearest_d2) nearest_d2 = dx * dx + dy * dy, nearest = i;
    }
    if (run.point_chosen && run.point < data.size()) {
        const ImVec2 at = to_screen(data.x[2 * run.point], data.x[2 * run.point + 1]);
        dl->AddCircle(at, rad + 4.0f, to_imu32(tc.focus), 16, 2.5f);
    }
    if (grad) { // the next batch: a square around each of its points
        const float q = rad + 2.5f;
        for (std::size_t i : grad->batch) {
            const ImVec2 at = to_screen(data.x[2 * i], data.x[2 * i + 1]);
            // The focus colour: the neutral points are near the text colour on either theme.
            dl->AddRect(ImVec2(at.x - q, at.y - q), ImVec2(at.x + q, at.y + q), to_imu32(tc.focus), 0.0f, 0, 2.0f);
            s.data.points.push_back({i, "batch", {at.x, at.y}});
        }
    }
    dl->PopClipRect();
    if (nearest < data.size()) {
        if (hovered && grad)
            ImGui::SetTooltip(
                "point %zu (%s): ∂L/∂%s = %s with its own %s (%s)\nClick: its chain rule in the diagram", nearest,
                nearest < data.train_count ? "train" : "test", grad->name.c_str(), fmt(grad->point[nearest]).c_str(),
                data.problem == Problem::classification ? "label" : "target", fmt(data.t[nearest * tn]).c_str());
        else if (hovered)
            ImGui::SetTooltip("point %zu (%s): x₁ = %s, x₂ = %s, %s = %s\nClick: its chain rule in the diagram",
                              nearest, nearest < data.train_count ? "train" : "test", fmt(data.x[2 * nearest]).c_str(),
                              fmt(data.x[2 * nearest + 1]).c_str(),
                              data.problem == Problem::classification ? "label" : "target",
                              fmt(data.t[nearest * tn]).c_str());
        if (clicked) {
            if (std::string e = m.select_point(nearest); !e.empty()) say(s, e, true);
        }
    } else if (hovered && grad) { // a cell: its gradient, and whose target it borrowed
        const int c = std::clamp(int((mouse.x - a.x) / side * float(grad->n)), 0, grad->n - 1);
        const int r = std::clamp(int((mouse.y - a.y) / side * float(grad->n)), 0, grad->n - 1);
        ImGui::SetTooltip("∂L/∂%s = %s here, with the nearest training point's %s as the target", grad->name.c_str(),
                          fmt(grad->value[std::size_t(r) * std::size_t(grad->n) + std::size_t(c)]).c_str(),
                          data.problem == Problem::classification ? "label" : "target");
    }
    if (grad)
        grad_legend(s, *grad);
    else if (s.data.plane_gradient) {
        ImGui::PushStyleColor(ImGuiCol_Text, g_status_ink.focus);
        text_wrapped_tokens(m.grad_plane(false).why + "; the plane shows the output meanwhile.");
        ImGui::PopStyleColor();
        s.data.batch_line.clear();
    } else {
        s.data.batch_line.clear();
    }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Controls: play, step, reset, epoch, loss curves
// -----------------------------------------------------------------------------------------------

// Train (solid) and test (dashed look: thinner, the other hue) loss per epoch, on a shared
// scale from 0 to the largest, drawn on the draw list (ImPlot is not in Debian's archive).
void draw_curves(State& s, const DataRun& r, float width, float height)
{
    const view::Theme theme = resolve_theme(s.settings.theme, s.settings.system_dark);
    const view::ThemeColors& tc = view::theme_colors(theme);
    const ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, height));
    const ImVec2 b(a.x + width, a.y + height);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, to_imu32(tc.canvas_bg));
    dl->AddRect(a, b, to_imu32(tc.node_rim));
    float hi = 0.0f;
    for (float v : r.train_loss) hi = std::max(hi, std::isfinite(v) ? v : 0.0f);
    for (float v : r.test_loss) hi = std::max(hi, std::isfinite(v) ? v : 0.0f);
    if (hi <= 0.0f) hi = 1.0f;
    const float last_epoch = float(std::max(r.at_epoch.empty() ? 1 : r.at_epoch.back(), 1));
    const auto line = [&](const std::vector<float>& v, ImU32 col, float thick) {
        if (v.size() < 2 || v.size() != r.at_epoch.size()) return;
        // At most one vertex per pixel column: thousands of epochs cost what the width costs.
        const std::size_t step = std::max<std::size_t>(1, v.size() / std::size_t(std::max(width, 1.0f)));
        std::vector<ImVec2> pts;
        for (std::size_t i = 0; i < v.size(); i += step) {
            const float x = a.x + 2 + (width - 4) * float(r.at_epoch[i]) / last_epoch;
            const float y = b.y - 2 - (height - 4) * std::clamp(v[i] / hi, 0.0f, 1.0f);
            pts.emplace_back(x, y);
        }
        const float y_last = b.y - 2 - (height - 4) * std::clamp(v.back() / hi, 0.0f, 1.0f);
        pts.emplace_back(b.x - 2, y_last);
        dl->AddPolyline(pts.data(), int(pts.size()), col, ImDrawFlags_None, thick);
    };
    const view::Rgba train_c = view::color_for(-1.0, 1.0, s.settings.palette, theme);
    const view::Rgba test_c = view::color_for(1.0, 1.0, s.settings.palette, theme);
    line(r.test_loss, to_imu32(test_c), 1.5f);
    line(r.train_loss, to_imu32(train_c), 2.0f);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(train_c.r, train_c.g, train_c.b, 1.0f));
    ImGui::Text("train loss %s", r.train_loss.empty() ? "—" : fmt(r.train_loss.back()).c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(test_c.r, test_c.g, test_c.b, 1.0f));
    ImGui::Text("test loss %s", r.test_loss.empty() ? "—" : fmt(r.test_loss.back()).c_str());
    ImGui::PopStyleColor();
    note_widget(s, "losses: " + (r.train_loss.empty() ? std::string() : fmt(r.train_loss.back(), 6)) + " " +
                       (r.test_loss.empty() ? std::string() : fmt(r.test_loss.back(), 6)));
}

void controls(State& s)
{
    Session& m = s.session;
    const DataRun& r = m.data_run();
    const ImGuiStyle& st = ImGui::GetStyle();
    // Touch-sized in the phone's sheet.
    const float bh = s.panels.compact ? kTouchTarget : 0.0f;
    const auto button = [&](const char* label, const char* name) {
        const bool pressed = ImGui::Button(label, ImVec2(0, bh));
        note_widget(s, name);
        return pressed;
    };
    if (button(r.running ? "■ Pause" : "▶ Train", "train")) {
        if (std::string e = m.set_data_training(!r.running); !e.empty()) say(s, e, true);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Train epoch after epoch (mini-batch SGD over the training points)");
    same_line_if_fits("Step epoch");
    if (button("Step epoch", "step epoch")) {
        if (std::string e = m.step_epoch(); !e.empty()) say(s, e, true);
    }
    same_line_if_fits("Step batch");
    if (button("Step batch", "step batch")) {
        if (std::string e = m.step_batch(); !e.empty()) say(s, e, true);
    }
    same_line_if_fits("Reset");
    if (button("Reset##data", "reset weights")) {
        if (std::string e = m.reset_weights(); !e.empty()) say(s, e, true);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the initial weights, epoch 0");

    ImGui::Text("epoch %d", r.epoch);
    note_widget(s, "epoch " + std::to_string(r.epoch));
    if (r.running && s.data.epochs_per_s > 0) {
        ImGui::SameLine();
        ImGui::TextDisabled("(%.0f epochs/s)", s.data.epochs_per_s);
    }
    if (r.classification && !r.test_accuracy.empty()) {
        ImGui::Text("accuracy: train %.1f%%, test %.1f%%", 100.0 * r.train_accuracy.back(),
                    100.0 * r.test_accuracy.back());
        note_widget(s, "accuracy");
    }
    if (!r.train_loss.empty())
        draw_curves(s, r, ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 4.0f + st.FramePadding.y * 2);
    if (!r.message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, r.diverged ? g_status_ink.bad : g_status_ink.focus);
        text_wrapped_tokens(r.message);
        ImGui::PopStyleColor();
    }
    if (r.diverged && m.training().restore) {
        if (button("Restore the last good network##data", "restore data")) m.restore_training();
    }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] The dataset's settings and CSV
// -----------------------------------------------------------------------------------------------

void apply(State& s, Config c, const char* what)
{
    if (std::string e = s.session.edit_data(std::move(c)); !e.empty())
        say(s, std::string(what) + " refused: " + e, true);
}

void settings(State& s)
{
    const Config& cfg = s.session.config();
    const DataSpec& spec = *cfg.dataset;
    const float em = ImGui::GetFontSize();
    static const DatasetKind kKinds[] = {DatasetKind::circle, DatasetKind::xor_,  DatasetKind::gauss,
                                         DatasetKind::spiral, DatasetKind::plane, DatasetKind::gauss_reg};
    const std::string current(to_string(spec.kind));
    ImGui::SetNextItemWidth(em * 8);
    if (ImGui::BeginCombo("dataset", current.c_str())) {
        for (DatasetKind k : kKinds) {
            const std::string name(to_string(k));
            if (ImGui::Selectable(name.c_str(), k == spec.kind) && k != spec.kind) {
                Config c = cfg;
                c.dataset->kind = k;
                c.dataset->csv.clear();
                c.dataset->points = default_points(k);
                if (c.dataset->features.empty()) c.dataset->features = {Feature::x1, Feature::x2};
                apply(s, std::move(c), "The dataset");
            }
            note_widget(s, "dataset " + name);
        }
        ImGui::EndCombo();
    }
    note_widget(s, "dataset");
    const auto number = [&](const char* label, double v, const char* name, auto&& set) {
        ImGui::SetNextItemWidth(em * 6);
        if (number_field(s, label, v, name)) {
            Config c = cfg;
            if (std::string e = set(c, v); !e.empty())
                say(s, e, true);
            else
                apply(s, std::move(c), name);
        }
    };
    if (spec.kind != DatasetKind::csv) {
        number("points", spec.points, "points", [](Config& c, double v) -> std::string {
            if (!(v >= 2 && v <= kMaxDataPoints && v == std::floor(v)))
                return "points must be a whole number from 2 to " + std::to_string(kMaxDataPoints);
            c.dataset->points = int(v);
            return {};
        });
        number("noise", spec.noise, "noise", [](Config& c, double v) -> std::string {
            if (!(v >= 0 && v <= kMaxNoise)) return "noise is Playground's slider, from 0 to 50";
            c.dataset->noise = v;
            return {};
        });
    }
    number("train fraction", spec.train_fraction, "train fraction", [](Config& c, double v) -> std::string {
        if (!(v > 0 && v < 1)) return "the train fraction must be between 0 and 1 (0.5: half the points train)";
        c.dataset->train_fraction = v;
        return {};
    });
    number("data seed", double(spec.seed), "data seed", [](Config& c, double v) -> std::string {
        if (!(v >= 0 && v <= 9007199254740992.0 && v == std::floor(v)))
            return "the seed must be a whole number, 0 or more";
        c.dataset->seed = std::uint64_t(v);
        return {};
    });
    if (!spec.features.empty()) {
        static const char* kLabels[kFeatureCount] = {"x₁", "x₂", "x₁²", "x₂²", "x₁x₂", "sin x₁", "sin x₂"};
        ImGui::TextDisabled("features");
        for (int f = 0; f < kFeatureCount; ++f) {
            const Feature feat = Feature(f);
            bool on = std::find(spec.features.begin(), spec.features.end(), feat) != spec.features.end();
            if (f) same_line_if_fits(kLabels[f]);
            if (ImGui::Checkbox(kLabels[f], &on)) {
                Config c = cfg;
                std::vector<Feature> next;
                for (int g = 0; g < kFeatureCount; ++g) {
                    const bool has =
                        std::find(spec.features.begin(), spec.features.end(), Feature(g)) != spec.features.end();
                    if (g == f ? on : has) next.push_back(Feature(g));
                }
                if (next.empty())
                    say(s, "Keep at least one feature: the network needs an input", true);
                else {
                    c.dataset->features = std::move(next);
                    apply(s, std::move(c), "The features");
                }
            }
            note_widget(s, std::string("feature ") + std::string(to_string(feat)));
        }
    }
    ImGui::Checkbox("discretised plane", &s.settings.discretize);
    note_widget(s, "discretize");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The boundary as two flat classes (regression: flat bands) instead of a smooth score");
    ImGui::Separator();
    number("batch size", cfg.batch_size, "batch size", [](Config& c, double v) -> std::string {
        if (!(v >= 1 && v <= kMaxBatchSize && v == std::floor(v)))
            return "the batch size must be a whole number from 1 to " + std::to_string(kMaxBatchSize);
        c.batch_size = int(v);
        return {};
    });
    number("learning rate η##data", cfg.learning_rate, "data learning rate", [](Config& c, double v) -> std::string {
        if (!(std::isfinite(v) && v >= 0)) return "the learning rate must be a finite number, 0 or more";
        c.learning_rate = v;
        return {};
    });
    static const char* kRegs[] = {"none", "L1", "L2"};
    int reg = int(cfg.regularization);
    ImGui::SetNextItemWidth(em * 6);
    if (ImGui::Combo("regularisation", &reg, kRegs, 3)) {
        Config c = cfg;
        c.regularization = Regularization(reg);
        apply(s, std::move(c), "Regularisation");
    }
    if (cfg.regularization != Regularization::none)
        number("rate λ", cfg.regularization_rate, "regularization rate", [](Config& c, double v) -> std::string {
            if (!(std::isfinite(v) && v >= 0)) return "the regularisation rate must be a finite number, 0 or more";
            c.regularization_rate = v;
            return {};
        });
}

void csv_box(State& s)
{
    DataUi& d = s.data;
    ImGui::TextDisabled("Numbers in columns; the last 1 or 2 are targets. At most %d rows, 1 MB.", kMaxDataPoints);
    input_text_multiline("##csv", d.csv, ImVec2(-1, ImGui::GetFontSize() * 6));
    note_widget(s, "csv");
    ImGui::RadioButton("1 target", &d.csv_targets, 1);
    ImGui::SameLine();
    ImGui::RadioButton("2 targets", &d.csv_targets, 2);
    ImGui::SameLine();
    if (ImGui::Button("Load CSV")) load_csv_text(s, d.csv, "");
    note_widget(s, "load csv");
    // A file: the page's file chooser (the platform's), or natively a file dropped on the window.
    if (d.open_csv_file) {
        same_line_if_fits("Load CSV file…");
        if (ImGui::Button("Load CSV file…")) d.open_csv_file();
        note_widget(s, "load csv file");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Choose a .csv file: read as if pasted above (at most 1 MB)");
    } else if (d.csv_drop) {
        ImGui::TextDisabled("Or drop a .csv file on the window.");
    }
}

} // namespace

bool load_csv_text(State& s, std::string_view text, std::string_view file)
{
    DataUi& d = s.data;
    const std::string what = file.empty() ? std::string("CSV") : "The CSV file " + std::string(file);
    if (!s.session.has_data()) {
        say(s, what + " not loaded: this network has no dataset. Pick a data preset (spiral, circle, …) first.", true);
        return false;
    }
    Config c = s.session.config();
    DataSpec spec;
    spec.kind = DatasetKind::csv;
    spec.csv = std::string(text);
    spec.csv_targets = d.csv_targets;
    spec.train_fraction = c.dataset->train_fraction;
    spec.seed = c.dataset->seed;
    spec.features.clear();
    Dataset data;
    if (std::string e = make_dataset(spec, data); !e.empty()) {
        say(s, what + " not loaded, " + e + ". The data you had stays.", true);
        return false;
    }
    if (data.inputs == 2) spec.features = {Feature::x1, Feature::x2};
    c.dataset = std::move(spec);
    if (std::string e2 = s.session.edit_data(std::move(c)); !e2.empty()) {
        say(s, what + " not loaded: " + e2 + ". The data you had stays.", true);
        return false;
    }
    if (!file.empty()) d.csv = std::string(text); // shown in the box, to read and edit
    say(s, "Loaded " + std::to_string(data.size()) + " rows" + (file.empty() ? "" : " from " + std::string(file)) + ".",
        false);
    return true;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] draw_data_panel
// -----------------------------------------------------------------------------------------------

void draw_data_panel(State& s)
{
    if (!s.session.has_data()) {
        ImGui::TextDisabled("No data points.");
        return;
    }
    // As wide as the panel less a scroll bar, whether or not one shows: a plane that grew and
    // shrank with it would move every control below by its width, under a pointer about to click.
    const ImGuiStyle& st = ImGui::GetStyle();
    const float avail = ImGui::GetWindowWidth() - st.WindowPadding.x * 2.0f - st.ScrollbarSize -
                        (ImGui::GetCursorScreenPos().x - ImGui::GetWindowPos().x - st.WindowPadding.x);
    // Square, as wide as the panel; on a phone's sheet no taller than half its width's worth.
    const float side = std::max(64.0f, s.panels.compact ? std::min(avail, ImGui::GetFontSize() * 18.0f) : avail);
    draw_plane(s, side);
    controls(s);
    if (ImGui::TreeNodeEx("Dataset and training settings", ImGuiTreeNodeFlags_DefaultOpen)) {
        settings(s);
        ImGui::TreePop();
    }
    const bool csv_open = ImGui::TreeNode("Your data (CSV)");
    note_widget(s, "your data");
    if (csv_open) {
        csv_box(s);
        ImGui::TreePop();
    }
}

} // namespace gf::ui
