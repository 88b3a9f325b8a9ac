//! proc_exit_zig_error_return (Zig std): main returning an error ends the
//! process with status 1 (Zig's start code: an error from main prints
//! "error: NAME" to stderr and exits 1, through proc_exit) after what was
//! flushed to stdout.
const std = @import("std");
const Io = std.Io;

var out_buf: [256]u8 = undefined;

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    var fw: Io.File.Writer = .initStreaming(.stdout(), io, &out_buf);
    const out = &fw.interface;
    try out.print("about to fail\n", .{});
    try out.flush();
    return error.CaseFailedOnPurpose;
}
