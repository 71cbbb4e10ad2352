#include "platform/files.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace gf::platform {

std::optional<std::string> DiskFiles::read(const std::string& path, std::string& error)
{
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        error = "Could not open " + path + " for reading (" + std::strerror(errno) + "); check the path.";
        return std::nullopt;
    }
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

bool DiskFiles::write(const std::string& path, std::string_view text, std::string& error)
{
    std::ofstream f(path, std::ios::binary);
    if (f) f.write(text.data(), std::streamsize(text.size()));
    if (!f) {
        error = "Could not write " + path + " (" + std::strerror(errno) + "); check the folder exists and is writable.";
        return false;
    }
    return true;
}

} // namespace gf::platform
