// [SECTION] Asking the checker
// [SECTION] App: the working's operations
// [SECTION] A line's verdict: words, colour, what it points at
// [SECTION] draw_working
// [SECTION] draw_right_panel: the derivation | the working
//
// "Check my working": the student types their derivation, one quantity per line, and each line's
// verdict shows under the text as they type — right, follows through, slip (named) or error —
// with the summary and the tolerance. A click on a verdict focuses its quantity on the canvas
// and, for a slip, marks the hop where it happened (canvas.cpp, draw_working_hop).
//
// The App does not check anything itself: the checker (gf::tutor::check_working) needs muparser,
// which the page loads as a separate module. The platform installs a checker; the App asks it
// again whenever the text, the network or its sample changed, numbering each request, and keeps
// the last good answer on screen until the newest one arrives (an older answer is dropped).
#include "ui/state.hpp"
#include "ui/theme.hpp"

#include "core/names.hpp"

#include "imgui_internal.h" // InnerClipRect: is a row wholly in view

#include <string>
#include <utility>

namespace gf::ui {

namespace {

// A short example in place of a blank box: three lines in the notes' names.
constexpr const char* kExample = "a_12 = 0.3*2 + 0.2*5 + 0*3 + 0.5*3\n"
                                 "h_12 = sigmoid(a_12)\n"
                                 "dL/dw_212 = dL/dyhat_1 * dyhat_1/da_21 * da_21/dw_212\n";

// The hop the canvas marks for the selected line: a slip's, else nothing.
void update_hop(Working& w)
{
    w.hop.clear();
    if (!w.has_report) return;
    for (const tutor::LineVerdict& l : w.report.lines)
        if (l.line == w.selected && l.verdict == tutor::Verdict::slip) w.hop = l.hop;
}

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] Asking the checker
// -----------------------------------------------------------------------------------------------

void request_working_check(State& s)
{
    Working& w = s.working;
    if (!w.open && !w.select_tab) return; // nothing is checked while nobody looks
    const int revision = s.session.revision();
    if (w.text == w.asked_text && revision == w.asked_revision) return;
    w.asked_text = w.text;
    w.asked_revision = revision;
    ++w.generation;
    w.error.clear();
    if (w.text.find_first_not_of(" \t\r\n") == std::string::npos) {
        w.pending = false;
        w.has_report = false;
        w.hop.clear();
        return;
    }
    if (!w.checker) {
        w.pending = false;
        w.error = "Checking working is not available in this build: it needs muparser "
                  "(install libmuparser-dev, as scripts/setup.sh does, and build again).";
        return;
    }
    w.pending = true;
    w.checker(w.text, w.generation); // may answer at once (natively)
}

// -----------------------------------------------------------------------------------------------
// [SECTION] App: the working's operations
// -----------------------------------------------------------------------------------------------

void App::set_working_checker(std::function<void(std::string, int)> checker)
{
    s_->working.checker = std::move(checker);
    s_->working.asked_revision = -1; // ask the new checker
}

void App::receive_working_report(int generation, tutor::WorkingReport report)
{
    Working& w = s_->working;
    if (generation != w.generation) return; // an answer to text that has changed since
    w.pending = false;
    w.error.clear();
    w.report = std::move(report);
    w.has_report = true;
    w.report_revision = w.asked_revision;
    update_hop(w);
}

void App::receive_working_json(int generation, std::string_view json)
{
    if (generation != s_->working.generation) return;
    tutor::WorkingReport r;
    std::string error;
    if (tutor::working_report_from_json(s_->session.config().net, json, r, error))
        receive_working_report(generation, std::move(r));
    else
        receive_working_error(generation, std::move(error));
}

void App::receive_working_error(int generation, std::string message)
{
    Working& w = s_->working;
    if (generation != w.generation) return;
    w.pending = false;
    w.error = message.empty() ? std::string("The checker failed without saying why.") : std::move(message);
}

const std::string& App::working_text() const { return s_->working.text; }

void App::set_working_text(std::string text)
{
    s_->working.text = std::move(text);
    set_working_open(true);
}

bool App::working_open() const { return s_->working.open || s_->working.select_tab; }

void App::set_working_open(bool open)
{
    Working& w = s_->working;
    w.select_tab = open;
    w.open = open;
    if (open) {
        s_->panels.inspector_open = true; // the tab lives beside the derivation
        s_->panels.sheet = Panels::Sheet::working;
    } else if (s_->panels.sheet == Panels::Sheet::working) {
        s_->panels.sheet = Panels::Sheet::none;
    }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] A line's verdict: words, colour, what it points at
// -----------------------------------------------------------------------------------------------

namespace {

// Words first: colour is never the only signal.
std::string verdict_words(const tutor::LineVerdict& l)
{
    switch (l.verdict) {
    case tutor::Verdict::right: return "right";
    case tutor::Verdict::follows_through: return "follows through";
    case tutor::Verdict::slip: return "slip: " + std::string(tutor::to_string(l.slip));
    case tutor::Verdict::error: return "error at column " + std::to_string(l.column);
    }
    return "?";
}

ImVec4 verdict_color(tutor::Verdict v)
{
    switch (v) {
    case tutor::Verdict::right: return g_status_ink.good;
    case tutor::Verdict::follows_through: return ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
    case tutor::Verdict::slip:
    case tutor::Verdict::error: return g_status_ink.bad;
    }
    return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

// What a click on the line focuses: the node for a value, the output for a target, the
// denominator for a derivative (the parameter of a gradient, the weight or node of a local one).
std::string focus_name(const Network& net, const tutor::Quantity& q)
{
    const NodeRef& n = q.kind == tutor::QuantityKind::derivative ? q.den : q.num;
    if (n.kind == NodeKind::loss) return "";
    return node_name(net, n, NameStyle::ascii);
}

void select_line(State& s, const tutor::LineVerdict& l)
{
    Working& w = s.working;
    w.selected = l.line;
    update_hop(w);
    if (l.verdict == tutor::Verdict::error || l.name.empty()) return;
    const std::string name = focus_name(s.session.config().net, l.quantity);
    if (!name.empty()) (void)s.session.set_focus(name); // a refusal (h_12 is no focus) keeps the old one
}

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] draw_working
// -----------------------------------------------------------------------------------------------

void draw_working(State& s)
{
    Working& w = s.working;
    w.open = true;
    w.rows.clear();
    request_working_check(s);

    const float line_h = ImGui::GetTextLineHeight();
    const float box_h = std::clamp(ImGui::GetContentRegionAvail().y * 0.35f, line_h * 4.0f, line_h * 14.0f);
    input_text_multiline("##working", w.text, ImVec2(-1, box_h), ImGuiInputTextFlags_AllowTabInput);
    note_widget(s, "working: text");
    if (w.text.empty()) {
        // Not a blank box: what a line looks like, and one click to try it. Only here: once there
        // is text, the verdicts need the height (800×500 shows the box and a handful of them).
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        text_wrapped_tokens("One quantity per line in the notes' names (a_12, h_12, yhat_1, dL/dw_212, "
                            "dyhat_1/da_21); the right side may use numbers, exp, log, sigmoid and your own lines.");
        ImGui::PopStyleColor();

        ImGui::TextDisabled("For example:");
        ImGui::Indent();
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextUnformatted(kExample);
        ImGui::PopStyleColor();
        ImGui::Unindent();
        if (ImGui::Button("Try this example")) w.text = kExample;
        note_widget(s, "working: example");
        return;
    }
    request_working_check(s); // the text may have changed this frame: ask now, not a frame later

    if (!w.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, g_status_ink.bad);
        text_wrapped_tokens(w.error);
        ImGui::PopStyleColor();
    }
    if (!w.has_report) {
        if (w.pending) ImGui::TextDisabled("Checking…");
        return;
    }
    const tutor::WorkingReport& r = w.report;
    {
        const bool clean = r.summary.slips == 0 && r.summary.errors == 0;
        ImGui::PushStyleColor(ImGuiCol_Text, clean ? g_status_ink.good : g_status_ink.bad);
        text_wrapped_tokens(r.summary.text);
        ImGui::PopStyleColor();
        ImGui::TextDisabled("relative tolerance %s%s", fmt(r.tolerance, 3).c_str(), w.pending ? "  (checking…)" : "");
        note_widget(s, "working: summary");
    }
    ImGui::Separator();
    const Network& net = s.session.config().net;
    for (const tutor::LineVerdict& l : r.lines) {
        const std::string words = verdict_words(l);
        std::string label = "line " + std::to_string(l.line) + "  " + words;
        if (!l.name.empty()) label += "  " + l.name;
        if (l.has_value) label += " = " + fmt(l.value, 6);
        ImGui::PushID(l.line);
        ImGui::PushStyleColor(ImGuiCol_Text, verdict_color(l.verdict));
        const bool selected = w.selected == l.line;
        if (ImGui::Selectable(label.c_str(), selected)) select_line(s, l);
        ImGui::PopStyleColor();
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        // Scrolled out of the panel's view: reported as such, so tests scroll before they click.
        const ImRect clip = ImGui::GetCurrentWindowRead()->InnerClipRect; // rows are not cut at top or bottom
        const char* kind = a.y >= clip.Min.y && b.y <= clip.Max.y + 1.0f ? "verdict" : "verdict hidden";
        w.rows.push_back(DrawnLabel{"line " + std::to_string(l.line), kind, words, view::Rect{{a.x, a.y}, {b.x, b.y}}});
        if (ImGui::IsItemHovered() && !selected) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
            ImGui::TextUnformatted(l.why.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
        if (selected) {
            // The why under the selected line; for a slip, where the canvas marks it.
            ImGui::Indent();
            text_wrapped_tokens(l.why);
            if (l.verdict == tutor::Verdict::slip && !l.hop.empty()) {
                std::string where;
                for (const NodeRef& n : l.hop) where += (where.empty() ? "" : " → ") + node_name(net, n);
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
                text_wrapped_tokens("Marked on the diagram with a dashed ring: " + where);
                ImGui::PopStyleColor();
            }
            ImGui::Unindent();
        }
        ImGui::PopID();
    }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] draw_right_panel: the derivation | the working
// -----------------------------------------------------------------------------------------------

// Beside the derivation, which is what the student's working is checked against.
void draw_right_panel(State& s)
{
    Working& w = s.working;
    if (!ImGui::BeginTabBar("right_tabs")) return;
    if (ImGui::BeginTabItem("Derivation")) {
        note_widget(s, "Derivation");
        draw_inspector(s);
        ImGui::EndTabItem();
    } else {
        note_widget(s, "Derivation");
    }
    const bool shown =
        ImGui::BeginTabItem("Check my working", nullptr, w.select_tab ? ImGuiTabItemFlags_SetSelected : 0);
    note_widget(s, "Check my working");
    if (shown) w.select_tab = false; // a new tab bar takes a frame to know its tabs: ask until it shows
    w.open = shown;
    if (shown) {
        draw_working(s);
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
}

} // namespace gf::ui
