// The editor's Load / Save through the filesystem (native builds; the web has none).
#pragma once

#include "ui/app.hpp"

namespace gf::platform {

class DiskFiles final : public ui::FileStore {
public:
    std::optional<std::string> read(const std::string& path, std::string& error) override;
    bool write(const std::string& path, std::string_view text, std::string& error) override;
};

} // namespace gf::platform
