// Small helpers shared by the panels: colours, numbers with a real minus sign, std::string text
// boxes (imgui_stdlib is not part of gradflow_imgui), keeping a button on the line when it fits.
#include "ui/state.hpp"

#include <algorithm>
#include <functional>
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

void same_line_if_fits(const char* next_label)
{
    const ImGuiStyle& st = ImGui::GetStyle();
    const float w = ImGui::CalcTextSize(next_label, nullptr, true).x + st.FramePadding.x * 2;
    const float right = ImGui::GetItemRectMax().x + st.ItemSpacing.x + w;
    if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
}

} // namespace gf::ui
