//! clock_zig (Zig std): Io.Clock readings (clock_time_get). The awake
//! (monotonic) clock never goes back across 1000 readings; a 20 ms
//! Io.sleep (poll_oneoff with a relative clock subscription) lets at least
//! 20 ms of it pass; the real clock is after 2020-01-01. Only properties
//! are printed.
const std = @import("std");
const Io = std.Io;

var out_buf: [4096]u8 = undefined;

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    var fw: Io.File.Writer = .initStreaming(.stdout(), io, &out_buf);
    const out = &fw.interface;
    defer out.flush() catch {};
    var prev = Io.Timestamp.now(io, .awake);
    var back = false;
    for (0..1000) |_| {
        const t = Io.Timestamp.now(io, .awake);
        if (t.nanoseconds < prev.nanoseconds) back = true;
        prev = t;
    }
    try out.print("monotonic non-decreasing: {}\n", .{!back});
    const a = Io.Timestamp.now(io, .awake);
    try io.sleep(.fromMilliseconds(20), .awake);
    const b = Io.Timestamp.now(io, .awake);
    try out.print("slept >= 20ms: {}\n", .{a.durationTo(b).nanoseconds >= 20 * std.time.ns_per_ms});
    const real = Io.Timestamp.now(io, .real);
    try out.print("real clock after 2020: {}\n", .{real.toSeconds() > 1577836800});
}
