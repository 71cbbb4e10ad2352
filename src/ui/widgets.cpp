// Small helpers shared by the panels: colours, numbers with a real minus sign, std::string text
// boxes (imgui_stdlib is not part of gradflow_imgui), keeping a button on the line when it fits.
#include "ui/state.hpp"

#include <algorithm>

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
