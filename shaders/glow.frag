// Glow pass, fragment stage: a soft radial halo with a hot, whitened core. Output is premultiplied
// and blended additively, so overlapping pulses brighten each other like light does.
in vec2 v_local;
in vec4 v_color;

out vec4 frag_color;

void main()
{
    float r2 = dot(v_local, v_local);                // 0 at the centre, 1 at the quad's edge
    float edge = 1.0 - smoothstep(0.6, 1.0, r2);    // reach exactly 0 before the quad ends
    float halo = exp(-4.0 * r2) * edge;
    float core = exp(-40.0 * r2);
    vec3 rgb = mix(v_color.rgb, vec3(1.0), 0.65 * core);
    float intensity = (0.8 * halo + core) * v_color.a;
    frag_color = vec4(rgb * intensity, intensity);
}
