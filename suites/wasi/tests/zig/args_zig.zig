//! args_zig (Zig std): std.process.Args (args_sizes_get, args_get) gives
//! each argument unchanged: spaces, the empty string, '=' and UTF-8 are not
//! split or dropped. argv[0] is the runtime's choice and not printed.
const std = @import("std");
const Io = std.Io;

var out_buf: [4096]u8 = undefined;

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    var fw: Io.File.Writer = .initStreaming(.stdout(), io, &out_buf);
    const out = &fw.interface;
    defer out.flush() catch {};
    const args = try init.minimal.args.toSlice(init.arena.allocator());
    try out.print("count: {d}\n", .{args.len});
    for (args[1..], 1..) |a, i| try out.print("arg {d}: [{s}] {d} bytes\n", .{ i, a, a.len });
    var it = try init.minimal.args.iterateAllocator(init.gpa);
    defer it.deinit();
    var n: usize = 0;
    while (it.next()) |_| n += 1;
    try out.print("iterator count: {d}\n", .{n});
}
