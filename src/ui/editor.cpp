// [SECTION] Structure edits (neurons, layers) as new networks
// [SECTION] Presets and messages
// [SECTION] Training
// [SECTION] Structure, activations, loss
// [SECTION] Sample and parameters
// [SECTION] Config JSON (paste, load, save)
// [SECTION] draw_editor
//
// The side panel: presets, training, and every edit of the network. Each edit builds a
// candidate Config and hands it to apply_config_edit(), which refuses an invalid one with the
// core's message (shown here) and keeps the last good network.
#include "ui/state.hpp"

#include "core/names.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace gf::ui {

namespace {

const ImVec4 k_bad{1.0f, 0.45f, 0.40f, 1.0f};
const ImVec4 k_ok{0.55f, 0.85f, 0.60f, 1.0f};

void say(State& s, std::string msg, bool error)
{
    s.edit.message = std::move(msg);
    s.edit.message_is_error = error;
}

// Applies a candidate; on refusal says why and keeps the old network.
void try_edit(State& s, Config c, const char* what)
{
    if (std::string err = apply_config_edit(s, std::move(c)); !err.empty()) say(s, std::string(what) + " refused: " + err, true);
    else if (s.edit.message_is_error) s.edit.message.clear();
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Structure edits (neurons, layers) as new networks
// -----------------------------------------------------------------------------------------------

// A network of the new shape whose weights are the old ones where both have them (by `from`,
// old layer index per new layer, -1 for a new layer) and fresh from init_weights elsewhere.
Network reshape(const Network& old, std::vector<int> sizes, std::vector<Activation> act, const std::vector<int>& from,
                std::uint64_t seed)
{
    Network n;
    n.sizes = std::move(sizes);
    n.act = std::move(act);
    n.loss = old.loss;
    init_weights(n, seed);
    for (std::size_t l = 0; l < n.W.size(); ++l) {
        const int o = from[l];
        if (o < 0) continue;
        const Matrix& ow = old.W[std::size_t(o)];
        Matrix& nw = n.W[l];
        for (int j = 0; j < std::min(ow.rows, nw.rows); ++j)
            for (int k = 0; k < std::min(ow.cols, nw.cols); ++k) nw(j, k) = ow(j, k);
        for (std::size_t j = 0; j < std::min(old.b[std::size_t(o)].size(), n.b[l].size()); ++j) n.b[l][j] = old.b[std::size_t(o)][j];
    }
    return n;
}

// Samples follow the input and output widths: new entries are 0, removed ones dropped.
void fit_samples(Config& c)
{
    for (Sample& smp : c.samples) {
        smp.x.resize(std::size_t(c.net.inputs()), 0.0);
        smp.y.resize(std::size_t(c.net.outputs()), 0.0);
    }
}

// Adds (+1) or removes (-1) a neuron of layer `i` (0 = the inputs).
void change_width(State& s, int i, int delta)
{
    Config c = s.model.config;
    std::vector<int> sizes = c.net.sizes;
    sizes[std::size_t(i)] += delta;
    std::vector<int> from(c.net.W.size());
    for (std::size_t l = 0; l < from.size(); ++l) from[l] = int(l);
    c.net = reshape(s.model.config.net, sizes, c.net.act, from, std::uint64_t(s.edit.seed));
    fit_samples(c);
    try_edit(s, std::move(c), delta > 0 ? "Adding a neuron" : "Removing a neuron");
}

// Inserts a hidden layer after layer i (the notes' numbering: 0 = the inputs), as wide as layer i so
// every existing matrix keeps its shape; or removes hidden layer i (its successor's matrix is cut
// or padded to the new input width).
void change_depth(State& s, int i, bool add)
{
    Config c = s.model.config;
    const Network& old = s.model.config.net;
    std::vector<int> sizes = old.sizes;
    std::vector<Activation> act = old.act;
    std::vector<int> from;
    for (int l = 0; l < old.layers(); ++l) from.push_back(l);
    if (add) {
        const Activation hidden = i >= 1 ? old.act[std::size_t(i) - 1] : old.layers() > 1 ? old.act.front() : Activation::sigmoid;
        sizes.insert(sizes.begin() + i + 1, old.sizes[std::size_t(i)]);
        act.insert(act.begin() + i, hidden);
        from.insert(from.begin() + i, -1);
    } else {
        sizes.erase(sizes.begin() + i);
        act.erase(act.begin() + i - 1);
        from.erase(from.begin() + i - 1);
    }
    c.net = reshape(old, sizes, act, from, std::uint64_t(s.edit.seed));
    fit_samples(c);
    try_edit(s, std::move(c), add ? "Adding a layer" : "Removing a layer");
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Presets and messages
// -----------------------------------------------------------------------------------------------

void presets_section(State& s)
{
    const std::string current = s.model.preset.empty() ? std::string("(custom)") : s.model.preset;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##preset", current.c_str())) {
        for (const PresetInfo& p : presets()) {
            const std::string name(p.name);
            if (ImGui::Selectable(name.c_str(), name == s.model.preset)) {
                try {
                    if (std::string e = apply_config(s, gf::preset(p.name), name); !e.empty()) say(s, e, true);
                    else say(s, {}, false);
                } catch (const ConfigError& e) {
                    say(s, e.what(), true);
                }
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.*s", int(p.summary.size()), p.summary.data());
        }
        ImGui::EndCombo();
    }
    if (!s.model.config.description.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", s.model.config.description.c_str());
        ImGui::PopStyleColor();
    }
    if (ImGui::Button("Reset")) {
        Config base = s.model.base;
        std::string name = s.model.preset;
        apply_config(s, std::move(base), std::move(name));
        say(s, "Back to the network as it was loaded.", false);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the preset (or config) as it was loaded");
    ImGui::SameLine();
    const bool randomise = ImGui::Button("Randomise");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("New weights from init_weights with this seed (biases 0)");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3.5f);
    ImGui::InputInt("seed", &s.edit.seed, 0);
    if (randomise) {
        Config c = s.model.config;
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
    Config& cfg = s.model.config;
    double lr = cfg.learning_rate;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    if (ImGui::InputDouble("learning rate η", &lr, 0.0, 0.0, "%.6g")) {
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
    if (ImGui::Button("Step")) start_step_animation(s);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("One gradient-descent step, animated: W −= η·∂L/∂W");
    ImGui::SameLine();
    if (s.train.remaining > 0) {
        if (ImGui::Button("Stop")) s.train.remaining = 0;
        ImGui::SameLine();
        ImGui::Text("%d left", s.train.remaining);
    } else {
        if (ImGui::Button("Train")) {
            s.anim.pending_step = false;
            s.train.restore.reset();
            s.train.diverged = false;
            s.train.message.clear();
            s.train.remaining = std::max(s.train.steps, 1);
            s.anim.transport.playing = false;
            s.anim.transport.t = std::min(s.anim.timeline.update_start, s.anim.timeline.duration);
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
        ImGui::InputInt("steps", &s.train.steps, 0);
        s.train.steps = std::clamp(s.train.steps, 1, 1000000);
    }
    if (!s.train.history.empty()) {
        const auto [lo, hi] = std::minmax_element(s.train.history.begin(), s.train.history.end());
        const std::string over = "loss " + fmt(double(s.train.history.back()), 4) + " after " + std::to_string(s.train.history.size()) + " steps";
        ImGui::PlotLines("##loss", s.train.history.data(), int(s.train.history.size()), 0, over.c_str(), *lo, *hi,
                         ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 4.5f));
    }
    if (s.train.diverged) {
        ImGui::PushStyleColor(ImGuiCol_Text, k_bad);
        ImGui::TextWrapped("Training stopped: %s", s.train.message.c_str());
        ImGui::PopStyleColor();
    }
    if (s.train.restore && s.train.remaining == 0) {
        if (ImGui::Button(s.train.diverged ? "Restore the last good network" : "Undo training")) restore_training(s);
    }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Structure, activations, loss
// -----------------------------------------------------------------------------------------------

const Activation k_activations[] = {Activation::linear, Activation::sigmoid, Activation::tanh,
                                    Activation::relu, Activation::leaky_relu, Activation::softmax};
const Loss k_losses[] = {Loss::sse, Loss::half_sse, Loss::mse, Loss::cross_entropy};

void structure_section(State& s)
{
    const Network& net = s.model.config.net;
    if (!ImGui::BeginTable("layers", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) return;
    ImGui::TableSetupColumn("layer");
    ImGui::TableSetupColumn("neurons");
    ImGui::TableSetupColumn("activation", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (int i = 0; i < int(net.sizes.size()); ++i) {
        ImGui::PushID(i);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (i == 0) ImGui::TextUnformatted("x");
        else if (i == int(net.sizes.size()) - 1) ImGui::TextUnformatted("ŷ");
        else ImGui::Text("%d", i);
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
                for (Activation a : k_activations) {
                    if (ImGui::Selectable(std::string(to_string(a)).c_str(), a == cur)) {
                        Config c = s.model.config;
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
        if (s.edit.layer < 1 || s.edit.layer >= net.layers()) say(s, "Pick a hidden layer (1 … " + std::to_string(net.layers() - 1) + ") to remove", true);
        else change_depth(s, s.edit.layer, false);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove hidden layer %d", s.edit.layer);

    const Loss cur = net.loss;
    ImGui::SetNextItemWidth(-ImGui::CalcTextSize("loss").x - ImGui::GetStyle().ItemSpacing.x);
    if (ImGui::BeginCombo("loss", std::string(to_string(cur)).c_str())) {
        for (Loss l : k_losses) {
            if (ImGui::Selectable(std::string(to_string(l)).c_str(), l == cur)) {
                Config c = s.model.config;
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

bool drag_double(const char* label, double& v, float speed)
{
    ImGui::SetNextItemWidth(-1);
    return ImGui::DragScalar(label, ImGuiDataType_Double, &v, speed, nullptr, nullptr, "%.6g");
}

void sample_section(State& s)
{
    const Network& net = s.model.config.net;
    Sample smp = s.model.config.sample();
    bool changed = false;
    if (ImGui::BeginTable("sample", 4, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_RowBg)) {
        const std::size_t rows = std::max(smp.x.size(), smp.y.size());
        for (std::size_t i = 0; i < rows; ++i) {
            ImGui::PushID(int(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            if (i < smp.x.size()) ImGui::TextUnformatted(node_name(net, NodeRef{NodeKind::input, 0, int(i), 0}).c_str());
            ImGui::TableNextColumn();
            if (i < smp.x.size()) changed |= drag_double("##x", smp.x[i], 0.01f);
            ImGui::TableNextColumn();
            if (i < smp.y.size()) ImGui::Text("y_%zu", i + 1);
            ImGui::TableNextColumn();
            if (i < smp.y.size()) changed |= drag_double("##y", smp.y[i], 0.01f);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    if (s.model.config.samples.size() > 1)
        ImGui::TextDisabled("%zu more samples are used by training only", s.model.config.samples.size() - 1);
    if (changed) {
        Config c = s.model.config;
        c.samples.front() = smp;
        try_edit(s, std::move(c), "The sample");
    }
}

void parameters_section(State& s)
{
    const Network& net = s.model.config.net;
    const std::string filter = s.edit.param_filter < 0 ? std::string("all layers") : "layer " + std::to_string(s.edit.param_filter + 1);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##pfilter", filter.c_str())) {
        if (ImGui::Selectable("all layers", s.edit.param_filter < 0)) s.edit.param_filter = -1;
        for (int l = 0; l < net.layers(); ++l)
            if (ImGui::Selectable(("layer " + std::to_string(l + 1)).c_str(), s.edit.param_filter == l)) s.edit.param_filter = l;
        ImGui::EndCombo();
    }
    s.edit.param_filter = std::min(s.edit.param_filter, net.layers() - 1);
    // One row per parameter, clipped, so 8 × 32² rows cost only what is on screen.
    struct Span { int layer; std::size_t begin, weights, end; };
    std::vector<Span> spans;
    std::size_t total = 0;
    for (int l = 0; l < net.layers(); ++l) {
        if (s.edit.param_filter >= 0 && l != s.edit.param_filter) continue;
        const std::size_t nw = net.W[std::size_t(l)].v.size(), nb = net.b[std::size_t(l)].size();
        spans.push_back({l, total, total + nw, total + nw + nb});
        total += nw + nb;
    }
    const float h = std::min(ImGui::GetTextLineHeightWithSpacing() * 12.0f, ImGui::GetTextLineHeightWithSpacing() * float(total + 1) + 8.0f);
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerV;
    if (!ImGui::BeginTable("params", 3, flags, ImVec2(0, h))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("∂L/∂·", ImGuiTableColumnFlags_WidthStretch, 1.0f);
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
            const bool focused = s.focus.active && s.focus.ref == ref;
            if (ImGui::Selectable(name.c_str(), focused)) set_focus(s, name);
            ImGui::TableNextColumn();
            if (drag_double("##v", v, 0.005f)) {
                if (!edited) edited = net;
                if (is_w) edited->W[std::size_t(l)].v[i] = v;
                else edited->b[std::size_t(l)][std::size_t(ref.j)] = v;
            }
            ImGui::TableNextColumn();
            const double g = is_w ? s.model.trace.dW[std::size_t(l)].v[i] : s.model.trace.db[std::size_t(l)][std::size_t(ref.j)];
            ImGui::TextUnformatted(fmt(g, 4).c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    if (edited) {
        Config c = s.model.config;
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
        if (std::string e = apply_config(s, std::move(c), {}); !e.empty()) say(s, std::string(what) + " refused: " + e, true);
        else say(s, std::string(what) + " applied.", false);
    } catch (const ConfigError& e) {
        say(s, std::string(what) + " refused: " + e.what(), true);
    }
}

void config_section(State& s)
{
    ImGui::TextDisabled("Paste a JSON config (see the README) and Apply");
    input_text_multiline("##json", s.edit.json, ImVec2(-1, ImGui::GetTextLineHeight() * 8));
    if (ImGui::Button("Apply")) apply_json(s, s.edit.json, "The config");
    ImGui::SameLine();
    if (ImGui::Button("Show current")) s.edit.json = config_to_json(s.model.config);
    ImGui::SameLine();
    if (ImGui::Button("Copy")) ImGui::SetClipboardText(config_to_json(s.model.config).c_str());
#ifndef IMGUI_DISABLE_FILE_FUNCTIONS   // the web build has no filesystem (set with ImGui's own flag)
    ImGui::SetNextItemWidth(-1);
    input_text("##path", s.edit.path);
    if (ImGui::Button("Load file")) {
        std::ifstream f(s.edit.path, std::ios::binary);
        if (!f) say(s, "Could not open " + s.edit.path + " for reading.", true);
        else {
            std::stringstream ss;
            ss << f.rdbuf();
            s.edit.json = ss.str();
            apply_json(s, s.edit.json, "The file");
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Save file")) {
        std::ofstream f(s.edit.path, std::ios::binary);
        f << config_to_json(s.model.config) << "\n";
        say(s, f ? "Saved to " + s.edit.path : "Could not write " + s.edit.path, !f);
    }
#endif
}

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] draw_editor
// -----------------------------------------------------------------------------------------------

void draw_editor(State& s)
{
    presets_section(s);
    if (!s.edit.message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, s.edit.message_is_error ? k_bad : k_ok);
        ImGui::TextWrapped("%s", s.edit.message.c_str());
        ImGui::PopStyleColor();
        if (ImGui::SmallButton("Dismiss")) s.edit.message.clear();
    }
    if (ImGui::CollapsingHeader("Training", ImGuiTreeNodeFlags_DefaultOpen)) training_section(s);
    if (ImGui::CollapsingHeader("Inputs x and targets y", ImGuiTreeNodeFlags_DefaultOpen)) sample_section(s);
    if (ImGui::CollapsingHeader("Layers, activations, loss")) structure_section(s);
    if (ImGui::CollapsingHeader("Weights and biases")) parameters_section(s);
    if (ImGui::CollapsingHeader("Config JSON")) config_section(s);
}

} // namespace gf::ui
