// base64url (RFC 4648 §5) for configs carried in a link's #config= fragment.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gf::embed {

// Unpadded base64url: A–Z a–z 0–9 - _ , no '=' (links stay short and need no escaping).
std::string base64url_encode(std::string_view bytes);

// Decodes base64url; also accepts the standard alphabet's '+' and '/' and trailing '=' padding,
// since people paste links through tools that "fix" them. Returns nullopt and a message naming
// the first bad character (and its position) or a bad length. Linear time, no allocation beyond
// the output.
std::optional<std::string> base64url_decode(std::string_view text, std::string& error);

} // namespace gf::embed
