// ImGui's triangles (src/platform/imgui_gl.cpp): logical pixels to clip space, y down.
uniform mat4 u_projection;

in vec2 a_position;          // logical pixels, ImDrawVert::pos
in vec2 a_uv;                // ImDrawVert::uv
in vec4 a_color;             // ImDrawVert::col, straight RGBA

out vec2 v_uv;
out vec4 v_color;

void main()
{
    v_uv = a_uv;
    v_color = a_color;
    gl_Position = u_projection * vec4(a_position, 0.0, 1.0);
}
