// [SECTION] Presets and messages
// [SECTION] Training
// [SECTION] Structure, activations, loss
// [SECTION] Sample and parameters
// [SECTION] Config JSON (paste, load, save)
// [SECTION] draw_editor
//
// The side panel: presets, training, and every edit of the network. Each edit builds a
// candidate Config and hands it to Session::edit(), which refuses an invalid one with the
// core's message (shown here) and keeps the last good network.
#include "ui/state.hpp"
#include "ui/theme.hpp"

#include "core/names.hpp"
#include "core/reshape.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

namespace gf::ui {

namespace {

// The theme's (ui/theme.hpp), set each frame by apply_style.
const ImVec4& kBad = g_status_ink.bad;
const ImVec4& kOk = g_status_ink.good;

void say(State& s, std::string msg, bool error)
{
    s.edit.message = std::move(msg);
    s.edit.message_is_error = error;
}

// Applies a candidate; on refusal says why and keeps the old network.
void try_edit(State& s, Config c, const char* what)
{
    if (std::string err = s.session.edit(std::move(c)); !err.empty())
        say(s, std::string(what) + " refused: " + err, true);
    else if (s.edit.message_is_error)
        s.edit.message.clear();
}

// Adds (+1) or removes (-1) a neuron of layer `i` (0 = the inputs).
void change_width(State& s, int i, int delta)
{
    Config c = s.session.config();
    c.net = resize_layer(c.net, i, delta, std::uint64_t(s.edit.seed));
    fit_samples(c.net, c.samples);
    try_edit(s, std::move(c), delta > 0 ? "Adding a neuron" : "Removing a neuron");
}

// Inserts a hidden layer after layer i (the notes' numbering: 0 = the inputs), or removes hidden
// layer i.
void change_depth(State& s, int i, bool add)
{
    Config c = s.session.config();
    c.net =
        add ? insert_layer(c.net, i, std::uint64_t(s.edit.seed)) : remove_layer(c.net, i, std::uint64_t(s.edit.seed));
    fit_samples(c.net, c.samples);
    try_edit(s, std::move(c), add ? "Adding a layer" : "Removing a layer");
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Presets and messages
// -----------------------------------------------------------------------------------------------

void presets_section(State& s)
{
    const std::string& preset = s.session.preset();
    const std::string current = preset.empty() ? std::string("(custom)") : preset;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##preset", current.c_str())) {
        for (const PresetInfo& p : presets()) {
            const std::string name(p.name);
            if (ImGui::Selectable(name.c_str(), name == preset)) {
                if (std::string e = s.session.load_preset(p.name); !e.empty())
                    say(s, e, true);
                else
                    say(s, {}, false);
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.*s", int(p.summary.size()), p.summary.data());
        }
        ImGui::EndCombo();
    }
    if (!s.session.config().description.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", s.session.config().description.c_str());
        ImGui::PopStyleColor();
    }
    if (ImGui::Button("Reset")) {
        if (std::string e = s.session.reset(); !e.empty())
            say(s, e, true);
        else
            say(s, "Back to the network as it was loaded.", false);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the preset (or config) as it was loaded");
    ImGui::SameLine();
    const bool randomise = ImGui::Button("Randomise");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("New weights from init_weights with this seed (biases 0)");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3.5f);
    input_int("seed", s.edit.seed);
    if (randomise) {
        Config c = s.session.config();
        init_weights(c.net, std::uint64_t(std::max(s.edit.seed, 0)));
        c.init_seed = std::uint64_t(std::max(s.edit.seed, 0));
        try_edit(s, std::move(c), "Randomising");
    }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Training
// -----------------------------------------------------------------------------------------------

void training_section(State& s)
{
    const Config& cfg = s.session.config();
    double lr = cfg.learning_rate;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    if (number_field(s, "learning rate η", lr, "learning rate")) {
        Config c = cfg;
        c.learning_rate = lr;
        try_edit(s, std::move(c), "The learning rate");
    }
    bool biases = cfg.train_biases;
    if (ImGui::Checkbox("train biases", &biases)) {
        Config c = cfg;
        c.train_biases = biases;
        try_edit(s, std::move(c), "Freezing biases");
    }
    if (ImGui::Button("Step")) {
        if (std::string e = s.session.start_step(); !e.empty()) say(s, e, true);
    }
    note_widget(s, "Step");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("One gradient-descent step, animated: W −= η·∂L/∂W");
    ImGui::SameLine();
    const Training& tr = s.session.training();
    if (cfg.dataset) {
        // Training over the data is the Data section's ▶; Step here is one step on the shown point.
        ImGui::TextDisabled("on the shown point");
    } else if (tr.remaining > 0) {
        if (ImGui::Button("Stop")) s.session.stop_training();
        ImGui::SameLine();
        ImGui::Text("%d left", tr.remaining);
    } else {
        if (ImGui::Button("Train")) s.session.start_training(s.edit.train_steps);
        note_widget(s, "Train");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
        input_int("steps", s.edit.train_steps);
        s.edit.train_steps = std::clamp(s.edit.train_steps, 1, 1000000);
    }
    if (!tr.history.empty()) {
        const auto [lo, hi] = std::minmax_element(tr.history.begin(), tr.history.end());
        // history holds the loss *before* each step; the label gives the loss now, as L shows it.
        const std::string over = training_summary(tr.history.size(), s.session.trace().loss);
        ImGui::PlotLines("##loss", tr.history.data(), int(tr.history.size()), 0, over.c_str(), *lo, *hi,
                         ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 4.5f));
        note_widget(s, "training: " + over);
    }
    // Saturated units or runaway weights: a low loss that is no success, said once per run in the
    // message place (red, never the green of a confirmation) until dismissed or the next good edit.
    if (tr.warnings != s.edit.training_warnings) {
        s.edit.training_warnings = tr.warnings;
        if (!tr.warning.empty()) say(s, tr.warning, true);
    }
    if (tr.diverged) {
        ImGui::PushStyleColor(ImGuiCol_Text, kBad);
        ImGui::TextWrapped("Training stopped: %s", tr.message.c_str());
        ImGui::PopStyleColor();
    }
    if (tr.restore && tr.remaining == 0) {
        const char* undo = tr.diverged ? "Restore the last good network" : "Undo training";
        if (ImGui::Button(undo)) {
            const bool warned = !tr.warning.empty() && s.edit.message == tr.warning;
            s.session.restore_training();
            if (warned) s.edit.message.clear(); // it described the network just undone
        }
        note_widget(s, undo);
    }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Structure, activations, loss
// -----------------------------------------------------------------------------------------------

const Activation kActivations[] = {Activation::linear, Activation::sigmoid,    Activation::tanh,
                                   Activation::relu,   Activation::leaky_relu, Activation::softmax};
const Loss kLosses[] = {Loss::sse, Loss::half_sse, Loss::mse, Loss::cross_entropy};

void structure_section(State& s)
{
    const Network& net = s.session.config().net;
    if (!ImGui::BeginTable("layers", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) return;
    ImGui::TableSetupColumn("layer");
    ImGui::TableSetupColumn("neurons");
    ImGui::TableSetupColumn("activation", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (int i = 0; i < int(net.sizes.size()); ++i) {
        ImGui::PushID(i);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (i == 0)
            ImGui::TextUnformatted("x");
        else if (i == int(net.sizes.size()) - 1)
            ImGui::TextUnformatted("ŷ");
        else
            ImGui::Text("%d", i);
        ImGui::TableNextColumn();
        if (ImGui::SmallButton("−")) change_width(s, i, -1);
        ImGui::SameLine();
        ImGui::Text("%3d", net.sizes[std::size_t(i)]);
        ImGui::SameLine();
        if (ImGui::SmallButton("+")) change_width(s, i, +1);
        ImGui::TableNextColumn();
        if (i > 0) {
            const Activation cur = net.act[std::size_t(i) - 1];
            ImGui::SetNextItemWidth(-1);
            if (ImGui::BeginCombo("##act", std::string(to_string(cur)).c_str())) {
                for (Activation a : kActivations) {
                    if (ImGui::Selectable(std::string(to_string(a)).c_str(), a == cur)) {
                        Config c = s.session.config();
                        c.net.act[std::size_t(i) - 1] = a;
                        try_edit(s, std::move(c), "Changing the activation");
                    }
                }
                ImGui::EndCombo();
            }
        }
        ImGui::PopID();
    }
    ImGui::EndTable();

    // Layers are numbered as in the table (0 = the inputs); "+" inserts after, "−" removes.
    s.edit.layer = std::clamp(s.edit.layer, 0, std::max(net.layers() - 1, 0));
    ImGui::TextUnformatted("layer");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
    ImGui::InputInt("##layer", &s.edit.layer, 1);
    ImGui::SameLine();
    if (ImGui::Button("+ layer")) change_depth(s, s.edit.layer, true);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Insert a hidden layer after layer %d, as wide as it", s.edit.layer);
    ImGui::SameLine();
    if (ImGui::Button("− layer")) {
        if (s.edit.layer < 1 || s.edit.layer >= net.layers())
            say(s, "Pick a hidden layer (1 … " + std::to_string(net.layers() - 1) + ") to remove", true);
        else
            change_depth(s, s.edit.layer, false);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove hidden layer %d", s.edit.layer);

    const Loss cur = net.loss;
    ImGui::SetNextItemWidth(-ImGui::CalcTextSize("loss").x - ImGui::GetStyle().ItemSpacing.x);
    if (ImGui::BeginCombo("loss", std::string(to_string(cur)).c_str())) {
        for (Loss l : kLosses) {
            if (ImGui::Selectable(std::string(to_string(l)).c_str(), l == cur)) {
                Config c = s.session.config();
                c.net.loss = l;
                try_edit(s, std::move(c), "Changing the loss");
            }
        }
        ImGui::EndCombo();
    }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Sample and parameters
// -----------------------------------------------------------------------------------------------

bool edit_number(State& s, const char* label, double& v, const std::string& name)
{
    ImGui::SetNextItemWidth(-1);
    return number_field(s, label, v, name);
}

void sample_section(State& s)
{
    const Network& net = s.session.config().net;
    Sample smp = s.session.config().sample();
    bool changed = false;
    // Four equal columns (x's name, x, y's name, y) on alternating row colours, laid out by hand:
    // this section is open when the page starts, and an ImGui table here would put the whole table
    // engine (~17 KB of wasm) into the page's first part (web/split_module.py).
    const ImGuiStyle& st = ImGui::GetStyle();
    const float pad = st.CellPadding.x;
    const float left = ImGui::GetCursorScreenPos().x;
    const float col = std::floor(ImGui::GetContentRegionAvail().x / 4.0f);
    const float row_h = ImGui::GetFrameHeight() + 2.0f * st.CellPadding.y;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::size_t rows = std::max(smp.x.size(), smp.y.size());
    float top = ImGui::GetCursorScreenPos().y;
    for (std::size_t i = 0; i < rows; ++i, top += row_h) {
        dl->AddRectFilled(ImVec2(left, top), ImVec2(left + 4.0f * col, top + row_h),
                          ImGui::GetColorU32(i % 2 ? ImGuiCol_TableRowBgAlt : ImGuiCol_TableRowBg));
        const auto cell = [&](int c) {
            ImGui::SetCursorScreenPos(ImVec2(left + float(c) * col + pad, top + st.CellPadding.y));
            ImGui::SetNextItemWidth(col - 2.0f * pad);
        };
        ImGui::PushID(int(i));
        if (i < smp.x.size()) {
            const NodeRef x{NodeKind::input, 0, int(i), 0};
            cell(0);
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(node_name(net, x).c_str());
            cell(1);
            changed |= number_field(s, "##x", smp.x[i], node_name(net, x, NameStyle::ascii));
        }
        if (i < smp.y.size()) {
            cell(2);
            ImGui::AlignTextToFramePadding();
            ImGui::Text("y_%zu", i + 1);
            cell(3);
            changed |= number_field(s, "##y", smp.y[i], "y_" + std::to_string(i + 1));
        }
        ImGui::PopID();
    }
    ImGui::SetCursorScreenPos(ImVec2(left, top));
    ImGui::Dummy(ImVec2(4.0f * col, 0.0f));
    if (s.session.config().samples.size() > 1)
        ImGui::TextDisabled("%zu more samples are used by training only", s.session.config().samples.size() - 1);
    if (changed) {
        Config c = s.session.config();
        c.samples.front() = smp;
        try_edit(s, std::move(c), "The sample");
    }
}

void parameters_section(State& s)
{
    const Network& net = s.session.config().net;
    const std::string filter =
        s.edit.param_filter < 0 ? std::string("all layers") : "layer " + std::to_string(s.edit.param_filter + 1);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##pfilter", filter.c_str())) {
        if (ImGui::Selectable("all layers", s.edit.param_filter < 0)) s.edit.param_filter = -1;
        for (int l = 0; l < net.layers(); ++l)
            if (ImGui::Selectable(("layer " + std::to_string(l + 1)).c_str(), s.edit.param_filter == l))
                s.edit.param_filter = l;
        ImGui::EndCombo();
    }
    s.edit.param_filter = std::min(s.edit.param_filter, net.layers() - 1);
    // One row per parameter, clipped, so 8 × 32² rows cost only what is on screen.
    struct Span {
        int layer;
        std::size_t begin, weights, end;
    };
    std::vector<Span> spans;
    std::size_t total = 0;
    for (int l = 0; l < net.layers(); ++l) {
        if (s.edit.param_filter >= 0 && l != s.edit.param_filter) continue;
        const std::size_t nw = net.W[std::size_t(l)].v.size(), nb = net.b[std::size_t(l)].size();
        spans.push_back({l, total, total + nw, total + nw + nb});
        total += nw + nb;
    }
    const float h = std::min(ImGui::GetTextLineHeightWithSpacing() * 12.0f,
                             ImGui::GetTextLineHeightWithSpacing() * float(total + 1) + 8.0f);
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp |
                                  ImGuiTableFlags_BordersInnerV;
    if (!ImGui::BeginTable("params", 3, flags, ImVec2(0, h))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    // Wide enough for the longest 4-digit gradient fmt() writes: a stretched share was not, and
    // clipped "−0.002767" to "−0.00".
    ImGui::TableSetupColumn("∂L/∂·", ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("−8.888e−08").x + ImGui::GetStyle().CellPadding.x * 2.0f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(int(total));
    std::optional<Network> edited;
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const Span* sp = &spans.front();
            for (const Span& x : spans)
                if (std::size_t(row) >= x.begin && std::size_t(row) < x.end) sp = &x;
            const int l = sp->layer;
            const std::size_t i = std::size_t(row) - sp->begin;
            const bool is_w = std::size_t(row) < sp->weights;
            const int cols = net.sizes[std::size_t(l)];
            const NodeRef ref = is_w ? NodeRef{NodeKind::weight, l, int(i) / cols, int(i) % cols, }
                                     : NodeRef{NodeKind::bias, l, int(std::size_t(row) - sp->weights), 0};
            double v = is_w ? net.W[std::size_t(l)].v[i] : net.b[std::size_t(l)][std::size_t(ref.j)];
            ImGui::PushID(row);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const std::string name = node_name(net, ref);
            const bool focused = s.session.focus().active && s.session.focus().ref == ref;
            if (ImGui::Selectable(name.c_str(), focused)) s.session.set_focus(name);
            ImGui::TableNextColumn();
            if (edit_number(s, "##v", v, node_name(net, ref, NameStyle::ascii))) {
                if (!edited) edited = net;
                if (is_w)
                    edited->W[std::size_t(l)].v[i] = v;
                else
                    edited->b[std::size_t(l)][std::size_t(ref.j)] = v;
            }
            ImGui::TableNextColumn();
            const double g = is_w ? s.session.trace().dW[std::size_t(l)].v[i]
                                  : s.session.trace().db[std::size_t(l)][std::size_t(ref.j)];
            ImGui::TextUnformatted(fmt(g, 4).c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    if (edited) {
        Config c = s.session.config();
        c.net = std::move(*edited);
        try_edit(s, std::move(c), "The edit");
    }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Config JSON (paste, load, save)
// -----------------------------------------------------------------------------------------------

void apply_json(State& s, const std::string& text, const char* what)
{
    try {
        Config c = parse_config(text);
        if (std::string e = s.session.load(std::move(c), {}); !e.empty())
            say(s, std::string(what) + " refused: " + e, true);
        else
            say(s, std::string(what) + " applied.", false);
    } catch (const ConfigError& e) {
        say(s, std::string(what) + " refused: " + e.what(), true);
    }
}

void config_section(State& s)
{
    // Filled when first shown, with the network then: not at start-up (config_to_json is a few
    // ms of the first frame), and not with the default network a link may have replaced.
    if (!s.edit.json_filled) {
        s.edit.json = config_to_json(s.session.config());
        s.edit.json_filled = true;
    }
    ImGui::TextDisabled("Paste a JSON config (see the README) and Apply");
    input_text_multiline("##json", s.edit.json, ImVec2(-1, ImGui::GetTextLineHeight() * 8));
    if (ImGui::Button("Apply")) apply_json(s, s.edit.json, "The config");
    note_widget(s, "Apply");
    ImGui::SameLine();
    if (ImGui::Button("Show current")) s.edit.json = config_to_json(s.session.config());
    ImGui::SameLine();
    if (ImGui::Button("Copy")) ImGui::SetClipboardText(config_to_json(s.session.config()).c_str());
    if (!s.files) return; // the web has no filesystem: Copy and paste instead
    ImGui::SetNextItemWidth(-1);
    input_text("##path", s.edit.path);
    if (ImGui::Button("Load file")) {
        std::string err;
        if (std::optional<std::string> text = s.files->read(s.edit.path, err)) {
            s.edit.json = std::move(*text);
            apply_json(s, s.edit.json, "The file");
        } else {
            say(s, err, true);
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Save file")) {
        std::string err;
        if (s.files->write(s.edit.path, config_to_json(s.session.config()) + "\n", err))
            say(s, "Saved to " + s.edit.path, false);
        else
            say(s, err, true);
    }
}

// The last refusal or confirmation, over the bottom of the panel: shown inline it pushed every
// control below it down by 40–75 px, so the next click landed on the wrong one. A confirmation
// goes by itself after a few seconds; a refusal stays until dismissed or the next good edit.
void draw_message(State& s)
{
    Edit& e = s.edit;
    if (e.message != e.shown) e.shown = e.message, e.shown_at = s.last_now;
    if (e.message.empty()) return;
    constexpr double kConfirmationSeconds = 5.0;
    if (!e.message_is_error && s.last_now - e.shown_at > kConfirmationSeconds) {
        e.message.clear();
        return;
    }
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    const float pad = ImGui::GetStyle().WindowPadding.x;
    ImGui::SetNextWindowPos(ImVec2(pos.x + pad, pos.y + size.y - pad), ImGuiCond_Always, ImVec2(0.0f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(size.x - pad * 2.0f, 0.0f));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.13f, 0.15f, 0.20f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Border, e.message_is_error ? kBad : kOk);
    constexpr ImGuiWindowFlags kToast = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                        ImGuiWindowFlags_NoNav;
    if (ImGui::Begin("##panel_message", nullptr, kToast)) {
        ImGui::PushStyleColor(ImGuiCol_Text, e.message_is_error ? kBad : kOk);
        text_wrapped_tokens(e.message); // breaks at spaces: "1.4e+05" is never cut after its '.'
        ImGui::PopStyleColor();
        note_widget(s, "message: " + e.message);
        if (ImGui::SmallButton("Dismiss")) e.message.clear();
    }
    ImGui::End();
    ImGui::PopStyleColor(2);
}

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] draw_editor
// -----------------------------------------------------------------------------------------------

void draw_editor(State& s)
{
    presets_section(s);
    // A dataset: its plane and training by epochs come first (the one-sample Train below stays
    // for the chosen point's own steps).
    if (s.session.config().dataset && ImGui::CollapsingHeader("Data", ImGuiTreeNodeFlags_DefaultOpen))
        draw_data_panel(s);
    if (ImGui::CollapsingHeader("Training", ImGuiTreeNodeFlags_DefaultOpen)) training_section(s);
    if (ImGui::CollapsingHeader("Inputs x and targets y", ImGuiTreeNodeFlags_DefaultOpen)) sample_section(s);
    if (ImGui::CollapsingHeader("Layers, activations, loss")) structure_section(s);
    if (ImGui::CollapsingHeader("Weights and biases")) parameters_section(s);
    const bool config_open = ImGui::CollapsingHeader("Config JSON");
    note_widget(s, "Config JSON");
    if (config_open) config_section(s);
    draw_message(s);
}

} // namespace gf::ui
