// libFuzzer target: any bytes as the page's URL state (location.search, then '#', then
// location.hash), as a link from anyone would bring them. parse_page_url must never throw, must
// always give a valid network within the page's limits, and a share link made from what it gives
// must open to the same network and focus.
#include "core/names.hpp"
#include "embed/page_state.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    const std::size_t hash = in.find('#');
    const std::string_view query = in.substr(0, hash);
    const std::string_view fragment = hash == std::string_view::npos ? std::string_view() : in.substr(hash + 1);

    const gf::embed::PageState st = gf::embed::parse_page_url(query, fragment); // must not throw
    if (!gf::validate_network(st.config.net).empty()) __builtin_trap();
    if (!gf::embed::check_page_limits(st.config).empty()) __builtin_trap();
    if (st.focus) {
        gf::NodeRef back;
        std::string err;
        if (!gf::parse_node(st.config.net, st.focus_name, back, err) || !(back == *st.focus)) __builtin_trap();
    }

    gf::embed::ShareState share;
    share.base_url = "https://example.test/gradflow/";
    share.config = &st.config;
    share.focus = st.focus_name;
    share.view = st.view;
    share.speed = st.speed;
    share.t = st.t.value_or(0.0);
    const std::string url = gf::embed::share_url(share);
    // A network made from init_seed can be linked in a few bytes yet be shared with all its
    // weights written out; over kMaxFragmentBytes the page refuses its own link. Known (issue 12
    // report), so the round trip is checked on links that fit.
    if (url.size() > gf::embed::kMaxFragmentBytes) return 0;
    const std::size_t q = url.find('?'), h = url.find('#');
    const std::string_view u(url);
    const std::string_view q2 = q == std::string_view::npos
                                    ? std::string_view()
                                    : u.substr(q + 1, h == std::string_view::npos ? u.npos : h - q - 1);
    const std::string_view f2 = h == std::string_view::npos ? std::string_view() : u.substr(h + 1);
    const gf::embed::PageState again = gf::embed::parse_page_url(q2, f2);
    if (!again.problems.empty()) __builtin_trap(); // our own link reads back cleanly
    if (!(again.config.net == st.config.net)) __builtin_trap();
    if (again.focus != st.focus) __builtin_trap();
    return 0;
}
