// The browser's clipboard for Dear ImGui (included by loop.cpp only: EM_JS defines functions).
//
// Without this, ImGui's clipboard would stay inside the page, so "Copy LaTeX" would copy
// nowhere and Ctrl+V would paste nothing. Copy: navigator.clipboard.writeText, and where that is
// refused (no secure context, no permission) the old hidden-textarea + execCommand('copy').
// Paste: reading the clipboard is asynchronous and permission-gated, but Ctrl+V also makes the
// browser fire a `paste` event before the next frame runs; its text is kept and handed to ImGui
// when it asks. Natively a no-op: the SDL backend's clipboard already is the system's.
#pragma once

#include "imgui.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

#include "embed/api.hpp"

#include <cstdlib>
#include <string>

// The body is JavaScript, which clang-format would break (=== becomes == =).
// clang-format off
EM_JS(void, gf_clipboard_listen, (), {
    if (Module.gfClipboardListening) return;
    Module.gfClipboardListening = true;
    Module.gfPasted = null;
    document.addEventListener("paste", function(e) {
        if (e.clipboardData) Module.gfPasted = e.clipboardData.getData("text/plain");
    });
});
// clang-format on

// The body is JavaScript, which clang-format would break (=== becomes == =).
// clang-format off
EM_JS(void, gf_clipboard_write, (const char* utf8), {
    var text = UTF8ToString(utf8);
    Module.gfPasted = text;   // a paste inside the page gets what was just copied
    function fallback() {
        var ta = document.createElement("textarea");
        ta.value = text;
        ta.setAttribute("readonly", "");
        ta.style.position = "fixed";
        ta.style.left = "-9999px";
        document.body.appendChild(ta);
        ta.select();
        try { document.execCommand("copy"); } catch (err) {}
        document.body.removeChild(ta);
        var canvas = document.getElementById("canvas");
        if (canvas) canvas.focus();
    }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).catch(fallback);
    else fallback();
});
// clang-format on

// malloc"d UTF-8 of the last pasted (or copied) text, or null. A paste over max_bytes is measured
// and refused before anything is copied into wasm memory: an empty text is pasted instead and the
// page says why.
// The body is JavaScript, which clang-format would break (=== becomes == =).
// clang-format off
EM_JS(char*, gf_clipboard_take, (double max_bytes), {
    var text = Module.gfPasted;
    if (text === null || text === undefined) return 0;
    var n = lengthBytesUTF8(text) + 1;
    if (n - 1 > max_bytes) {
        Module.gfPasted = null;
        var why = "The pasted text is " + Math.ceil((n - 1) / 1024) + " KiB; at most " + Math.floor(max_bytes / 1024) +
                  " KiB can be pasted (a config of the page's largest network with all its weights fits), so nothing was pasted. " +
                  "Use gradflow-cli for larger networks.";
        console.warn("gradflow: " + why);
        var page = window["gradflowPage"];
        if (page && page["notice"]) page["notice"]("That paste was too large.", [why]);
        text = "";
        n = 1;
    }
    var p = _malloc(n);
    if (p) stringToUTF8(text, p, n);
    return p;
});
// clang-format on

namespace gf::platform {

// The largest paste taken: the page's largest request (a config of kMaxPageParameters with every
// weight written out fits). ImGui holds text it edits several times over, so a 50 MB paste would
// take hundreds of MB.
inline constexpr std::size_t kMaxPasteBytes = gf::embed::kMaxRequestBytes;

inline std::string& clipboard_text()
{
    static std::string text; // what GetClipboardTextFn returns must outlive the call
    return text;
}

inline void install_clipboard()
{
    gf_clipboard_listen();
    ImGuiIO& io = ImGui::GetIO();
    io.SetClipboardTextFn = [](void*, const char* text) {
        clipboard_text() = text ? text : "";
        gf_clipboard_write(clipboard_text().c_str());
    };
    io.GetClipboardTextFn = [](void*) -> const char* {
        if (char* p = gf_clipboard_take(double(kMaxPasteBytes))) {
            clipboard_text() = p;
            std::free(p);
        }
        return clipboard_text().c_str();
    };
}

} // namespace gf::platform

#else

namespace gf::platform {
inline void install_clipboard() {}
} // namespace gf::platform

#endif
