//! fd_seek_zig_reader (Zig std): File.Reader.seekTo moves the offset the
//! next read starts from (fd_seek SET), getSize reports the size (13 for
//! hello.txt, from fd_filestat_get), readPositional reads at an offset
//! without moving the reader; a File.Writer seeks and overwrites in place
//! (POSIX lseek + write: "the file offset shall be set to offset bytes";
//! bytes outside the write are kept).
const std = @import("std");
const Io = std.Io;

var out_buf: [4096]u8 = undefined;

pub fn main(init: std.process.Init) !void {
    const io = init.io;
    const arena = init.arena.allocator();
    var fw: Io.File.Writer = .initStreaming(.stdout(), io, &out_buf);
    const out = &fw.interface;
    defer out.flush() catch {};
    const root = (init.preopens.get("fs.dir") orelse return error.NoPreopen).dir;

    const file = try root.openFile(io, "hello.txt", .{ .mode = .read_write });
    var rbuf: [64]u8 = undefined;
    var r = file.reader(io, &rbuf);
    try out.print("size: {d}\n", .{try r.getSize()});
    try r.seekTo(7);
    var five: [5]u8 = undefined;
    try r.interface.readSliceAll(&five);
    try out.print("after seekTo(7): [{s}] pos {d}\n", .{ &five, r.logicalPos() });
    var at: [4]u8 = undefined;
    const n = try file.readPositionalAll(io, &at, 0);
    try out.print("readPositional at 0: [{s}]\n", .{at[0..n]});
    try r.seekTo(0);
    try r.interface.readSliceAll(&five);
    try out.print("after seekTo(0): [{s}]\n", .{&five});

    var wbuf: [16]u8 = undefined;
    var w = file.writer(io, &wbuf);
    try w.seekTo(7);
    try w.interface.writeAll("wasi");
    try w.interface.flush();
    file.close(io);
    const data = try root.readFileAlloc(io, "hello.txt", arena, .limited(64));
    try out.print("after overwrite at 7: [{s}]\n", .{data});
}
