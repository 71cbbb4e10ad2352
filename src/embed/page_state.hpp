// The state a link carries, and the links that carry it.
//
//   https://host/course/gradflow/?preset=seed&focus=w_212&view=gradients&autoplay=1&speed=0.5
//       &t=3.2&embed=1&panels=timeline,derivation&contrast=high&theme=light#config=<base64url of config JSON>
//
// parse_page_url() never throws and never gives up: every bad parameter becomes one sentence in
// PageState::problems (naming the parameter, what was wrong and what is accepted) and that
// parameter falls back to its default; a bad network falls back to the default preset. Work is
// bounded before anything is decoded (kMaxFragmentBytes, kMaxQueryBytes).
// share_url() / iframe_snippet() write the same parameters back, so opening a shared link
// reproduces the picture.
#pragma once

#include "core/config.hpp"
#include "core/names.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gf::embed {

// A link over this is refused before decoding: configs that fit a link are far smaller
// (the `wide` preset with all its weights is ≈ 60 KiB of base64).
inline constexpr std::size_t kMaxFragmentBytes = std::size_t(256) << 10;
inline constexpr std::size_t kMaxQueryBytes = std::size_t(16) << 10;
// What the page animates comfortably and what getState() can return as JSON in a few ms. The
// core accepts far larger networks (11.5 M parameters) for the CLI.
inline constexpr std::size_t kMaxPageParameters = 100000;
// ?working= carries a student's working (base64url of the text) for "Check my working": a page
// of hand derivation is 1–2 KiB (the seed's notes are 1.1 KiB); more is refused with a problem.
inline constexpr std::size_t kMaxWorkingBytes = std::size_t(4) << 10;

inline constexpr std::string_view kDefaultPreset = "seed";

enum class View { weights, forward, gradients };
// One name per view, the UI's label's first word ("Contributions w·h" is contributions); the
// old name `forward` is still read.
std::string_view view_name(View v);
bool parse_view(std::string_view s, View& out);

// ?theme=: auto (the default) follows the reader's prefers-color-scheme.
enum class ThemeChoice { follow_system, dark, light };
std::string_view theme_choice_name(ThemeChoice t); // "auto", "dark", "light"
bool parse_theme_choice(std::string_view s, ThemeChoice& out);
// Every ?key the page reads, for "did you mean" when a link has an unknown one.
const std::vector<std::string_view>& parameter_names();
// The nearest of `names` within 2 edits (gf::edit_distance), or "".
std::string closest_name(std::string_view word, const std::vector<std::string_view>& names);

// Panel names the page understands in ?panels= (comma-separated; "none" hides them all).
const std::vector<std::string_view>& panel_names();

struct PageState {
    Config config;                // the network to show (never invalid)
    std::string preset;           // its preset name, "" when from #config=
    bool from_fragment = false;   // config came from #config=
    std::optional<NodeRef> focus; // validated against config.net
    std::string focus_name;       // ASCII name as in the link (w_212, yhat_1)
    View view = View::forward;
    std::optional<bool> autoplay;                   // nullopt: the app's default
    bool train = false;                             // train=1: train on the config's dataset from the start
    double speed = 1.0;                             // transport speed, [-kMaxSpeed, kMaxSpeed]
    std::optional<double> t;                        // seconds into the timeline, ≥ 0
    bool embed = false;                             // minimal chrome for iframes
    std::optional<std::vector<std::string>> panels; // nullopt: the page's default panels
    bool high_contrast = false;
    ThemeChoice theme = ThemeChoice::follow_system;
    bool discretize = false;            // ?discretize=1: the data plane as flat classes / bands
    std::optional<bool> reduced_motion; // ?motion=reduced|full; nullopt: ask the browser
    std::optional<std::string> working; // ?working=: the text for "Check my working" (opens it)
    std::vector<std::string> problems;  // one sentence per bad parameter
};

inline constexpr double kMaxSpeed = 8.0;

// `query` is location.search with or without its '?', `fragment` location.hash with or without
// its '#'. Parameters are percent-decoded ('+' is a space); an unknown one becomes a problem naming
// it (with the nearest known name), except what LMSes and trackers add (utm_*, lti_*, fbclid …);
// for a repeated one the last wins. A link with t= and no autoplay= opens paused at t.
PageState parse_page_url(std::string_view query, std::string_view fragment);

// The page's limits beyond the core's (kMaxPageParameters). Empty when fine, else the sentence.
std::string check_page_limits(const Config& c);

// Parses a config for the page: parse_config + check_page_limits. Throws ConfigError. An
// architecture over kMaxPageParameters is refused from "layers" alone, before anything is built,
// however its sizes are spelled (4, 4.0, 4e0).
Config parse_page_config(std::string_view json_text);

// Why `n` cannot be the page's focus, or "" when it can. The focus is where gradients are traced
// back from to L, so L itself has nothing to show. Shared by ?focus= and the API's focus().
std::string focus_refusal(const Network& net, const NodeRef& n);

// The preset `c` is exactly (weights, sample, everything), or "" when it is a custom network.
std::string matching_preset(const Config& c);

// What a share link carries. Defaults are left out of the link, so links stay short.
struct ShareState {
    std::string base_url;           // the page without query or fragment: origin + pathname
    const Config* config = nullptr; // required
    std::string focus;              // ASCII name or ""
    View view = View::forward;
    std::optional<bool> autoplay; // written as autoplay=1 / autoplay=0 when set
    double speed = 1.0;
    double t = 0.0;
    bool embed = false;
    std::optional<std::vector<std::string>> panels;
    bool high_contrast = false;
    ThemeChoice theme = ThemeChoice::follow_system; // written only when not auto
    bool discretize = false;                        // the data plane's discretised view
    std::string working;                            // "Check my working"'s text; "" leaves it out
};

// A preset network is linked by name (?preset=); any other travels whole in #config=.
std::string share_url(const ShareState& s);

// An <iframe> for course pages: embed=1 added, a title naming the network and focus (screen
// readers announce it), no border, lazy loading, fullscreen allowed. Every attribute is escaped.
std::string iframe_snippet(const ShareState& s, int width = 800, int height = 500);

// Helpers shared with the API and tests.
std::string percent_decode(std::string_view s); // invalid escapes are kept literally
std::string percent_encode(std::string_view s); // everything but A–Z a–z 0–9 - _ . ~ ,
std::string html_escape(std::string_view s);

} // namespace gf::embed
