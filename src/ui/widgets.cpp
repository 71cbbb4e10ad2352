// Small helpers shared by the panels: colours, numbers with a real minus sign, std::string text
// boxes (imgui_stdlib is not part of gradflow_imgui), keeping a button on the line when it fits.
#include "ui/state.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string_view>

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

bool input_text(const char* label, std::string& text, ImGuiInputTextFlags flags)
{
    flags |= ImGuiInputTextFlags_CallbackResize;
    return ImGui::InputText(label, text.data(), text.capacity() + 1, flags, resize_callback, &text);
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

bool number_field(State& s, const char* label, double& v, std::string_view name)
{
    NumberField& f = s.field;
    const ImGuiID id = ImGui::GetID(label);
    const bool refused = f.refused_id == id;
    std::string text = f.id == id ? f.text : refused ? f.refused_text : round_trip(v);
    if (refused) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.40f, 1.0f));
    // A click edits the text; nothing is applied per keystroke (a half-typed 1e400 is 1e40).
    const float frame_w = ImGui::CalcItemWidth();
    input_text(label, text, ImGuiInputTextFlags_AutoSelectAll);
    if (refused) ImGui::PopStyleColor();
    if (refused && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.refused_why.c_str());
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    s.widgets.emplace_back(std::string(name), view::Rect{{a.x, a.y}, {std::min(b.x, a.x + frame_w), b.y}}); // the box
    if (ImGui::IsItemActive()) {
        if (f.id != id) f.original = round_trip(v);
        f.id = id;
        f.text = text;
        return false;
    }
    if (f.id != id || !ImGui::IsItemDeactivated()) return false;
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
