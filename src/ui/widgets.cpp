// Small helpers shared by the panels: colours, numbers with a real minus sign, std::string text
// boxes (imgui_stdlib is not part of gradflow_imgui), keeping a button on the line when it fits.
#include "ui/state.hpp"

#include "imgui_internal.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>

namespace gf::ui {

ImU32 to_imu32(const view::Rgba& c, float alpha_scale)
{
    view::Rgba k = c;
    k.a = std::clamp(c.a * alpha_scale, 0.0f, 1.0f);
    return ImU32(view::pack_abgr(k));
}

std::string fmt(double v, int sig)
{
    std::string s = format_number(v, sig);
    // U+2212 MINUS SIGN: the same width as '+', so columns of numbers line up and read as maths.
    std::string out;
    out.reserve(s.size() + 4);
    for (char ch : s) {
        if (ch == '-')
            out += "\xE2\x88\x92";
        else
            out += ch;
    }
    return out;
}

namespace {

int resize_callback(ImGuiInputTextCallbackData* data)
{
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* str = static_cast<std::string*>(data->UserData);
        str->resize(std::size_t(data->BufTextLen));
        data->Buf = str->data();
    }
    return 0;
}

} // namespace

bool input_text_multiline(const char* label, std::string& text, ImVec2 size, ImGuiInputTextFlags flags)
{
    flags |= ImGuiInputTextFlags_CallbackResize;
    return ImGui::InputTextMultiline(label, text.data(), text.capacity() + 1, size, flags, resize_callback, &text);
}

namespace {

// Whether the one-line text box `label` needs ImGui's editor this frame; when not, draws what the
// editor would draw for it at rest (the frame, `shown` from its left, the visible part of the
// label) as the same item, so hovering, tooltips, item rectangles and Tab focus behave as before.
// The editor is wanted while the box is being edited, on its last frame (the deactivation) and on
// the frame that starts an edit: a click on it, or Tab / keyboard focus (ImGui asks with
// NavActivateInputId, which the editor reads in that same frame). A reader who only watches never
// runs the editor (~9 KB of wasm), so it stays out of the page's first part (web/split_module.py).
bool editor_wanted(const char* label, std::string_view shown)
{
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return false;
    const ImGuiID id = window->GetID(label);
    if (g.ActiveId == id || g.ActiveIdPreviousFrame == id || g.NavActivateInputId == id || g.NavActivateId == id)
        return true;
    const ImGuiStyle& style = g.Style;
    const ImVec2 label_size = ImGui::CalcTextSize(label, nullptr, true);
    const ImVec2 frame_size =
        ImGui::CalcItemSize(ImVec2(0, 0), ImGui::CalcItemWidth(), label_size.y + style.FramePadding.y * 2.0f);
    const ImVec2 at = window->DC.CursorPos;
    const ImRect frame_bb(at, ImVec2(at.x + frame_size.x, at.y + frame_size.y));
    if (g.IO.MouseClicked[0] && g.HoveredWindow == window && ImGui::IsMouseHoveringRect(frame_bb.Min, frame_bb.Max))
        return true; // the editor takes this click itself, as it always has
    const float label_w = label_size.x > 0 ? style.ItemInnerSpacing.x + label_size.x : 0.0f;
    const ImRect total_bb(frame_bb.Min, ImVec2(frame_bb.Max.x + label_w, frame_bb.Max.y));
    ImGui::ItemSize(total_bb, style.FramePadding.y);
    if (!ImGui::ItemAdd(total_bb, id, &frame_bb, ImGuiItemFlags_Inputable)) return false;
    if (ImGui::ItemHoverable(frame_bb, id)) g.MouseCursor = ImGuiMouseCursor_TextInput;
    ImGui::RenderNavHighlight(frame_bb, id);
    ImGui::RenderFrame(frame_bb.Min, frame_bb.Max, ImGui::GetColorU32(ImGuiCol_FrameBg), true, style.FrameRounding);
    const ImVec4 clip(frame_bb.Min.x, frame_bb.Min.y, frame_bb.Max.x, frame_bb.Max.y);
    window->DrawList->AddText(g.Font, g.FontSize, ImVec2(at.x + style.FramePadding.x, at.y + style.FramePadding.y),
                              ImGui::GetColorU32(ImGuiCol_Text), shown.data(), shown.data() + shown.size(), 0.0f,
                              &clip);
    if (label_size.x > 0)
        ImGui::RenderText(ImVec2(frame_bb.Max.x + style.ItemInnerSpacing.x, frame_bb.Min.y + style.FramePadding.y),
                          label);
    return false;
}

} // namespace

bool input_text(const char* label, std::string& text, ImGuiInputTextFlags flags)
{
    if (!editor_wanted(label, text)) return false;
    flags |= ImGuiInputTextFlags_CallbackResize;
    return ImGui::InputText(label, text.data(), text.capacity() + 1, flags, resize_callback, &text);
}

bool input_int(const char* label, int& v)
{
    if (!editor_wanted(label, std::to_string(v))) return false;
    return ImGui::InputInt(label, &v, 0);
}

std::vector<std::string> wrap_lines(std::string_view text, float width,
                                    const std::function<float(std::string_view)>& measure)
{
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at <= text.size()) {
        const std::size_t nl = std::min(text.find('\n', at), text.size());
        const std::string_view line = text.substr(at, nl - at);
        // Leading spaces are indentation: they stay with the first word.
        std::size_t i = line.find_first_not_of(' ');
        if (i == std::string_view::npos) i = line.size();
        std::string cur(line.substr(0, i));
        bool has_word = false;
        while (i < line.size()) {
            const std::size_t end = std::min(line.find(' ', i), line.size());
            const std::string_view word = line.substr(i, end - i);
            if (!word.empty()) {
                if (has_word && measure(cur + " " + std::string(word)) > width) {
                    lines.push_back(std::move(cur));
                    cur = std::string(word);
                } else {
                    if (has_word) cur += ' ';
                    cur += word;
                }
                has_word = true;
            }
            i = end + 1;
        }
        lines.push_back(std::move(cur));
        if (nl >= text.size()) break;
        at = nl + 1;
    }
    return lines;
}

std::vector<std::string> wrap_link(std::string_view text, float width,
                                   const std::function<float(std::string_view)>& measure)
{
    // Pieces that may start a line: a break before ?&# and after a space or '/'.
    std::vector<std::string_view> pieces;
    std::size_t start = 0;
    for (std::size_t i = 1; i < text.size(); ++i) {
        const char c = text[i], prev = text[i - 1];
        if (c == '?' || c == '&' || c == '#' || prev == ' ' || prev == '/') {
            pieces.push_back(text.substr(start, i - start));
            start = i;
        }
    }
    if (start < text.size()) pieces.push_back(text.substr(start));
    std::vector<std::string> lines;
    std::string cur;
    for (std::string_view piece : pieces) {
        if (!cur.empty() && measure(cur + std::string(piece)) > width) lines.push_back(std::exchange(cur, {}));
        while (measure(piece) > width && piece.size() > 1) {
            // No place to break: as many whole characters as fit (at least one).
            std::size_t n = 0;
            for (std::size_t next = 1; next <= piece.size(); ++next) {
                if (next < piece.size() && (static_cast<unsigned char>(piece[next]) & 0xC0) == 0x80) continue;
                if (n > 0 && measure(cur + std::string(piece.substr(0, next))) > width) break;
                n = next;
            }
            cur += piece.substr(0, n);
            lines.push_back(std::exchange(cur, {}));
            piece.remove_prefix(n);
        }
        cur += piece;
    }
    if (!cur.empty() || lines.empty()) lines.push_back(std::move(cur));
    return lines;
}

void text_wrapped_tokens(std::string_view text)
{
    const float right = ImGui::GetContentRegionAvail().x;
    ImFont* font = ImGui::GetFont();
    const float px = ImGui::GetFontSize();
    const auto measure = [&](std::string_view t) {
        return font->CalcTextSizeA(px, 1e9f, 0.0f, t.data(), t.data() + t.size()).x;
    };
    for (const std::string& line : wrap_lines(text, std::max(right, px * 4.0f), measure))
        ImGui::TextUnformatted(line.c_str(), line.c_str() + line.size());
}

namespace {

// Shortest text that reads back to the same double, so showing a value and committing it unedited
// changes nothing.
std::string round_trip(double v)
{
    char buf[32];
    for (int prec = 6; prec <= 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
}

// The number in `text` (surrounding spaces and a leading '+' allowed, U+2212 read as '-'), or why not.
std::optional<double> read_number(std::string text, std::string& why)
{
    for (std::size_t at; (at = text.find("\xE2\x88\x92")) != std::string::npos;) text.replace(at, 3, "-");
    const auto first = text.find_first_not_of(" \t"), last = text.find_last_not_of(" \t");
    if (first == std::string::npos) {
        why = "is empty; type a number such as 0.5 or -2e-3";
        return std::nullopt;
    }
    text = text.substr(first, last - first + 1);
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end != '\0' || text.find_first_of("xXnNiI") != std::string::npos) {
        why = "\"" + text.substr(0, 24) + "\" is not a number; type digits, a '.', a sign or an exponent (2e-3)";
        return std::nullopt;
    }
    if (!std::isfinite(v)) {
        why = "\"" + text.substr(0, 24) + "\" is too large for a double (at most about 1.8e308)";
        return std::nullopt;
    }
    return v;
}

} // namespace

double dragged_value(double from, double pixels, double step)
{
    const double v = from + std::round(pixels) * step;
    const int decimals = std::clamp(int(-std::floor(std::log10(step) + 1e-9)), 0, 17);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return std::strtod(buf, nullptr);
}

namespace {

// The grip beside a number field: drawn as three short bars, dragged sideways to scrub the value.
// Returns true on the frames it changed `v`.
bool number_grip(State& s, ImGuiID key, double& v, std::string_view name, float w)
{
    NumberField& f = s.field;
    const float h = ImGui::GetFrameHeight();
    ImGui::InvisibleButton("grip", ImVec2(w, h));
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    s.widgets.emplace_back(std::string(name) + " grip", view::Rect{{a.x, a.y}, {b.x, b.y}});
    const bool active = ImGui::IsItemActive(), hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImGuiCol bg = active ? ImGuiCol_FrameBgActive : hovered ? ImGuiCol_FrameBgHovered : ImGuiCol_FrameBg;
    dl->AddRectFilled(a, b, ImGui::GetColorU32(bg), ImGui::GetStyle().FrameRounding);
    const ImU32 bar = ImGui::GetColorU32(hovered || active ? ImGuiCol_Text : ImGuiCol_TextDisabled);
    const float cx = (a.x + b.x) * 0.5f, gap = std::max(2.0f, w * 0.16f);
    for (int i = -1; i <= 1; ++i)
        dl->AddLine(ImVec2(cx + float(i) * gap, a.y + h * 0.3f), ImVec2(cx + float(i) * gap, b.y - h * 0.3f), bar,
                    1.5f);
    if (hovered || active) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    if (hovered && !active) ImGui::SetTooltip("Drag sideways to change %s (Shift: finer)", std::string(name).c_str());
    // The release's frame still counts the mouse's last move, so a drag there and back returns.
    const bool released = ImGui::IsItemDeactivated() && f.dragged_id == key;
    if (!active && !released) return false;
    if (released) f.dragged_id = 0;
    if (active && f.dragged_id != key) {
        // The step: a hundredth of the value's leading power of ten (0.01 for 3, 1e-5 for 0.001).
        // The press's own frame moves nothing (its mouse delta is the approach to the grip).
        f.dragged_id = key;
        f.drag_from = v;
        f.drag_px = 0;
        f.drag_step = std::pow(10.0, std::floor(std::log10(std::max(std::abs(v), 1e-3))) - 2.0);
        return false;
    }
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseDelta.x == 0.0f) return false;
    f.drag_px += double(io.MouseDelta.x) * (io.KeyShift ? 0.1 : 1.0);
    const double next = dragged_value(f.drag_from, f.drag_px, f.drag_step);
    if (next == v || !std::isfinite(next)) return false;
    v = next;
    return true;
}

} // namespace

bool number_field(State& s, const char* label, double& v, std::string_view name)
{
    NumberField& f = s.field;
    const ImGuiID id = ImGui::GetID(label);
    const bool refused = f.refused_id == id;
    std::string text = f.id == id ? f.text : refused ? f.refused_text : round_trip(v);
    // The box, then the grip, then the label's visible part (the text before "##"), as ImGui
    // would have drawn the label.
    const ImGuiStyle& st = ImGui::GetStyle();
    const float frame_w = ImGui::CalcItemWidth();
    const float grip_w = std::round(ImGui::GetFrameHeight() * 0.7f), gap = std::round(st.ItemInnerSpacing.x * 0.5f);
    const char* hidden = std::strstr(label, "##");
    const std::string_view visible(label, hidden ? std::size_t(hidden - label) : std::strlen(label));
    const std::string box_label = "##" + std::string(label);
    ImGui::SetNextItemWidth(std::max(frame_w - grip_w - gap, ImGui::GetFontSize() * 2.0f));
    if (refused) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.40f, 1.0f));
    // A click edits the text; nothing is applied per keystroke (a half-typed 1e400 is 1e40).
    input_text(box_label.c_str(), text, ImGuiInputTextFlags_AutoSelectAll);
    if (refused) ImGui::PopStyleColor();
    if (refused && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.refused_why.c_str());
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    s.widgets.emplace_back(std::string(name), view::Rect{{a.x, a.y}, {b.x, b.y}}); // the box
    const bool box_active = ImGui::IsItemActive(), box_left = ImGui::IsItemDeactivated();
    ImGui::SameLine(0.0f, gap);
    ImGui::PushID(label);
    double dragged = v;
    const bool grip_moved = !box_active && number_grip(s, id, dragged, name, grip_w);
    ImGui::PopID();
    if (!visible.empty()) {
        ImGui::SameLine(0.0f, st.ItemInnerSpacing.x);
        ImGui::TextUnformatted(visible.data(), visible.data() + visible.size());
    }
    if (box_active) {
        if (f.id != id) f.original = round_trip(v);
        f.id = id;
        f.text = text;
        return false;
    }
    if (grip_moved) {
        if (refused) f.refused_id = 0;
        v = dragged;
        return true;
    }
    if (f.id != id || !box_left) return false;
    // Left the field: Enter or a click elsewhere applies; Escape (ImGui already put back the old
    // text) and an unchanged text do nothing.
    f.id = 0;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) || text == f.original) {
        if (refused) f.refused_id = 0;
        return false;
    }
    std::string why;
    const auto parsed = read_number(text, why);
    if (!parsed) {
        f.refused_id = id;
        f.refused_text = text;
        f.refused_why = std::string(name) + ": " + why + ". The value stays " + round_trip(v) + ".";
        s.edit.message = f.refused_why;
        s.edit.message_is_error = true;
        return false;
    }
    if (refused) f.refused_id = 0;
    v = *parsed;
    return true;
}

void note_widget(State& s, std::string name)
{
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    s.widgets.emplace_back(std::move(name), view::Rect{{a.x, a.y}, {b.x, b.y}});
}

void same_line_if_fits(const char* next_label)
{
    const ImGuiStyle& st = ImGui::GetStyle();
    const float w = ImGui::CalcTextSize(next_label, nullptr, true).x + st.FramePadding.x * 2;
    const float right = ImGui::GetItemRectMax().x + st.ItemSpacing.x + w;
    if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
}

} // namespace gf::ui
