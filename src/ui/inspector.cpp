// [SECTION] Picking a focus
// [SECTION] The derivation
// [SECTION] draw_inspector
//
// The inspector: the focused parameter's derivation as gf::derive and format_derivation give
// it — the symbolic chain, the numbers one line per path, the sum, backprop, the finite
// difference, and the notes' one-path shortcut beside the truth. Read-only: it shows the
// Derivation, and the buttons call the model's operations.
#include "ui/state.hpp"
#include "ui/theme.hpp"

#include "core/derive.hpp"
#include "core/names.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace gf::ui {

namespace {

// The theme's (ui/theme.hpp), set each frame by apply_style.
const ImVec4& kYellow = g_status_ink.focus;
const ImVec4& kGood = g_status_ink.good;
const ImVec4& kBad = g_status_ink.bad;

// -----------------------------------------------------------------------------------------------
// [SECTION] Picking a focus
// -----------------------------------------------------------------------------------------------

// Every weight and bias by name, in the notes' order; the list is clipped so 8 × 32² is fine.
void parameter_combo(State& s)
{
    const Network& net = s.session.config().net;
    const Focus& focus = s.session.focus();
    const std::string preview = focus.active ? focus.name : std::string("pick a parameter…");
    ImGui::SetNextItemWidth(-1);
    if (!ImGui::BeginCombo("##param", preview.c_str(), ImGuiComboFlags_HeightLarge)) return;
    // Rows: per layer, its weights (out × in) then its biases.
    std::vector<std::size_t> layer_begin{0};
    for (int l = 0; l < net.layers(); ++l)
        layer_begin.push_back(layer_begin.back() +
                              std::size_t(net.width(l)) * std::size_t(net.sizes[std::size_t(l)] + 1));
    const std::size_t total = layer_begin.back();
    ImGuiListClipper clipper;
    clipper.Begin(int(total));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            int l = 0;
            while (std::size_t(row) >= layer_begin[std::size_t(l) + 1]) ++l;
            const std::size_t i = std::size_t(row) - layer_begin[std::size_t(l)];
            const std::size_t nw = std::size_t(net.width(l)) * std::size_t(net.sizes[std::size_t(l)]);
            NodeRef ref;
            if (i < nw)
                ref = NodeRef{NodeKind::weight, l, int(i / std::size_t(net.sizes[std::size_t(l)])),
                              int(i % std::size_t(net.sizes[std::size_t(l)]))};
            else
                ref = NodeRef{NodeKind::bias, l, int(i - nw), 0};
            const std::string name = node_name(net, ref);
            const bool selected = focus.active && focus.ref == ref;
            if (ImGui::Selectable(name.c_str(), selected)) s.session.set_focus(name);
        }
    }
    ImGui::EndCombo();
}

// -----------------------------------------------------------------------------------------------
// [SECTION] The derivation
// -----------------------------------------------------------------------------------------------

void derivation_body(State& s)
{
    const Network& net = s.session.config().net;
    const Focus& focus = s.session.focus();
    const Derivation& d = focus.deriv;
    const PathSet& ps = d.paths;
    const std::string target = gradient_name(net, d.target);

    ImGui::PushStyleColor(ImGuiCol_Text, kYellow);
    text_wrapped_tokens(target + " = " + fmt(ps.gradient, 10));
    ImGui::PopStyleColor();
    const std::string count = ps.count >= 1e15 ? fmt(ps.count, 3) : std::to_string((long long)ps.count);
    if (ps.complete())
        ImGui::TextWrapped("%s path%s from %s to L.", count.c_str(), ps.count == 1 ? "" : "s", focus.name.c_str());
    else
        ImGui::TextWrapped("%s paths from %s to L; the %zu with the largest products are listed.", count.c_str(),
                           focus.name.c_str(), ps.paths.size());

    if (ImGui::Button("Walk the paths") && s.session.walk_start() >= 0) s.session.play_walk();
    // A copy says so on the button for a moment: the clipboard itself shows nothing.
    auto copy_button = [&](const char* label, const char* done, DerivFormat format) {
        const bool recent = s.copied == label && s.last_now - s.copied_at < 2.0;
        const std::string shown = std::string(recent ? done : label) + "###" + label;
        same_line_if_fits(shown.c_str());
        if (ImGui::Button(shown.c_str())) {
            ImGui::SetClipboardText(s.session.focus_text(format).c_str());
            s.copied = label;
            s.copied_at = s.last_now;
        }
        note_widget(s, recent ? done : label);
    };
    copy_button("Copy LaTeX", "LaTeX copied", DerivFormat::latex);
    copy_button("Copy Markdown", "Markdown copied", DerivFormat::markdown);

    ImGui::Separator();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("One line per path: the local derivatives, hop by hop, and their product");
    ImGui::PopTextWrapPos();
    const float wrap = ImGui::GetContentRegionAvail().x;
    for (std::size_t p = 0; p < ps.paths.size(); ++p) {
        const Path& path = ps.paths[p];
        ImGui::PushID(int(p));
        const std::string route = path_route(net, path);
        const bool walking = s.session.frame().walk.path == int(p);
        if (walking) ImGui::PushStyleColor(ImGuiCol_Text, kYellow);
        const std::string title = "path " + std::to_string(p + 1) + path_rank_text(ps, path) + ": " + route;
        ImGui::TextWrapped("%s", title.c_str());
        if (walking) ImGui::PopStyleColor();
        note_widget(s, title); // the page's layout() lists the paths as shown, for tests
        ImGui::Indent();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap - ImGui::GetStyle().IndentSpacing);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        text_wrapped_tokens(path_chain(net, path));
        ImGui::PopStyleColor();
        // ImGui's word wrap breaks after '.', which would split a number: each factor is placed
        // whole, on this line when it fits, else on the next.
        std::vector<std::string> tokens = path_factors(path, 6, fmt);
        tokens.push_back("= " + fmt(path.product, 8));
        const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (i > 0 && ImGui::GetItemRectMax().x + 4.0f + ImGui::CalcTextSize(tokens[i].c_str()).x <= right)
                ImGui::SameLine(0.0f, 4.0f);
            ImGui::TextUnformatted(tokens[i].c_str());
        }
        ImGui::PopTextWrapPos();
        ImGui::Unindent();
        ImGui::PopID();
    }
    ImGui::Separator();
    // Wrapped between words: on a phone's sheet a 12-digit number does not fit beside its label.
    text_wrapped_tokens("Σ of " + std::to_string(ps.paths.size()) + " listed path" + (ps.paths.size() == 1 ? "" : "s") +
                        " = " + fmt(ps.listed_sum, 12));
    text_wrapped_tokens("backprop = " + fmt(ps.gradient, 12));
    text_wrapped_tokens("finite difference ≈ " + fmt(d.fd.numeric, 12));
    ImGui::PushStyleColor(ImGuiCol_Text, d.fd.ok ? kGood : kBad);
    text_wrapped_tokens(std::string(d.fd.ok ? "agrees" : "DISAGREES") + " (relative error " + fmt(d.fd.rel_err, 2) +
                        ", central difference, h = 1e−6)");
    ImGui::PopStyleColor();

    bool shortcut = focus.show_shortcut;
    if (ImGui::Checkbox("Show the notes' one-path shortcut", &shortcut)) s.session.set_show_shortcut(shortcut);
    if (shortcut) {
        ImGui::Indent();
        if (std::isnan(d.diagonal_only_sum)) {
            ImGui::TextWrapped("Not every path is listed, so the shortcut's sum is not shown.");
        } else if (!d.has_cross_terms) {
            text_wrapped_tokens("No path crosses a softmax off-diagonal here: the shortcut gives the true gradient, " +
                                fmt(d.diagonal_only_sum, 10) + ".");
        } else {
            ImGui::TextWrapped(
                "Treating ŷ_i as if it depended on a_i alone (dropping the softmax cross terms ŷ_i ← a_k, "
                "as the notes do) gives");
            ImGui::PushStyleColor(ImGuiCol_Text, kBad);
            ImGui::Text("  %s", fmt(d.diagonal_only_sum, 10).c_str());
            ImGui::PopStyleColor();
            if (ps.gradient != 0.0)
                text_wrapped_tokens("that is " + fmt(d.diagonal_only_sum / ps.gradient, 4) + " × the true gradient " +
                                    fmt(ps.gradient, 10) + ".");
        }
        ImGui::Unindent();
    }

    if (ImGui::CollapsingHeader("Factored form (one line per node)")) {
        for (const FactorLine& fl : d.factored) {
            const std::string lhs = gradient_name(net, fl.target);
            const std::string rhs = factor_line_numbers(fl, 4, fmt);
            text_wrapped_tokens(lhs + " = " + (rhs.empty() ? std::string("…") : rhs) + " = " + fmt(fl.value, 6));
        }
    }
    if (ImGui::CollapsingHeader("Full derivation as text")) {
        text_wrapped_tokens(s.session.focus_text(DerivFormat::text));
    }
}

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] draw_inspector
// -----------------------------------------------------------------------------------------------

void draw_inspector(State& s)
{
    ImGui::TextUnformatted("Focus");
    ImGui::SameLine();
    const Focus& focus = s.session.focus();
    if (focus.active && ImGui::SmallButton("Clear")) s.session.clear_focus();
    parameter_combo(s);
    // Any name the notes use: w_212, b_21, a_21, h_13, ŷ_1 (yhat_1), x_1.
    ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Focus").x - ImGui::GetStyle().FramePadding.x * 2 -
                            ImGui::GetStyle().ItemSpacing.x);
    const bool enter = input_text("##name", s.edit.focus_pick, ImGuiInputTextFlags_EnterReturnsTrue);
    note_widget(s, "focus name");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Type a name: w_212, b_21, a_21, h_13, yhat_1, x_1");
    ImGui::SameLine();
    if ((ImGui::Button("Focus") || enter) && !s.edit.focus_pick.empty()) s.session.set_focus(s.edit.focus_pick);
    if (!focus.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kBad);
        ImGui::TextWrapped("%s", focus.error.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Separator();
    if (!focus.active) {
        ImGui::TextWrapped(
            "Click an edge (a weight) or a node in the diagram, or pick a parameter above: every chain-rule "
            "path from it to the loss L is highlighted and derived here.");
        return;
    }
    derivation_body(s);
}

} // namespace gf::ui
