//! stdio_zig_stdout_positional (Zig std): the stdout writer of Zig's own
//! project template (File.Writer.init, positional mode) first tries
//! fd_pwrite on stdout, and falls back to fd_write only on ESPIPE. The
//! runner's stdout is a pipe. POSIX pwrite on a pipe: "[ESPIPE] The file is
//! a pipe"; under the preview1 rights model stdout lacks fd_seek, and the
//! fd_write right includes fd_pwrite only "If rights::fd_seek is set", so
//! ENOTCAPABLE is also a lawful answer (WasmEdge gives it). On ESPIPE the
//! line is printed; on ENOTCAPABLE Zig reports AccessDenied, printed here
//! through a streaming writer. Any other errno (wazero gives EIO) is a
//! host bug.
const std = @import("std");
const Io = std.Io;

var buf1: [256]u8 = undefined;
var buf2: [256]u8 = undefined;

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    var fw: Io.File.Writer = .init(.stdout(), io, &buf1);
    fw.interface.writeAll("template writer line\n") catch {};
    const flushed = fw.interface.flush();
    var sw: Io.File.Writer = .initStreaming(.stdout(), io, &buf2);
    if (flushed) |_| {
        try sw.interface.print("template writer: ok\n", .{});
    } else |_| {
        try sw.interface.print("template writer failed: {s}\n", .{if (fw.err) |e| @errorName(e) else "?"});
    }
    try sw.interface.flush();
}
